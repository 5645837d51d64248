import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { appraisalApi } from './api';
import type { AppraisalDetail, AppraisalGrade } from './types';

export const appraisalKeys = {
  list: (page: number) => ['appraisals', 'list', page] as const,
  detail: (id: string) => ['appraisals', 'detail', id] as const,
  tally: (id: string) => ['appraisals', 'tally', id] as const,
};

export const useAppraisalList = (page: number) =>
  useQuery({ queryKey: appraisalKeys.list(page), queryFn: () => appraisalApi.list(page), placeholderData: keepPreviousData });
export const useBranches = (enabled: boolean) =>
  useQuery({ queryKey: ['appraisals', 'branches'], queryFn: appraisalApi.branches, enabled });
export const useAppraisalDetail = (id: string) => useQuery({ queryKey: appraisalKeys.detail(id), queryFn: () => appraisalApi.detail(id) });
export const useAppraisalTally = (id: string, enabled: boolean) =>
  useQuery({ queryKey: appraisalKeys.tally(id), queryFn: () => appraisalApi.tally(id), enabled, retry: false });

function useDetailMutation<A>(run: (args: A) => Promise<AppraisalDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (detail) => {
      client.setQueryData(appraisalKeys.detail(detail.id), detail);
      await client.invalidateQueries({ queryKey: ['appraisals', 'list'] });
    },
  });
}

export const useCreateAppraisal = () =>
  useDetailMutation((args: { orgId: string; year: number }) => appraisalApi.create(args.orgId, args.year));
export const useWriteSelf = (id: string) => useDetailMutation((text: string) => appraisalApi.writeSelf(id, text));
export const useAppraisalPhase = (id: string) =>
  useDetailMutation((args: { action: 'open' | 'close'; version: number }) => appraisalApi.phase(id, args.action, args.version));
export const useSetGrades = (id: string) =>
  useDetailMutation((args: { version: number; grades: { userId: string; grade: AppraisalGrade }[] }) =>
    appraisalApi.grade(id, args.version, args.grades),
  );

export function useAppraisalVote(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (grades: Record<string, AppraisalGrade>) => appraisalApi.vote(id, grades),
    onSettled: () => client.invalidateQueries({ queryKey: appraisalKeys.detail(id) }),
  });
}

export const useAppraisalReceipt = (id: string) => useMutation({ mutationFn: (receipt: string) => appraisalApi.checkReceipt(id, receipt) });
