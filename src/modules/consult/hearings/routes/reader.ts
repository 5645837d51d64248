import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../../core/errors';
import { errorResponses, IdParams } from '../../../../server/schemas';
import { calendarFile } from '../calendar';
import { attachmentDisposition } from '../materials';
import { hearingPolicy } from '../policy';
import { presentSummary } from '../presenters';
import { getMaterialFile, listBoard, registrationCounts } from '../repository';
import { BoardQuery, HEARING_KIND_LABELS, HearingDetail, HearingPage, MaterialParams, type HearingKind } from '../schemas';
import { detailFor, loadVisibleHearing, readerOrgPath } from './load';

const tags = ['consult'];

/** The organisations above and including the reader's own: the hearings addressed to them are the reader's too. */
const ancestorsOf = (path: string | null) => (path ?? '').split('/').filter(Boolean);

/** What everyone sees: the hearings open to them, a hearing with its materials, its calendar file and its outcome. */
export async function readerRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/consult/hearings/board',
    {
      config: { policy: hearingPolicy.board },
      schema: {
        tags,
        summary: '可报名的会议 / 已公布结果的会议',
        querystring: BoardQuery,
        response: { 200: HearingPage, ...errorResponses },
      },
    },
    async (request) => {
      const ancestors = ancestorsOf(await readerOrgPath(ctx.db, request.actor));
      const { rows, total } = await listBoard(ctx.db, ancestors, request.query);
      const counts = await registrationCounts(
        ctx.db,
        rows.map((row) => row.id),
      );
      return {
        items: rows.map((row) => presentSummary(row, counts.get(row.id)!)),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  r.get(
    '/api/consult/hearings/:id',
    {
      config: { policy: hearingPolicy.view },
      schema: {
        tags,
        summary: '会议详情（含材料、本人报名和公布的结果）',
        params: IdParams,
        response: { 200: HearingDetail, ...errorResponses },
      },
    },
    async (request) => detailFor(ctx, request.actor, request.params.id),
  );

  r.get(
    '/api/consult/hearings/:id/hearing.ics',
    {
      config: { policy: hearingPolicy.calendar },
      schema: {
        tags,
        summary: '日历文件（iCalendar）',
        params: IdParams,
        response: { 200: z.string().describe('text/calendar'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hearing } = await loadVisibleHearing(ctx.db, request.actor, request.params.id);
      const origin = `${request.protocol}://${request.host}`;
      const body = calendarFile({
        uid: `${hearing.id}@lianxin`,
        stampedAt: hearing.updated_at,
        startsAt: hearing.starts_at,
        endsAt: hearing.ends_at,
        summary: `${HEARING_KIND_LABELS[hearing.kind as HearingKind]}：${hearing.topic}`,
        location: hearing.place,
        description: `${hearing.org_name}\n${hearing.background}`,
        url: `${origin}/h5/hearings/${hearing.id}`,
      });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', attachmentDisposition('hearing.ics'))
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  r.get(
    '/api/consult/hearings/:id/materials/:fileId',
    {
      config: { policy: hearingPolicy.material },
      schema: {
        tags,
        summary: '下载会议材料',
        params: MaterialParams,
        response: { 200: z.any().describe('文件原始字节'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hearing } = await loadVisibleHearing(ctx.db, request.actor, request.params.id);
      const file = await getMaterialFile(ctx.db, hearing.id, request.params.fileId);
      if (!file) {
        throw notFound('材料不存在');
      }
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', attachmentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.content));
    },
  );
}
