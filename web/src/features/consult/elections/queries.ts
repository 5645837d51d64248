import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { electionsApi, type ElectionPhaseAction } from './api';
import type { CreateElectionBody, EditElectionBody, ElectionDetail, NominateBody, RollCorrection } from './types';

export const electionKeys = {
  list: (page: number) => ['elections', 'list', page] as const,
  detail: (id: string) => ['elections', 'detail', id] as const,
  results: (id: string) => ['elections', 'results', id] as const,
  receipts: (id: string) => ['elections', 'receipts', id] as const,
  openRolls: ['elections', 'open-rolls'] as const,
};

export const useElectionList = (page: number) =>
  useQuery({ queryKey: electionKeys.list(page), queryFn: () => electionsApi.list(page), placeholderData: keepPreviousData });

export const useElectionDetail = (id: string) => useQuery({ queryKey: electionKeys.detail(id), queryFn: () => electionsApi.detail(id) });

/** Asked for only when the server offers results: before the close it refuses them. */
export const useElectionResults = (id: string, enabled: boolean) =>
  useQuery({ queryKey: electionKeys.results(id), queryFn: () => electionsApi.results(id), enabled, retry: false });

function useDetailMutation<A>(run: (args: A) => Promise<ElectionDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (detail) => {
      client.setQueryData(electionKeys.detail(detail.id), detail);
      await client.invalidateQueries({ queryKey: ['elections', 'list'] });
    },
  });
}

export const useCreateElection = () => useDetailMutation((body: CreateElectionBody) => electionsApi.create(body));
export const useEditElection = (id: string) => useDetailMutation((body: EditElectionBody) => electionsApi.edit(id, body));
export const useNominate = (id: string) => useDetailMutation((body: NominateBody) => electionsApi.nominate(id, body));
export const useReviewNomination = (id: string) =>
  useDetailMutation((args: { nominationId: string; decision: 'approve' | 'reject' }) =>
    electionsApi.review(id, args.nominationId, args.decision),
  );
export const useElectionPhase = (id: string) =>
  useDetailMutation((args: { action: ElectionPhaseAction; version: number }) => electionsApi.phase(id, args.action, args.version));

export function useCastVote(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (candidateIds: string[]) => electionsApi.vote(id, candidateIds),
    onSettled: () => client.invalidateQueries({ queryKey: electionKeys.detail(id) }),
  });
}

export const useCheckReceipt = (id: string) => useMutation({ mutationFn: (receipt: string) => electionsApi.checkReceipt(id, receipt) });

/** The published receipt hashes, once voting closed. */
export const useReceiptHashes = (id: string, enabled: boolean) =>
  useQuery({ queryKey: electionKeys.receipts(id), queryFn: () => electionsApi.receiptHashes(id), enabled, staleTime: Infinity });

export const useOpenRolls = () => useQuery({ queryKey: electionKeys.openRolls, queryFn: electionsApi.openRolls });

export function useCorrectRoll() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ electionId, body }: { electionId: string; body: RollCorrection }) => electionsApi.correctRoll(electionId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: electionKeys.openRolls }),
  });
}
