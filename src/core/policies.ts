import type { User } from '../db/schema';
import type { Actor } from './actor';
import { adminOnly, definePolicy, publicAccess, signedIn, withRole, type Rule } from './policy';
import type { Role } from './roles';

/** Roles that work inside the organisation tree; the masses see none of it. */
export const ORG_TREE_ROLES: Role[] = ['handler', 'unit_head', 'dispatcher', 'leader', 'member'];
/** Roles that pick responsible units: dispatchers send appeals to them, leaders and unit heads follow them. */
export const DISPATCH_ROLES: Role[] = ['dispatcher', 'leader', 'unit_head'];

export const corePolicy = definePolicy('core', {
  login: publicAccess(),
  session: signedIn(),
  orgTree: withRole(...ORG_TREE_ROLES),
  dispatchUnits: withRole(...DISPATCH_ROLES),
  notifications: signedIn(),
  // The security admin looks accounts up to grant roles and correct voter rolls; changing them is the system admin's.
  listUsers: adminOnly('sysadmin', 'secadmin'),
  manageUsers: adminOnly('sysadmin'),
  manageCalendar: adminOnly('sysadmin'),
  manageSettings: adminOnly('sysadmin'),
  grantRoles: adminOnly('secadmin'),
  readAudit: adminOnly('auditadmin'),
});

type AccountFacts = Pick<User, 'id' | 'admin_role'>;

const onAccount = (allow: (actor: Actor, account: AccountFacts) => boolean): Rule<AccountFacts> => ({
  kind: 'record',
  visible: () => true,
  allow,
});

/**
 * What an admin may do to one loaded account, on top of the actor rules above. Admin accounts are
 * out of reach: a system admin who could reset the security admin's password, or a security admin
 * who could grant business roles to an admin, would let one person hold two duties (TA-01…03).
 */
export const accountPolicy = definePolicy('core.account', {
  // Not oneself: a lone system admin who disabled their own account would leave nobody to enable it.
  disable: onAccount((actor, account) => actor.adminRole === 'sysadmin' && account.id !== actor.id),
  resetPassword: onAccount((actor, account) => actor.adminRole === 'sysadmin' && account.admin_role === null),
  grantRoles: onAccount((actor, account) => actor.adminRole === 'secadmin' && account.admin_role === null),
});

export const notificationPolicy = definePolicy('core.notification', {
  // Someone else's notification answers 404, so ids reveal nothing.
  markRead: { kind: 'record', visible: (actor, notification: { user_id: string }) => notification.user_id === actor.id, allow: () => true },
});
