import { adminOnly, definePolicy, publicAccess, signedIn, withRole } from './policy';

export const corePolicy = definePolicy('core', {
  login: publicAccess(),
  session: signedIn(),
  orgTree: withRole('handler', 'unit_head', 'dispatcher', 'leader', 'member'),
  manageUsers: adminOnly('sysadmin'),
  manageCalendar: adminOnly('sysadmin'),
  manageSettings: adminOnly('sysadmin'),
  grantRoles: adminOnly('secadmin'),
  readAudit: adminOnly('auditadmin'),
});
