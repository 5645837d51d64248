import type { ModuleManifest } from '../../../server/modules';
import { appraisalRoutes } from './routes';

export { appraisalPolicy } from './policy';

// The demo plays its appraisal through the same commands as the routes.
export { castAppraisalBallot } from './commands/castAppraisalBallot';
export { closeAppraisalVoting } from './commands/closeAppraisalVoting';
export { openAppraisalCommand } from './commands/context';
export { createAppraisal } from './commands/createAppraisal';
export { openAppraisalVoting } from './commands/openAppraisalVoting';
export { setFinalGrades } from './commands/setFinalGrades';
export { writeSelfAppraisal } from './commands/writeSelfAppraisal';
export { getAppraisalRow } from './repository';

/** 民主评议党员: per branch and year, an anonymous test with the ballot machinery of the elections. */
export const appraisalPart: ModuleManifest = { name: 'consult.appraisal', routes: appraisalRoutes };
