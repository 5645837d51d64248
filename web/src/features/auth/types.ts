/** Mirrors the `Me` schema in src/core/routes/auth.ts and the enums of src/core/roles.ts. */
export const BUSINESS_ROLES = ['masses', 'member', 'handler', 'unit_head', 'dispatcher', 'leader', 'organizer'] as const;
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditadmin'] as const;
export const SCOPES = ['org', 'subtree', 'all'] as const;

export type Role = (typeof BUSINESS_ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type Scope = (typeof SCOPES)[number];

export const ROLE_LABELS: Record<Role | AdminRole, string> = {
  masses: '群众',
  member: '党员',
  handler: '承办人',
  unit_head: '单位负责人',
  dispatcher: '受理员/派单员',
  leader: '领导',
  organizer: '党群工作者',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
};

export const SCOPE_LABELS: Record<Scope, string> = { org: '本组织', subtree: '本组织及下级', all: '全部' };

export interface RoleGrant {
  role: Role;
  orgId: string;
  scope: Scope;
  label: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  adminRole: AdminRole | null;
  roles: RoleGrant[];
  mustChangePassword: boolean;
}

export interface LoginBody {
  username: string;
  password: string;
}

export interface ChangePasswordBody {
  oldPassword: string;
  newPassword: string;
}

export const hasRole = (me: Me | undefined, ...roles: Role[]): boolean => !!me && me.roles.some((grant) => roles.includes(grant.role));
