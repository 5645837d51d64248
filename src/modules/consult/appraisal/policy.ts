import type { Actor } from '../../../core/actor';
import { definePolicy, signedIn, withRole, type Rule } from '../../../core/policy';
import type { Role } from '../../../core/roles';
import { CONSULT_MANAGER_ROLES } from '../policy';

/** The branch committee: the organisation's party-masses workers and the leaders reaching the branch. */
export const APPRAISAL_COMMITTEE_ROLES: Role[] = [...CONSULT_MANAGER_ROLES, 'leader'];

export interface AppraisalFacts {
  orgId: string;
  /** Whether the reader is on the branch's roster for this appraisal. */
  onRoster: boolean;
}

const runs = (actor: Actor, appraisal: AppraisalFacts) => actor.reaches(CONSULT_MANAGER_ROLES, appraisal.orgId);
export const isCommittee = (actor: Actor, appraisal: AppraisalFacts) => actor.reaches(APPRAISAL_COMMITTEE_ROLES, appraisal.orgId);
const canSee = (actor: Actor, appraisal: AppraisalFacts) => isCommittee(actor, appraisal) || appraisal.onRoster;

const onAppraisal = (allow: (actor: Actor, appraisal: AppraisalFacts) => boolean): Rule<AppraisalFacts> => ({
  kind: 'record',
  visible: canSee,
  allow,
});

export const appraisalPolicy = definePolicy('consult.appraisal', {
  list: signedIn(),
  // The branches an appraisal may be started for: the workers' picker.
  branches: withRole(...CONSULT_MANAGER_ROLES),
  view: onAppraisal(() => true),
  // Checked on the branch, before the appraisal exists.
  create: onAppraisal(runs),
  open: onAppraisal(runs),
  close: onAppraisal(runs),
  writeSelf: onAppraisal((_, appraisal) => appraisal.onRoster),
  vote: onAppraisal((_, appraisal) => appraisal.onRoster),
  receipts: onAppraisal((_, appraisal) => appraisal.onRoster),
  // The tally and grades are sensitive personal information of the appraised (PI-07): the committee only.
  tally: onAppraisal(isCommittee),
  grade: onAppraisal(isCommittee),
  export: onAppraisal(isCommittee),
});
