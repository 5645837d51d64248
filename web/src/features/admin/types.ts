import type { LimitKind } from '../appeals/types';
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

/** Mirrors TextDictionary and the segment route in src/core/routes/text.ts. */
export interface TextDictionary {
  /** The admin's words, in their order, as typed. */
  words: string[];
  builtInWords: string[];
}

/** Which dictionary kept a word whole: the admin's, the built-in domain words, or jieba's general one. */
export type WordSource = 'admin' | 'builtIn' | 'general';

export interface SegmentedWord {
  word: string;
  source: WordSource;
}

/** As in src/text/dictionary.ts. */
export const MAX_ADMIN_WORDS = 1000;
export const ADMIN_WORD = /^[\p{Script=Han}\p{L}\p{N}]{2,20}$/u;

type TimeLimit = { hours: number } | { workdays: number };

/** Mirrors AppealSettings in src/modules/appeals/settings.ts. */
export interface AppealSettings {
  reviewReplies: boolean;
  signHours: number;
  contactHours: number;
  redoWorkdays: number;
  nearDueHours: number;
  limits: Record<LimitKind, TimeLimit>;
  kpi: {
    weights: { response: number; resolution: number; satisfaction: number };
    countBasicallySatisfied: boolean;
  };
  dangerWords: string[];
}

/** As DEFAULT_DANGER_WORDS and the dangerWords limits in src/modules/appeals/settings.ts. */
export const DEFAULT_DANGER_WORDS = [
  '燃气泄漏',
  '煤气泄漏',
  '燃气味',
  '煤气味',
  '火灾',
  '着火',
  '起火',
  '冒烟',
  '爆炸',
  '坍塌',
  '倒塌',
  '塌陷',
  '轻生',
  '自杀',
  '跳楼',
  '触电',
  '漏电',
  '电梯困人',
  '被困',
  '溺水',
  '昏迷',
  '走失',
];
export const MAX_DANGER_WORDS = 200;
