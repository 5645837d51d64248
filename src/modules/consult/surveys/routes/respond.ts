import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../../core/actor';
import { deniedNotFound } from '../../../../core/errors';
import { afterCommit } from '../../../../server/afterCommit';
import { errorResponses, IdParams } from '../../../../server/schemas';
import { answerSurvey } from '../commands/answerSurvey';
import { surveyPolicy } from '../policy';
import { presentForm, presentSummary } from '../presenters';
import { getOrgPath, hasAnswered, listAddressedSurveys, type SurveyRow } from '../repository';
import { ANSWER_BODY_LIMIT, AnswerBody, AnswerReceipt, IdempotencyHeaders, SurveyForm, SurveySummary } from '../schemas';
import { authorizedSurvey, requireSurvey } from './load';

const ADDRESSED_SHOWN = 20;

/** A public survey, or 404: drafts and surveys for an audience are not served without checking who asks. */
async function requirePublicSurvey(db: Parameters<typeof requireSurvey>[0], id: string): Promise<SurveyRow> {
  const row = await requireSurvey(db, id);
  if (row.audience !== 'public' || row.state === 'draft') {
    throw deniedNotFound();
  }
  return row;
}

/** 填写问卷: what is addressed to a person, the questionnaire, and the answer; public surveys without an account. */
export async function surveyRespondRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  const formFor = async (row: SurveyRow, actor: Actor | null) =>
    presentForm(row, actor ? await hasAnswered(ctx.db, row.id, actor.id) : false, ctx.clock.now());

  const answerSchema = (summary: string) => ({
    tags: ['consult'],
    summary,
    description: '重试时请带上相同的 Idempotency-Key，不会重复计入。',
    params: IdParams,
    headers: IdempotencyHeaders,
    body: AnswerBody,
    response: { 201: AnswerReceipt, 200: AnswerReceipt, ...errorResponses },
  });

  r.get(
    '/api/my/surveys',
    {
      config: { policy: surveyPolicy.mine },
      schema: {
        tags: ['consult'],
        summary: '发给我的问卷',
        response: { 200: z.object({ items: z.array(SurveySummary) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const rows = await listAddressedSurveys(ctx.db, actor.id, (await getOrgPath(ctx.db, actor.user.org_id)) ?? '', ADDRESSED_SHOWN);
      const now = ctx.clock.now();
      return { items: rows.map((row) => presentSummary(row, now)) };
    },
  );

  r.get(
    '/api/my/surveys/:id',
    {
      config: { policy: surveyPolicy.take },
      schema: { tags: ['consult'], params: IdParams, response: { 200: SurveyForm, ...errorResponses } },
    },
    async (request) => formFor(await authorizedSurvey(ctx.db, request.actor!, surveyPolicy.take, request.params.id), request.actor!),
  );

  r.post(
    '/api/my/surveys/:id/answers',
    { config: { policy: surveyPolicy.take }, bodyLimit: ANSWER_BODY_LIMIT, schema: answerSchema('提交答卷') },
    async (request, reply) => {
      const actor = request.actor!;
      const row = await authorizedSurvey(ctx.db, actor, surveyPolicy.take, request.params.id);
      const { receipt, stored } = await answerSurvey(ctx, row, request.body.data, {
        actor,
        meta: request.meta,
        idempotencyKey: request.headers['idempotency-key'],
      });
      afterCommit(app);
      return reply.status(stored ? 201 : 200).send(receipt);
    },
  );

  r.get(
    '/api/public/surveys/:id',
    {
      config: { policy: surveyPolicy.takePublic },
      schema: { tags: ['consult'], summary: '公开问卷（扫码填写）', params: IdParams, response: { 200: SurveyForm, ...errorResponses } },
    },
    async (request) => formFor(await requirePublicSurvey(ctx.db, request.params.id), request.actor ?? null),
  );

  r.post(
    '/api/public/surveys/:id/answers',
    { config: { policy: surveyPolicy.takePublic }, bodyLimit: ANSWER_BODY_LIMIT, schema: answerSchema('提交公开问卷的答卷（无需账号）') },
    async (request, reply) => {
      const actor = request.actor ?? null;
      const row = await requirePublicSurvey(ctx.db, request.params.id);
      const { receipt, stored } = await answerSurvey(ctx, row, request.body.data, {
        actor,
        meta: request.meta,
        idempotencyKey: request.headers['idempotency-key'],
        rateLimitKey: actor ? undefined : `survey-answer:${request.ip}`,
      });
      afterCommit(app);
      return reply.status(stored ? 201 : 200).send(receipt);
    },
  );
}
