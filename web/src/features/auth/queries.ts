import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from './api';

export const meKey = ['auth', 'me'] as const;

export const useMe = () => useQuery({ queryKey: meKey, queryFn: authApi.me, staleTime: 5 * 60_000, retry: false });

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: authApi.login,
    // Whatever was cached belongs to the previous session.
    onSuccess: () => client.clear(),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({ mutationFn: authApi.logout, onSettled: () => client.clear() });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}
