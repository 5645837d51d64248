import { api, toQuery } from '../../shared/http';
import type { ArticleDetail, ArticleListQuery, ArticlePage, CorrectArticleBody, ExtractedArticle, ImportArticleBody } from './types';

const article = (id: string) => `/api/articles/${encodeURIComponent(id)}`;

export const articlesApi = {
  extract: (text: string) => api<ExtractedArticle>('/api/articles/extract', { body: { text } }),
  import: (body: ImportArticleBody) => api<ArticleDetail>('/api/articles', { body }),
  list: (query: ArticleListQuery) => api<ArticlePage>(`/api/articles${toQuery({ ...query })}`),
  detail: (id: string) => api<ArticleDetail>(article(id)),
  correct: (id: string, body: CorrectArticleBody) => api<ArticleDetail>(article(id), { method: 'PATCH', body }),
};
