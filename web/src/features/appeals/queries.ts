import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { appealsApi } from './api';
import type { ActionBodies, AppealAction, AppealListQuery, AppealSearchQuery, BoardQuery } from './types';

export const appealKeys = {
  all: ['appeals'] as const,
  categories: ['appeals', 'categories'] as const,
  board: (query: BoardQuery) => ['appeals', 'board', query] as const,
  mine: (page: number) => ['appeals', 'mine', page] as const,
  list: (query: AppealListQuery) => ['appeals', 'list', query] as const,
  search: (query: AppealSearchQuery) => ['appeals', 'search', query] as const,
  counts: ['appeals', 'counts'] as const,
  detail: (id: string) => ['appeals', 'detail', id] as const,
  similar: (id: string) => ['appeals', 'similar', id] as const,
  triage: (id: string) => ['appeals', 'triage', id] as const,
  publicSimilar: (content: string) => ['appeals', 'publicSimilar', content] as const,
};

export const useCategories = () => useQuery({ queryKey: appealKeys.categories, queryFn: appealsApi.categories, staleTime: 10 * 60_000 });

export const useBoard = (query: BoardQuery) =>
  useQuery({ queryKey: appealKeys.board(query), queryFn: () => appealsApi.board(query), placeholderData: keepPreviousData });

const BOARD_PAGE_SIZE = 10;

/** The public board on a phone: "加载更多" appends the next page; with `q`, the board searched (most relevant first). */
export const useBoardPages = (categoryCode: string | undefined, q?: string) =>
  useInfiniteQuery({
    queryKey: ['appeals', 'board', 'pages', categoryCode ?? '', q ?? ''],
    queryFn: ({ pageParam, signal }) => appealsApi.board({ page: pageParam, pageSize: BOARD_PAGE_SIZE, categoryCode, q }, signal),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (pages.length * BOARD_PAGE_SIZE < last.total ? pages.length + 1 : undefined),
  });

export const useMyAppeals = (page: number) =>
  useQuery({ queryKey: appealKeys.mine(page), queryFn: () => appealsApi.mine(page), placeholderData: keepPreviousData });

export const useAppealList = (query: AppealListQuery) =>
  useQuery({ queryKey: appealKeys.list(query), queryFn: () => appealsApi.list(query), placeholderData: keepPreviousData });

/**
 * Full-text search; runs only for a non-empty `q` (the server answers 400 to an empty one). A
 * superseded request is cancelled, and the last answer stays on screen while the next one loads.
 */
export const useAppealSearch = (query: AppealSearchQuery, enabled = true) =>
  useQuery({
    queryKey: appealKeys.search(query),
    queryFn: ({ signal }) => appealsApi.search(query, signal),
    enabled: enabled && query.q.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const useInboxCounts = () => useQuery({ queryKey: appealKeys.counts, queryFn: appealsApi.counts, refetchInterval: 60_000 });

export const useAppealDetail = (id: string) => useQuery({ queryKey: appealKeys.detail(id), queryFn: () => appealsApi.detail(id) });

/** Likely duplicates beside the detail; asked only when the viewer may merge (`enabled`). */
export const useSimilarAppeals = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: appealKeys.similar(id),
    queryFn: ({ signal }) => appealsApi.similar(id, signal),
    enabled,
    staleTime: 60_000,
  });

/** 智能建议 for the dispatch dialog, asked when it opens. A failure is not retried: the form works without it. */
export const useTriageSuggestion = (id: string) =>
  useQuery({
    queryKey: appealKeys.triage(id),
    queryFn: ({ signal }) => appealsApi.triage(id, signal),
    staleTime: 60_000,
    retry: false,
  });

/** The fewest characters the server looks up similar appeals for (SimilarQuery in schemas.ts). */
export const SIMILAR_MIN_CHARS = 6;

/**
 * Similar public appeals for what the citizen has written so far: pass the debounced, trimmed text.
 * Runs only from 6 characters on; a superseded request is cancelled (the query function uses its
 * signal), the last answer stays while the next loads, and a failure is not retried: the form works
 * without it.
 */
export const usePublicSimilar = (content: string) =>
  useQuery({
    queryKey: appealKeys.publicSimilar(content),
    queryFn: ({ signal }) => appealsApi.similarPublic({ content }, signal),
    enabled: content.length >= SIMILAR_MIN_CHARS,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });

export const useSupportAppeal = () => useMutation({ mutationFn: appealsApi.support });

export const useLookup = () => useMutation({ mutationFn: appealsApi.lookup });
export const useRate = () => useMutation({ mutationFn: appealsApi.rate });

/** One action with its body, as a discriminated union so `body` always matches `action`. */
export type ActionVariables = { [A in AppealAction]: { action: A; body: ActionBodies[A] } }[AppealAction];

/** Runs one workflow action; the answer is the updated detail, which replaces the cached one. */
export function useAppealAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: ActionVariables) => appealsApi.act(id, action, body as ActionBodies[typeof action]),
    onSuccess: async (detail) => {
      client.setQueryData(appealKeys.detail(id), detail);
      await client.invalidateQueries({ queryKey: ['appeals', 'list'] });
      await client.invalidateQueries({ queryKey: ['appeals', 'search'] });
      await client.invalidateQueries({ queryKey: appealKeys.counts });
      // A merged or closed appeal is no longer anyone's likely duplicate.
      await client.invalidateQueries({ queryKey: ['appeals', 'similar'] });
    },
  });
}

export const useReveal = (id: string) => useMutation({ mutationFn: (reason: string) => appealsApi.reveal(id, reason) });
