import type { Actor } from '../../core/actor';
import { adminOnly, definePolicy, publicAccess, signedIn, withRole, type Rule } from '../../core/policy';
import type { Role } from '../../core/roles';
import type { Appeal } from '../../db/schema';
import type { AppealAction } from './stateMachine';

const INTAKE_ROLES: Role[] = ['dispatcher', 'leader'];
const UNIT_ROLES: Role[] = ['handler', 'unit_head'];
export const WORKER_ROLES: Role[] = [...INTAKE_ROLES, ...UNIT_ROLES];

type AppealFacts = Pick<Appeal, 'org_id' | 'unit_id' | 'pending_unit_id' | 'submitter_id' | 'handler_id'>;

/**
 * Who sees an appeal: the intake side (dispatchers, leaders) through the receiving organisation, the
 * responsible unit through its unit, and the citizen who filed it. Everyone else gets 404.
 */
export function canSeeAppeal(actor: Actor, appeal: AppealFacts): boolean {
  return (
    actor.reaches(INTAKE_ROLES, appeal.org_id) ||
    actor.reaches(['leader'], appeal.unit_id) ||
    actor.reaches(UNIT_ROLES, appeal.unit_id) ||
    (appeal.submitter_id !== null && appeal.submitter_id === actor.id)
  );
}

const onAppeal = (allow: (actor: Actor, appeal: AppealFacts) => boolean): Rule<AppealFacts> => ({
  kind: 'record',
  visible: canSeeAppeal,
  allow,
});

const intake = onAppeal((actor, appeal) => actor.reaches(['dispatcher'], appeal.org_id));
const unit = onAppeal((actor, appeal) => actor.reaches(UNIT_ROLES, appeal.unit_id));

const actionRules: Record<AppealAction, Rule<AppealFacts>> = {
  dispatch: intake,
  reject: intake,
  answer: intake,
  merge: intake,
  approveReturn: intake,
  denyReturn: intake,
  approveExtension: intake,
  denyExtension: intake,
  sendBack: intake,
  acceptReply: intake,
  // The phone callback (回访) recorded by the dispatch centre; citizens rate through the public route.
  rate: intake,
  sign: unit,
  requestReturn: unit,
  contact: unit,
  requestExtension: unit,
  reply: unit,
  supervise: onAppeal((actor, appeal) => actor.reaches(['leader'], appeal.org_id) || actor.reaches(['leader'], appeal.unit_id)),
};

export const appealPolicy = definePolicy('appeals', {
  submit: publicAccess(),
  lookup: publicAccess(),
  // While typing, before submitting: appeals others filed that may be shown in public, and a vote for one.
  similar: publicAccess(),
  support: publicAccess(),
  board: publicAccess(),
  categories: publicAccess(),
  mine: signedIn(),
  list: withRole(...WORKER_ROLES),
  export: withRole(...WORKER_ROLES),
  dashboard: withRole('leader', 'dispatcher', 'unit_head'),
  // How often the dispatch centre took the triage suggestions.
  triageReport: withRole('dispatcher', 'leader'),
  configure: adminOnly('sysadmin'),
  view: onAppeal(() => true),
  // Only the handler the unit assigned sees the complainant's identity in full (AP-02).
  reveal: onAppeal((actor, appeal) => appeal.handler_id === actor.id),
  ...actionRules,
});
