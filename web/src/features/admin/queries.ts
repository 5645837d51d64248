import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from './api';
import type { AppealSettings, AuditQuery, GrantRolesBody, NewUserBody, UserListQuery } from './types';

const usersKey = ['admin', 'users'] as const;

export const useAdminUsers = (query: UserListQuery) =>
  useQuery({ queryKey: [...usersKey, query], queryFn: () => adminApi.users(query), placeholderData: keepPreviousData });

function useUserMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: usersKey }) });
}

export const useCreateUser = () => useUserMutation((body: NewUserBody) => adminApi.createUser(body));
export const useSetDisabled = () =>
  useUserMutation(({ id, disabled }: { id: string; disabled: boolean }) => (disabled ? adminApi.disable(id) : adminApi.enable(id)));
export const useResetPassword = () => useMutation({ mutationFn: adminApi.resetPassword });
export const useGrantRoles = () =>
  useUserMutation(({ userId, body }: { userId: string; body: GrantRolesBody }) => adminApi.grantRoles(userId, body));

export const useAuditLog = (query: AuditQuery) =>
  useQuery({ queryKey: ['admin', 'audit', query], queryFn: () => adminApi.audit(query), placeholderData: keepPreviousData });

export const useVerifyAudit = () => useMutation({ mutationFn: adminApi.verifyAudit });

const dictionaryKey = ['admin', 'text', 'dictionary'] as const;
const appealSettingsKey = ['admin', 'appeals', 'settings'] as const;

export const useTextDictionary = () => useQuery({ queryKey: dictionaryKey, queryFn: adminApi.dictionary });

export function useSaveDictionary() {
  const client = useQueryClient();
  return useMutation({ mutationFn: adminApi.saveDictionary, onSuccess: (saved) => client.setQueryData(dictionaryKey, saved) });
}

export const useSegmentText = () => useMutation({ mutationFn: adminApi.segment });
export const useReindexAppeals = () => useMutation({ mutationFn: adminApi.reindexAppeals });

export const useAppealSettings = () => useQuery({ queryKey: appealSettingsKey, queryFn: adminApi.appealSettings });

export function useSaveAppealSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: AppealSettings) => adminApi.saveAppealSettings(settings),
    onSuccess: (saved) => client.setQueryData(appealSettingsKey, saved),
  });
}
