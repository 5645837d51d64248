import type { ModuleManifest } from '../../../server/modules';
import { electionManageRoutes } from './routes/manage';
import { electionRollRoutes } from './routes/roll';
import { electionVoteRoutes } from './routes/vote';
import { advanceElectionPhases } from './schedule';

export { electionPolicy } from './policy';

// The demo plays its election through the same commands as the routes.
export { castVote } from './commands/castVote';
export { openElectionCommand } from './commands/context';
export { createElection } from './commands/createElection';
export { nominateCandidate } from './commands/nominateCandidate';
export { openVoting } from './commands/openVoting';
export { reviewNomination } from './commands/reviewNomination';
export { getElectionRow } from './repository';
export { advanceElectionPhases } from './schedule';
export { CreateElectionBody, NominateBody } from './schemas';

/** 典型评选、民主推荐: nominations reviewed by workers, a secret vote on a frozen roll, 公示, then final. */
export const electionsPart: ModuleManifest = {
  name: 'consult.elections',
  routes: async (app) => {
    await electionManageRoutes(app);
    await electionVoteRoutes(app);
    await electionRollRoutes(app);
  },
  jobs: [
    {
      name: 'consult.election-phases',
      intervalSeconds: () => 300,
      run: async (ctx) => {
        await advanceElectionPhases(ctx);
      },
    },
  ],
};
