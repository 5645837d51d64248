import type { AdminRole, Role, Scope } from '../auth/types';

/** Mirrors AdminUser, AuditEntry and the bodies in src/core/routes/admin.ts. */
export interface AdminGrant {
  role: Role;
  orgId: string;
  scope: Scope;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  adminRole: AdminRole | null;
  roles: AdminGrant[];
  /** Masked: 138****1234 */
  phone: string | null;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserListQuery {
  orgId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface NewUserBody {
  username: string;
  displayName: string;
  orgId: string;
  phone?: string;
  password: string;
}

export interface AuditEntry {
  seq: number;
  ts: string;
  actorId: string | null;
  actorRole: string | null;
  eventType: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditQuery {
  page?: number;
  pageSize?: number;
  eventType?: string;
  actorId?: string;
  targetId?: string;
  /** ISO date-time with offset */
  from?: string;
  /** ISO date-time with offset */
  to?: string;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface GrantRolesBody {
  grants: AdminGrant[];
}
