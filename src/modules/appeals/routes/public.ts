import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context';
import { conflict, notFound, tooManyRequests } from '../../../core/errors';
import { consumeRateLimit } from '../../../core/rateLimit';
import { queryWords, withBigrams } from '../../../core/search';
import { textSegmenter } from '../../../core/textDictionary';
import type { Appeal } from '../../../db/schema';
import { errorResponses, PageQuery } from '../../../server/schemas';
import { rateAppeal } from '../commands/rateAppeal';
import { submitAppeal } from '../commands/submitAppeal';
import { appealPolicy } from '../policy';
import { presentBoardItem, presentPublic, presentPublicTimeline, presentSummary } from '../presenters';
import { appealTimeline, getAppeal, getAppealByTrackingNo, listCategories, listOwnAppeals, orgNames } from '../repository';
import { listBoard } from '../searchRepository';
import {
  AppealPage,
  APPEAL_TYPE_LABELS,
  BoardItem,
  BoardQuery,
  Category,
  LookupBody,
  PublicAppeal,
  RateBody,
  SubmitAppealBody,
  SubmitAppealResult,
} from '../schemas';
import { loadAppealSettings, type LimitKind } from '../settings';
import { afterCommit, commandContext } from './support';

const LOOKUPS_PER_HOUR = 60;

/** Finds an appeal by tracking number and query code; a wrong pair is indistinguishable from none. */
async function findByCode(ctx: AppContext, ip: string | null, trackingNo: string, queryCode: string): Promise<Appeal> {
  if (!(await consumeRateLimit(ctx.db, `lookup:${ip}`, LOOKUPS_PER_HOUR, 3600, ctx.clock.now()))) {
    throw tooManyRequests();
  }
  const appeal = await getAppealByTrackingNo(ctx.db, trackingNo);
  if (!appeal || !ctx.crypto.codeMatches(queryCode, appeal.query_code_hash)) {
    throw notFound('受理编号或查询码不正确');
  }
  return appeal;
}

/** The citizen's view; a merged duplicate shows the progress of the case it joined. */
async function publicView(ctx: AppContext, appeal: Appeal) {
  const master = appeal.merged_into_id ? await getAppeal(ctx.db, appeal.merged_into_id) : undefined;
  const shown = master ?? appeal;
  const [category, names, events] = await Promise.all([
    ctx.db.selectFrom('appeal_categories').select('name').where('code', '=', appeal.category_code).executeTakeFirstOrThrow(),
    orgNames(ctx.db, [shown.unit_id]),
    appealTimeline(ctx.db, shown.id),
  ]);
  const unitName = shown.unit_id ? (names.get(shown.unit_id) ?? null) : null;
  return presentPublic(
    appeal,
    { category: category.name, unit: unitName },
    presentPublicTimeline(events),
    appeal.state === 'callback',
    shown,
  );
}

export async function publicRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/appeals/categories',
    { config: { policy: appealPolicy.categories }, schema: { tags: ['appeals'], response: { 200: z.array(Category), ...errorResponses } } },
    async () =>
      (await listCategories(ctx.db)).map((category) => ({
        code: category.code,
        name: category.name,
        type: category.appeal_type as keyof typeof APPEAL_TYPE_LABELS,
        typeLabel: APPEAL_TYPE_LABELS[category.appeal_type as keyof typeof APPEAL_TYPE_LABELS],
        limitKind: category.limit_kind as LimitKind,
        description: category.description,
      })),
  );

  r.post(
    '/api/public/appeals',
    {
      config: { policy: appealPolicy.submit },
      schema: {
        tags: ['appeals'],
        description: '群众提交诉求（无需账号）。重试时请带上相同的 Idempotency-Key，不会重复受理。',
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: SubmitAppealBody,
        response: { 201: SubmitAppealResult, 200: SubmitAppealResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const { result, appealId } = await submitAppeal(ctx, request.body, {
        actor,
        meta: request.meta,
        channel: 'h5',
        orgId: request.body.orgId,
        idempotencyKey: request.headers['idempotency-key'],
        rateLimitKey: actor ? undefined : `submit:${request.ip}`,
      });
      afterCommit(app);
      return reply.status(appealId ? 201 : 200).send(result);
    },
  );

  r.post(
    '/api/public/appeals/lookup',
    {
      config: { policy: appealPolicy.lookup },
      schema: { tags: ['appeals'], body: LookupBody, response: { 200: PublicAppeal, ...errorResponses } },
    },
    async (request) => publicView(ctx, await findByCode(ctx, request.ip, request.body.trackingNo, request.body.queryCode)),
  );

  r.post(
    '/api/public/appeals/rate',
    {
      config: { policy: appealPolicy.lookup },
      schema: { tags: ['appeals'], body: RateBody, response: { 200: PublicAppeal, ...errorResponses } },
    },
    async (request) => {
      const found = await findByCode(ctx, request.ip, request.body.trackingNo, request.body.queryCode);
      if (found.state !== 'callback') {
        throw conflict('NOT_RATEABLE', '该诉求当前不能评价');
      }
      const rated = await ctx.db.transaction().execute(async (trx) => {
        const appeal = (await getAppeal(trx, found.id))!;
        const c = await commandContext(ctx, trx, request);
        return rateAppeal({ ...c, actor: null }, appeal, { ...request.body, version: appeal.version });
      });
      afterCommit(app);
      return publicView(ctx, rated);
    },
  );

  r.get(
    '/api/public/board',
    {
      config: { policy: appealPolicy.board },
      schema: {
        tags: ['appeals'],
        querystring: BoardQuery,
        response: { 200: z.object({ items: z.array(BoardItem), total: z.number().int(), totalIsExact: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const { page, pageSize, categoryCode, q } = request.query;
      const { rows, total, totalIsExact } = await listBoard(ctx.db, page, pageSize, {
        categoryCode,
        words: q ? queryWords(await textSegmenter(ctx), q).map(withBigrams) : undefined,
      });
      return { items: rows.map(presentBoardItem), total, totalIsExact };
    },
  );

  r.get(
    '/api/my/appeals',
    {
      config: { policy: appealPolicy.mine },
      schema: { tags: ['appeals'], querystring: PageQuery, response: { 200: AppealPage, ...errorResponses } },
    },
    async (request) => {
      const { query } = request;
      const settings = await loadAppealSettings(ctx.db);
      const { rows, total } = await listOwnAppeals(ctx.db, request.actor!.id, query.page, query.pageSize);
      const now = ctx.clock.now();
      return {
        items: rows.map((row) => presentSummary(row, ctx.crypto, now, settings)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  );
}
