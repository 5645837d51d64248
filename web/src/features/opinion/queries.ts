import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { opinionApi } from './api';
import type { OverviewQuery, RespondBody } from './types';

export const useOpinionOverview = (query: OverviewQuery) =>
  useQuery({ queryKey: ['opinion', 'overview', query], queryFn: () => opinionApi.overview(query), placeholderData: keepPreviousData });

export const usePublicResponses = () => useQuery({ queryKey: ['opinion', 'public'], queryFn: opinionApi.publicResponses });

/** After an alert changed, every view of the dashboard refetches (the alert list is part of each). */
function useAlertMutation<V>(mutationFn: (variables: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: ['opinion'] }) });
}

export const useAcknowledgeAlert = () =>
  useAlertMutation(({ id, version }: { id: string; version: number }) => opinionApi.acknowledge(id, version));
export const useRespondToAlert = () => useAlertMutation(({ id, body }: { id: string; body: RespondBody }) => opinionApi.respond(id, body));
