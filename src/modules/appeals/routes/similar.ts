import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, notFound, tooManyRequests } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { consumeRateLimit } from '../../../core/rateLimit';
import { textSegmenter } from '../../../core/textDictionary';
import { errorResponses, IdParams } from '../../../server/schemas';
import { appealPolicy } from '../policy';
import { scrubPersonalData } from '../../../core/masking';
import { presentSummary } from '../presenters';
import { addSupport, getAppealByTrackingNo, intakeOrgId, scopeFilter } from '../repository';
import { PublicSimilarAppeal, SimilarAppeals, SimilarQuery, SupportBody } from '../schemas';
import { loadAppealSettings } from '../settings';
import { findSimilarAppeals } from '../similar';
import { STATE_LABELS, TERMINAL_STATES, type AppealState } from '../stateMachine';
import { requireAppealRow } from './load';

const SIMILAR_LOOKUPS_PER_HOUR = 300;
const SHOWN_TO_CITIZENS = 3;
const SHOWN_TO_DISPATCHERS = 5;
const PREVIEW = 60;

/** Near duplicates: offered to the citizen while typing, and to the dispatcher beside each new appeal. */
export async function similarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.post(
    '/api/public/appeals/similar',
    {
      config: { policy: appealPolicy.similar },
      schema: {
        tags: ['appeals'],
        description: '群众填写诉求时，查找近一个月已有人反映、且同意公开的相似诉求（“这个问题已有人反映”）。',
        body: SimilarQuery,
        response: { 200: z.object({ items: z.array(PublicSimilarAppeal) }), ...errorResponses },
      },
    },
    async (request) => {
      if (!(await consumeRateLimit(ctx.db, `similar:${request.ip}`, SIMILAR_LOOKUPS_PER_HOUR, 3600, ctx.clock.now()))) {
        throw tooManyRequests();
      }
      const orgId = await intakeOrgId(ctx.db, request.body.orgId);
      const similar = await findSimilarAppeals(ctx.db, await textSegmenter(ctx), request.body.content, ctx.clock.now(), {
        // Only what the citizen who filed it allowed to be public, at the same receiving organisation.
        scope: (eb) => eb.and([eb('appeals.publicable', '=', 1), eb('appeals.org_id', '=', orgId)]),
        limit: SHOWN_TO_CITIZENS,
      });
      return {
        items: similar.map(({ row, similarity }) => {
          const content = scrubPersonalData(row.content);
          return {
            trackingNo: row.tracking_no,
            categoryName: row.category_name,
            content: content.length > PREVIEW ? `${content.slice(0, PREVIEW)}…` : content,
            stateLabel: STATE_LABELS[row.state as AppealState],
            receivedAt: row.received_at,
            supportCount: row.support_count,
            similarity: Math.round(similarity * 100) / 100,
          };
        }),
      };
    },
  );

  r.post(
    '/api/public/appeals/support',
    {
      config: { policy: appealPolicy.support },
      schema: {
        tags: ['appeals'],
        description: '“我也遇到了”：为已有人反映的公开诉求加一票，代替重复提交；同一地址每件每天计一次。',
        body: SupportBody,
        response: { 200: z.object({ supportCount: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => {
      const appeal = await getAppealByTrackingNo(ctx.db, request.body.trackingNo);
      if (!appeal || appeal.publicable !== 1) {
        throw notFound('没有找到这件诉求');
      }
      if (TERMINAL_STATES.includes(appeal.state as AppealState)) {
        throw conflict('APPEAL_CLOSED', '这件诉求已经办结，如问题仍在，请重新反映');
      }
      if (!(await consumeRateLimit(ctx.db, `support:${request.ip}:${appeal.id}`, 1, 86_400, ctx.clock.now()))) {
        return { supportCount: appeal.support_count };
      }
      const { support_count } = await addSupport(ctx.db, appeal.id);
      return { supportCount: support_count };
    },
  );

  r.get(
    '/api/appeals/:id/similar',
    {
      config: { policy: appealPolicy.view },
      schema: { tags: ['appeals'], params: IdParams, response: { 200: SimilarAppeals, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor!;
      const row = await requireAppealRow(ctx.db, request.params.id);
      authorize(actor, appealPolicy.view, row);
      const now = ctx.clock.now();
      const segmenter = await textSegmenter(ctx);
      const [settings, similar] = await Promise.all([
        loadAppealSettings(ctx.db),
        findSimilarAppeals(ctx.db, segmenter, [row.content, row.address].filter(Boolean).join('\n'), now, {
          scope: scopeFilter(actor),
          excludeId: row.id,
          limit: SHOWN_TO_DISPATCHERS,
        }),
      ]);
      return {
        items: similar.map(({ row: candidate, similarity }) => ({
          ...presentSummary(candidate, ctx.crypto, now, settings),
          similarity: Math.round(similarity * 100) / 100,
          supportCount: candidate.support_count,
        })),
      };
    },
  );
}
