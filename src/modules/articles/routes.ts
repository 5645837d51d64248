import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../core/actor';
import { badRequest, deniedNotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import { textSegmenter } from '../../core/textDictionary';
import type { Db } from '../../db/database';
import { afterCommit } from '../../server/afterCommit';
import { errorResponses, IdParams } from '../../server/schemas';
import { openArticleCommand } from './commands/context';
import { correctArticle } from './commands/correctArticle';
import { importArticle } from './commands/importArticle';
import { extractArticle } from './extract';
import { articlePolicy } from './policy';
import { articleFacts, presentDetail, presentExtracted, presentSummary } from './presenters';
import { getArticleRow, getOrgPath, listArticles } from './repository';
import {
  ARTICLE_BODY_LIMIT,
  ArticleDetail,
  ArticleListQuery,
  ArticlePage,
  CorrectArticleBody,
  EXTRACT_BODY_LIMIT,
  ExtractBody,
  Extracted,
  ImportArticleBody,
} from './schemas';

/** Where the reader's own organisation sits in the tree; every account belongs to one. */
async function readerOrgPath(db: Db, actor: Actor): Promise<string> {
  const path = await getOrgPath(db, actor.user.org_id);
  if (path === undefined) {
    throw new Error(`organisation ${actor.user.org_id} of user ${actor.id} is missing`);
  }
  return path;
}

/** Loads an article or answers 404, the same answer as for one the reader may not see. */
async function requireArticleRow(db: Db, id: string) {
  const row = await getArticleRow(db, id);
  if (!row) {
    throw deniedNotFound();
  }
  return row;
}

/** 文章导入: recognise pasted page text, file the reviewed article, list, read and correct articles. */
export async function articleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  const detailFor = async (actor: Actor, id: string) =>
    presentDetail(actor, await requireArticleRow(ctx.db, id), await readerOrgPath(ctx.db, actor));

  r.post(
    '/api/articles/extract',
    {
      config: { policy: articlePolicy.extract },
      bodyLimit: EXTRACT_BODY_LIMIT,
      schema: {
        tags: ['articles'],
        summary: '识别粘贴的文章（不保存）',
        body: ExtractBody,
        response: { 200: Extracted, ...errorResponses },
      },
    },
    async (request) => {
      const article = extractArticle(request.body.text);
      if (article.paragraphs.length === 0) {
        throw badRequest('NO_ARTICLE_TEXT', '未能识别出文章正文，请检查粘贴的内容', 'body.text');
      }
      return presentExtracted(article);
    },
  );

  r.post(
    '/api/articles',
    {
      config: { policy: articlePolicy.import },
      bodyLimit: ARTICLE_BODY_LIMIT,
      schema: {
        tags: ['articles'],
        summary: '保存核对后的文章',
        body: ImportArticleBody,
        response: { 201: ArticleDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const orgId = request.body.orgId ?? actor.user.org_id;
      const id = await ctx.db.transaction().execute(async (trx) => {
        const orgPath = await getOrgPath(trx, orgId);
        if (orgPath === undefined) {
          throw deniedNotFound();
        }
        authorize(actor, articlePolicy.import, { orgId, orgPath, readerOrgPath: await readerOrgPath(trx, actor) });
        const article = await importArticle(openArticleCommand(ctx, trx, actor, request.meta), orgId, request.body);
        return article.id;
      });
      afterCommit(app);
      return reply.status(201).send(await detailFor(actor, id));
    },
  );

  r.get(
    '/api/articles',
    {
      config: { policy: articlePolicy.list },
      schema: { tags: ['articles'], querystring: ArticleListQuery, response: { 200: ArticlePage, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor!;
      const { rows, total } = await listArticles(
        ctx.db,
        await textSegmenter(ctx),
        actor,
        await readerOrgPath(ctx.db, actor),
        request.query,
      );
      return { items: rows.map(presentSummary), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get(
    '/api/articles/:id',
    {
      config: { policy: articlePolicy.view },
      schema: { tags: ['articles'], params: IdParams, response: { 200: ArticleDetail, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor!;
      const row = await requireArticleRow(ctx.db, request.params.id);
      const readerPath = await readerOrgPath(ctx.db, actor);
      authorize(actor, articlePolicy.view, articleFacts(row, readerPath));
      return presentDetail(actor, row, readerPath);
    },
  );

  r.patch(
    '/api/articles/:id',
    {
      config: { policy: articlePolicy.correct },
      bodyLimit: ARTICLE_BODY_LIMIT,
      schema: {
        tags: ['articles'],
        summary: '更正已保存的文章',
        params: IdParams,
        body: CorrectArticleBody,
        response: { 200: ArticleDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      await ctx.db.transaction().execute(async (trx) => {
        const row = await requireArticleRow(trx, request.params.id);
        authorize(actor, articlePolicy.correct, articleFacts(row, await readerOrgPath(trx, actor)));
        await correctArticle(openArticleCommand(ctx, trx, actor, request.meta), row, request.body);
      });
      afterCommit(app);
      return detailFor(actor, request.params.id);
    },
  );
}
