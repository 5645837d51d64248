import type { Actor } from '../../core/actor';
import { definePolicy, publicAccess, withRole, type Rule } from '../../core/policy';
import type { Role } from '../../core/roles';
import type { OpinionAlert } from '../../db/schema';

/** Who watches public opinion: those who receive the organisation's appeals, and its leaders. */
export const OPINION_ROLES: Role[] = ['dispatcher', 'leader'];

type AlertFacts = Pick<OpinionAlert, 'org_id'>;

const canWatch = (actor: Actor, alert: AlertFacts) => actor.reaches(OPINION_ROLES, alert.org_id);

const onAlert: Rule<AlertFacts> = { kind: 'record', visible: canWatch, allow: canWatch };

export const opinionPolicy = definePolicy('opinion', {
  overview: withRole(...OPINION_ROLES),
  alerts: withRole(...OPINION_ROLES),
  acknowledge: onAlert,
  respond: onAlert,
  // 引导舆情: the responses workers chose to publish are for everyone.
  publicResponses: publicAccess(),
});
