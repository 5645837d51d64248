import type { Role } from '../auth/types';

/**
 * Mirrors of the zod schemas in src/modules/articles/schemas.ts (and the removal reasons of
 * noise.ts). The web bundle never imports server code; test/web-mirrors.test.ts keeps these in step.
 */

/** Who imports and corrects articles (ARTICLE_WORKER_ROLES of src/modules/articles/policy.ts). */
export const ARTICLE_WORKER_ROLES: Role[] = ['dispatcher', 'unit_head', 'leader', 'handler'];

export const ARTICLE_KINDS = ['study', 'news'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
export const ARTICLE_KIND_LABELS: Record<ArticleKind, string> = { study: '学习资料', news: '新闻' };

export const REMOVAL_REASONS = ['spam', 'navigation', 'garbled', 'placeList', 'footer', 'fields', 'authorBio'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

export const ARTICLE_ACTIONS = ['correct'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

/** The longest page text the server takes (MAX_ORIGINAL_CHARS). */
export const MAX_ORIGINAL_CHARS = 200_000;

/** The fields a worker checks and corrects. */
export interface ArticleFields {
  kind: ArticleKind;
  title: string;
  author: string | null;
  authorUnit: string | null;
  /** YYYY-MM-DD. */
  publishedOn: string | null;
  journal: string | null;
  issue: string | null;
  keywords: string[];
  paragraphs: string[];
  references: string[];
}

export interface RemovedLine {
  line: string;
  reason: RemovalReason;
  reasonLabel: string;
}

export type ExtractedArticle = Omit<ArticleFields, 'kind'> & { removedLines: RemovedLine[] };

export interface ImportArticleBody extends ArticleFields {
  original: string;
  orgId?: string;
}

export type CorrectArticleBody = Partial<ArticleFields>;

export interface ArticleSummary {
  id: string;
  kind: ArticleKind;
  kindLabel: string;
  title: string;
  author: string | null;
  publishedOn: string | null;
  journal: string | null;
  issue: string | null;
  orgName: string;
  createdAt: string;
}

export interface ArticleDetail extends ArticleSummary {
  orgId: string;
  authorUnit: string | null;
  keywords: string[];
  paragraphs: string[];
  references: string[];
  original: string;
  createdByName: string;
  updatedAt: string;
  allowedActions: ArticleAction[];
}

export interface ArticlePage {
  items: ArticleSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ArticleListQuery {
  page: number;
  pageSize: number;
  q?: string;
  kind?: ArticleKind;
}
