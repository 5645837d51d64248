import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationsApi } from './api';

const key = ['notifications'] as const;

export const useNotifications = () => useQuery({ queryKey: key, queryFn: notificationsApi.list, refetchInterval: 60_000 });

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({ mutationFn: notificationsApi.markRead, onSuccess: () => client.invalidateQueries({ queryKey: key }) });
}
