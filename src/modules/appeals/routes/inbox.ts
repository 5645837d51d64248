import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../../core/context';
import { tooManyRequests } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { consumeRateLimit } from '../../../core/rateLimit';
import { queryWords, snippet, withBigrams } from '../../../core/search';
import { textSegmenter } from '../../../core/textDictionary';
import { errorResponses, IdParams } from '../../../server/schemas';
import { appealPolicy } from '../policy';
import { presentSummary } from '../presenters';
import { countBoxes, listAppeals } from '../repository';
import { searchAppeals } from '../searchRepository';
import {
  AppealDetail,
  AppealListQuery,
  AppealPage,
  AppealSearchPage,
  AppealSearchQuery,
  INBOX_BOXES,
  InboxCounts,
  RevealBody,
  RevealResult,
} from '../schemas';
import { loadAppealSettings } from '../settings';
import { detailFor, requireAppealRow } from './load';

export async function inboxRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/appeals',
    {
      config: { policy: appealPolicy.list },
      schema: { tags: ['appeals'], querystring: AppealListQuery, response: { 200: AppealPage, ...errorResponses } },
    },
    async (request) => {
      const settings = await loadAppealSettings(ctx.db);
      const now = ctx.clock.now();
      const { rows, total } = await listAppeals(ctx.db, request.actor!, request.query, now, settings);
      return {
        items: rows.map((row) => presentSummary(row, ctx.crypto, now, settings)),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  r.get(
    '/api/appeals/search',
    {
      config: { policy: appealPolicy.list },
      schema: {
        tags: ['appeals'],
        description: '全文检索诉求内容、地址和答复；繁体、简体均可；只返回本人权限范围内的诉求。',
        querystring: AppealSearchQuery,
        response: { 200: AppealSearchPage, ...errorResponses },
      },
    },
    async (request) => {
      const { q, ...filters } = request.query;
      const words = queryWords(await textSegmenter(ctx), q);
      const settings = await loadAppealSettings(ctx.db);
      const now = ctx.clock.now();
      const { rows, total, totalIsExact } =
        words.length > 0
          ? await searchAppeals(ctx.db, request.actor!, words.map(withBigrams), filters, now, settings)
          : { rows: [], total: 0, totalIsExact: true };
      return {
        items: rows.map((row) => ({
          ...presentSummary(row, ctx.crypto, now, settings),
          snippet: snippet([row.content, row.address, row.reply_text].filter(Boolean).join(' '), words),
        })),
        total,
        totalIsExact,
        page: filters.page,
        pageSize: filters.pageSize,
        words,
      };
    },
  );

  r.get(
    '/api/appeals/counts',
    { config: { policy: appealPolicy.list }, schema: { tags: ['appeals'], response: { 200: InboxCounts, ...errorResponses } } },
    async (request) => {
      const settings = await loadAppealSettings(ctx.db);
      return (await countBoxes(ctx.db, request.actor!, INBOX_BOXES, ctx.clock.now(), settings)) as z.infer<typeof InboxCounts>;
    },
  );

  r.get(
    '/api/appeals/:id',
    {
      config: { policy: appealPolicy.view },
      schema: { tags: ['appeals'], params: IdParams, response: { 200: AppealDetail, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor!;
      const row = await requireAppealRow(ctx.db, request.params.id);
      authorize(actor, appealPolicy.view, row);
      // Appeal content is treated as sensitive personal information (checklist PI-07): every read is audited.
      await audit(ctx, ctx.db, request.meta, actor, {
        eventType: 'appeal.read',
        outcome: 'success',
        targetType: 'appeal',
        targetId: row.id,
      });
      return detailFor(ctx, actor, row.id);
    },
  );

  r.post(
    '/api/appeals/:id/reveal',
    {
      config: { policy: appealPolicy.reveal },
      schema: { tags: ['appeals'], params: IdParams, body: RevealBody, response: { 200: RevealResult, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor!;
      const row = await requireAppealRow(ctx.db, request.params.id);
      authorize(actor, appealPolicy.reveal, row);
      if (!(await consumeRateLimit(ctx.db, `reveal:${actor.id}`, ctx.config.revealsPerHour, 3600, ctx.clock.now()))) {
        throw tooManyRequests(`每小时最多查看 ${ctx.config.revealsPerHour} 次完整联系方式`);
      }
      await audit(ctx, ctx.db, request.meta, actor, {
        eventType: 'appeal.unmask',
        outcome: 'success',
        targetType: 'appeal',
        targetId: row.id,
        reason: request.body.reason,
      });
      return {
        contactName: ctx.crypto.decryptOptional(row.contact_name_enc),
        contactPhone: ctx.crypto.decryptOptional(row.contact_phone_enc),
      };
    },
  );

  r.get(
    '/api/appeals/:id/photos/:fileId',
    {
      config: { policy: appealPolicy.view },
      schema: {
        tags: ['appeals'],
        params: IdParams.extend({ fileId: z.string().uuid() }),
        response: { 200: z.any().describe('照片原始字节（image/*）'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await requireAppealRow(ctx.db, request.params.id);
      authorize(request.actor!, appealPolicy.view, row);
      const file = await ctx.db
        .selectFrom('appeal_photos')
        .innerJoin('files', 'files.id', 'appeal_photos.file_id')
        .select(['files.mime', 'files.content'])
        .where('appeal_photos.appeal_id', '=', row.id)
        .where('appeal_photos.file_id', '=', request.params.fileId)
        .executeTakeFirst();
      if (!file) {
        return reply.status(404).send({ code: 'NOT_FOUND', message: '照片不存在' });
      }
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', 'inline')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.content));
    },
  );
}
