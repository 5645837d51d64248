import { api, toQuery } from '../../shared/http';
import type {
  AdminGrant,
  AdminUser,
  AppealSettings,
  AuditEntry,
  AuditQuery,
  ChainVerdict,
  GrantRolesBody,
  NewUserBody,
  Paged,
  SegmentedWord,
  TextDictionary,
  UserListQuery,
} from './types';

const user = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

export const adminApi = {
  users: (query: UserListQuery) => api<Paged<AdminUser>>(`/api/admin/users${toQuery({ ...query })}`),
  createUser: (body: NewUserBody) => api<AdminUser>('/api/admin/users', { body }),
  disable: (id: string) => api<AdminUser>(`${user(id)}/disable`, { method: 'POST' }),
  enable: (id: string) => api<AdminUser>(`${user(id)}/enable`, { method: 'POST' }),
  resetPassword: (id: string) => api<{ temporaryPassword: string }>(`${user(id)}/reset-password`, { method: 'POST' }),
  grantRoles: (id: string, body: GrantRolesBody) => api<{ roles: AdminGrant[] }>(`${user(id)}/roles`, { method: 'PUT', body }),
  audit: (query: AuditQuery) => api<Paged<AuditEntry>>(`/api/admin/audit${toQuery({ ...query })}`),
  verifyAudit: () => api<ChainVerdict>('/api/admin/audit/verify'),
  dictionary: () => api<TextDictionary>('/api/admin/text/dictionary'),
  saveDictionary: (words: string[]) => api<TextDictionary>('/api/admin/text/dictionary', { method: 'PUT', body: { words } }),
  segment: (text: string) => api<{ words: SegmentedWord[] }>('/api/admin/text/segment', { body: { text } }),
  reindexAppeals: () => api<{ requestedAt: string }>('/api/admin/appeals/search/reindex', { method: 'POST' }),
  appealSettings: () => api<AppealSettings>('/api/admin/appeals/settings'),
  saveAppealSettings: (settings: AppealSettings) => api<AppealSettings>('/api/admin/appeals/settings', { method: 'PUT', body: settings }),
};
