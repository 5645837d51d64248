import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { surveysApi, type SurveyStateAction } from './api';
import type { SurveyDetail, SurveyFields } from './types';

/** Results refresh on their own while answers arrive. */
const LIVE_REFRESH_MS = 10_000;

export const surveyKeys = {
  list: (page: number) => ['surveys', 'list', page] as const,
  detail: (id: string) => ['surveys', 'detail', id] as const,
  results: (id: string, orgId?: string) => ['surveys', 'results', id, orgId ?? ''] as const,
  texts: (id: string, question: string, page: number, orgId?: string) => ['surveys', 'texts', id, question, page, orgId ?? ''] as const,
};

export const useSurveyList = (page: number) =>
  useQuery({ queryKey: surveyKeys.list(page), queryFn: () => surveysApi.list(page), placeholderData: keepPreviousData });
export const useSurveyTemplates = () =>
  useQuery({ queryKey: ['surveys', 'templates'], queryFn: surveysApi.templates, staleTime: Infinity });
export const useAudiencePeople = (q: string) =>
  useQuery({ queryKey: ['surveys', 'people', q], queryFn: () => surveysApi.audiencePeople(q), enabled: q !== '', staleTime: 60_000 });

export const useAudienceOrgs = () => useQuery({ queryKey: ['surveys', 'orgs'], queryFn: surveysApi.audienceOrgs, staleTime: 10 * 60_000 });
export const useSurveyDetail = (id: string | undefined) =>
  useQuery({ queryKey: surveyKeys.detail(id ?? ''), queryFn: () => surveysApi.detail(id!), enabled: id !== undefined });
export const useSurveyResults = (id: string, orgId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: surveyKeys.results(id, orgId),
    queryFn: () => surveysApi.results(id, orgId),
    enabled,
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
export const useSurveyTexts = (id: string, question: string, page: number, orgId: string | undefined) =>
  useQuery({
    queryKey: surveyKeys.texts(id, question, page, orgId),
    queryFn: () => surveysApi.texts(id, question, page, orgId),
    placeholderData: keepPreviousData,
  });

function useDetailMutation<A>(run: (args: A) => Promise<SurveyDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (detail) => {
      client.setQueryData(surveyKeys.detail(detail.id), detail);
      await client.invalidateQueries({ queryKey: ['surveys', 'list'] });
    },
  });
}

export const useCreateSurvey = () => useDetailMutation((body: SurveyFields) => surveysApi.create(body));
export const useEditSurvey = (id: string) =>
  useDetailMutation((body: Partial<SurveyFields> & { version: number }) => surveysApi.edit(id, body));
export const useSurveyState = (id: string) =>
  useDetailMutation((args: { action: SurveyStateAction; version: number }) => surveysApi.changeState(id, args.action, args.version));

export const useMySurveys = (enabled = true) =>
  useQuery({ queryKey: ['surveys', 'mine'], queryFn: surveysApi.mine, retry: false, enabled });
export const useSurveyForm = (id: string, signedIn: boolean, enabled: boolean) =>
  useQuery({ queryKey: ['surveys', 'form', id, signedIn], queryFn: () => surveysApi.form(id, signedIn), retry: false, enabled });
export const usePublishedResults = () => useQuery({ queryKey: ['surveys', 'published'], queryFn: surveysApi.publishedResults });
export const usePublicResults = (id: string) =>
  useQuery({ queryKey: ['surveys', 'public', id], queryFn: () => surveysApi.publicResults(id), retry: false });
