import type { z } from 'zod';
import type { Actor } from '../../core/actor';
import { isAllowed } from '../../core/policy';
import type { ExtractedArticle } from './extract';
import { REMOVAL_REASON_LABELS } from './noise';
import { articlePolicy, type ArticleFacts } from './policy';
import { PARAGRAPH_SEPARATOR, type ArticleListRow, type ArticleRow } from './repository';
import { ARTICLE_KIND_LABELS, type ArticleDetail, type ArticleKind, type ArticleSummary, type Extracted } from './schemas';

export const articleFacts = (row: Pick<ArticleRow, 'org_id' | 'org_path'>, readerOrgPath: string): ArticleFacts => ({
  orgId: row.org_id,
  orgPath: row.org_path,
  readerOrgPath,
});

export const presentExtracted = (article: ExtractedArticle): z.infer<typeof Extracted> => ({
  ...article,
  removedLines: article.removedLines.map((removed) => ({ ...removed, reasonLabel: REMOVAL_REASON_LABELS[removed.reason] })),
});

export const presentSummary = (row: ArticleListRow): z.infer<typeof ArticleSummary> => ({
  id: row.id,
  kind: row.kind as ArticleKind,
  kindLabel: ARTICLE_KIND_LABELS[row.kind as ArticleKind],
  title: row.title,
  author: row.author,
  publishedOn: row.published_on,
  journal: row.journal,
  issue: row.issue,
  orgName: row.org_name,
  createdAt: row.created_at,
});

export const presentDetail = (actor: Actor, row: ArticleRow, readerOrgPath: string): z.infer<typeof ArticleDetail> => ({
  ...presentSummary(row),
  orgId: row.org_id,
  authorUnit: row.author_unit,
  keywords: JSON.parse(row.keywords) as string[],
  paragraphs: row.body.split(PARAGRAPH_SEPARATOR),
  references: JSON.parse(row.reference_list) as string[],
  original: row.original,
  createdByName: row.created_by_name,
  updatedAt: row.updated_at,
  allowedActions: isAllowed(actor, articlePolicy.correct, articleFacts(row, readerOrgPath)) ? ['correct'] : [],
});
