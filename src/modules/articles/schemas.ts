import { z } from 'zod';
import { PageQuery } from '../../server/schemas';
import { REMOVAL_REASONS } from './noise';

export const ARTICLE_KINDS = ['study', 'news'] as const;
export const ARTICLE_KIND_LABELS: Record<(typeof ARTICLE_KINDS)[number], string> = { study: '学习资料', news: '新闻' };
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/** The pasted page text, with room to spare: an article with its page clutter is some tens of thousands of characters. */
export const MAX_ORIGINAL_CHARS = 200_000;
/** Request bodies: the longest text in three-byte UTF-8, twice when the reviewed paragraphs come with it. */
export const EXTRACT_BODY_LIMIT = 1024 * 1024;
export const ARTICLE_BODY_LIMIT = 2 * 1024 * 1024;

const original = z
  .string()
  .max(MAX_ORIGINAL_CHARS, `文章原文不能超过 ${MAX_ORIGINAL_CHARS / 10_000} 万字`)
  .refine((text) => text.trim() !== '', '请粘贴文章内容');

export const ExtractBody = z.object({ text: original });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => value || null);

const isRealDate = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, '日期不存在');

/** The fields a worker checks and corrects before saving. */
const ArticleFields = z.object({
  kind: z.enum(ARTICLE_KINDS),
  title: z.string().trim().min(1, '请填写标题').max(200, '标题不能超过 200 字'),
  author: optionalText(100),
  authorUnit: optionalText(200),
  publishedOn: isoDate.nullable(),
  journal: optionalText(100),
  issue: optionalText(50),
  keywords: z
    .array(z.string().trim().min(1).max(30, '每个关键词不超过 30 字'))
    .max(20, '关键词最多 20 个')
    .refine((words) => new Set(words).size === words.length, '关键词不能重复'),
  // One line a paragraph, as they are recognised and stored (separated by blank lines).
  paragraphs: z
    .array(
      z
        .string()
        .trim()
        .min(1, '段落不能为空')
        .max(20_000)
        .regex(/^[^\n]*$/, '每段应为一行'),
    )
    .min(1, '正文不能为空')
    .max(2_000),
  references: z.array(z.string().trim().min(1).max(1_000)).max(500),
});

export const ImportArticleBody = ArticleFields.extend({
  original,
  /** The organisation the article is filed under; the worker's own when absent. */
  orgId: z.string().uuid().optional(),
});

export const CorrectArticleBody = ArticleFields.partial().refine((body) => Object.keys(body).length > 0, '请至少修改一项');

export const ArticleListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(ARTICLE_KINDS).optional(),
});

export const Extracted = z
  .object({
    title: z.string(),
    author: z.string().nullable(),
    authorUnit: z.string().nullable(),
    publishedOn: z.string().nullable(),
    journal: z.string().nullable(),
    issue: z.string().nullable(),
    keywords: z.array(z.string()),
    paragraphs: z.array(z.string()),
    references: z.array(z.string()),
    removedLines: z.array(z.object({ line: z.string(), reason: z.enum(REMOVAL_REASONS), reasonLabel: z.string() })),
  })
  .meta({ id: 'ExtractedArticle' });

export const ArticleSummary = z
  .object({
    id: z.string(),
    kind: z.enum(ARTICLE_KINDS),
    kindLabel: z.string(),
    title: z.string(),
    author: z.string().nullable(),
    publishedOn: z.string().nullable(),
    journal: z.string().nullable(),
    issue: z.string().nullable(),
    orgName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ArticleSummary' });

export const ArticlePage = z.object({ items: z.array(ArticleSummary), total: z.number(), page: z.number(), pageSize: z.number() });

export const ARTICLE_ACTIONS = ['correct'] as const;

export const ArticleDetail = ArticleSummary.extend({
  orgId: z.string(),
  authorUnit: z.string().nullable(),
  keywords: z.array(z.string()),
  paragraphs: z.array(z.string()),
  references: z.array(z.string()),
  original: z.string(),
  createdByName: z.string(),
  updatedAt: z.string(),
  /** What the server will accept from this reader, so the page shows only those buttons. */
  allowedActions: z.array(z.enum(ARTICLE_ACTIONS)),
}).meta({ id: 'ArticleDetail' });

export type ImportArticleInput = z.infer<typeof ImportArticleBody>;
export type ArticleChanges = z.infer<typeof CorrectArticleBody>;
export type ArticleListQueryInput = z.infer<typeof ArticleListQuery>;
