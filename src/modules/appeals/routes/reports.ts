import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../../core/context';
import { errorResponses } from '../../../server/schemas';
import { appealKpiReport } from '../dashboard';
import { exportAppeals } from '../export';
import { appealPolicy } from '../policy';
import { AppealListQuery, KpiQuery, KpiReport } from '../schemas';
import { loadAppealSettings } from '../settings';

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/dashboard/appeals',
    {
      config: { policy: appealPolicy.dashboard },
      schema: { tags: ['appeals'], querystring: KpiQuery, response: { 200: KpiReport, ...errorResponses } },
    },
    async (request) => {
      const settings = await loadAppealSettings(ctx.db);
      return appealKpiReport(ctx.db, request.actor!, settings, ctx.clock.now(), request.query.month, request.query.months);
    },
  );

  r.get(
    '/api/appeals/export.xlsx',
    {
      config: { policy: appealPolicy.export },
      schema: {
        tags: ['appeals'],
        description: '按筛选条件导出 Excel（流式，个人信息脱敏）',
        querystring: AppealListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any().describe('xlsx 文件'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const settings = await loadAppealSettings(ctx.db);
      const query = { ...request.query, page: 1, pageSize: 100 };
      await audit(ctx, ctx.db, request.meta, actor, {
        eventType: 'appeal.export',
        outcome: 'success',
        targetType: 'appeal_list',
        detail: request.query,
      });
      const { stream } = exportAppeals(ctx.db, ctx.crypto, actor, query, ctx.clock.now(), settings);
      const filename = encodeURIComponent(`群众诉求-${new Date().toISOString().slice(0, 10)}.xlsx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${filename}`)
        .send(stream);
    },
  );
}
