import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { iso } from '../../../core/clock';
import { authorize } from '../../../core/policy';
import { textSegmenter } from '../../../core/textDictionary';
import { errorResponses, IdParams } from '../../../server/schemas';
import { appealPolicy } from '../policy';
import { scopeFilter } from '../repository';
import { requireAppealRow } from '../routes/load';
import { presentTriage, presentTriageReport } from './presenters';
import { decisionCounts, learnedAppealCount } from './repository';
import { TriageReport, TriageReportQuery, TriageSuggestion } from './schemas';
import { suggestTriage } from './suggest';

/** Triage suggestions for the dispatcher, and how often dispatchers took them. */
export async function triageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/appeals/:id/triage',
    {
      config: { policy: appealPolicy.dispatch },
      schema: {
        tags: ['appeals'],
        description: '派单智能建议：按以往派单学到的诉求类别和承办单位，附置信度和其他可能；已派单诉求不足时不给建议。',
        params: IdParams,
        response: { 200: TriageSuggestion, ...errorResponses },
      },
    },
    async (request) => {
      const row = await requireAppealRow(ctx.db, request.params.id);
      authorize(request.actor!, appealPolicy.dispatch, row);
      return presentTriage(await suggestTriage(ctx.db, await textSegmenter(ctx), row.content));
    },
  );

  r.get(
    '/api/appeals/triage/report',
    {
      config: { policy: appealPolicy.triageReport },
      schema: {
        tags: ['appeals'],
        description: '派单智能建议的采纳情况：近若干天内给出建议的派单中，按建议派单的比例（本人可见范围内的诉求）。',
        querystring: TriageReportQuery,
        response: { 200: TriageReport, ...errorResponses },
      },
    },
    async (request) => {
      const { days } = request.query;
      const since = iso(new Date(ctx.clock.now().getTime() - days * 86_400_000));
      const counts = await decisionCounts(ctx.db, scopeFilter(request.actor!), since);
      return presentTriageReport(days, await learnedAppealCount(ctx.db), counts);
    },
  );
}
