import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { articlesApi } from './api';
import type { ArticleListQuery, CorrectArticleBody } from './types';

export const articleKeys = {
  list: (query: ArticleListQuery) => ['articles', 'list', query] as const,
  detail: (id: string) => ['articles', 'detail', id] as const,
};

export const useArticleList = (query: ArticleListQuery) =>
  useQuery({ queryKey: articleKeys.list(query), queryFn: () => articlesApi.list(query), placeholderData: keepPreviousData });

export const useArticleDetail = (id: string) => useQuery({ queryKey: articleKeys.detail(id), queryFn: () => articlesApi.detail(id) });

/** Recognition stores nothing, so it is a mutation without cache effects. */
export const useExtractArticle = () => useMutation({ mutationFn: articlesApi.extract });

export function useImportArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: articlesApi.import,
    onSuccess: async (detail) => {
      client.setQueryData(articleKeys.detail(detail.id), detail);
      await client.invalidateQueries({ queryKey: ['articles', 'list'] });
    },
  });
}

export function useCorrectArticle(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CorrectArticleBody) => articlesApi.correct(id, body),
    onSuccess: async (detail) => {
      client.setQueryData(articleKeys.detail(id), detail);
      await client.invalidateQueries({ queryKey: ['articles', 'list'] });
    },
  });
}
