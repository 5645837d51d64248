import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../../../core/context';
import { badRequest } from '../../../../core/errors';
import { errorResponses, IdParams } from '../../../../server/schemas';
import { isFreeText, questionsOf } from '../definition';
import { exportSurveyAnswers } from '../export';
import { surveyPolicy } from '../policy';
import { answersByOrg, listTexts, readTallies, type SurveyRow } from '../repository';
import { buildResults } from '../results';
import { MIN_GROUP_SIZE, ResultsQuery, SurveyResults, TextAnswerPage, TextsQuery } from '../schemas';
import { authorizedSurvey, definitionOf } from './load';

/** The organisations a survey's results may be filtered by: on an anonymous survey, only those with enough answers to hide one person's. */
const filterableOrgs = (row: SurveyRow, orgs: { id: string; name: string; count: number }[]) =>
  row.anonymous === 1 ? orgs.filter((org) => org.count >= MIN_GROUP_SIZE) : orgs;

function requireFilterable(orgs: { id: string }[], orgId: string | undefined): void {
  if (orgId && !orgs.some((org) => org.id === orgId)) {
    throw badRequest('GROUP_TOO_SMALL', `该组织的答卷少于 ${MIN_GROUP_SIZE} 份，为保护匿名不单独显示`, 'orgId');
  }
}

/** 问卷结果: live counts per question, free-text answers with their keywords, and the xlsx export. */
export async function surveyResultRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  const orgsFor = async (row: SurveyRow) => filterableOrgs(row, await answersByOrg(ctx.db, row.id));

  r.get(
    '/api/consult/surveys/:id/results',
    {
      config: { policy: surveyPolicy.manage },
      schema: {
        tags: ['consult'],
        summary: '问卷结果（实时）',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: SurveyResults, ...errorResponses },
      },
    },
    async (request) => {
      const row = await authorizedSurvey(ctx.db, request.actor!, surveyPolicy.manage, request.params.id);
      const orgs = await orgsFor(row);
      requireFilterable(orgs, request.query.orgId);
      const results = buildResults(definitionOf(row), await readTallies(ctx.db, row.id, request.query.orgId));
      return { surveyId: row.id, title: row.title, orgId: request.query.orgId ?? null, orgs, ...results };
    },
  );

  r.get(
    '/api/consult/surveys/:id/texts',
    {
      config: { policy: surveyPolicy.manage },
      schema: {
        tags: ['consult'],
        summary: '文字回答及关键词',
        params: IdParams,
        querystring: TextsQuery,
        response: { 200: TextAnswerPage, ...errorResponses },
      },
    },
    async (request) => {
      const row = await authorizedSurvey(ctx.db, request.actor!, surveyPolicy.manage, request.params.id);
      const question = questionsOf(definitionOf(row)).find((q) => q.name === request.query.question);
      if (!question || !isFreeText(question)) {
        throw badRequest('NOT_A_TEXT_QUESTION', '该题不是文字题', 'question');
      }
      requireFilterable(await orgsFor(row), request.query.orgId);
      const { rows, total } = await listTexts(ctx.db, row.id, request.query);
      return {
        items: rows.map((text) => ({
          text: text.text,
          keywords: JSON.parse(text.keywords) as string[],
          // Whose organisation wrote it narrows down who wrote it: not on an anonymous survey.
          orgName: row.anonymous === 1 ? null : (text.org_name ?? null),
          submittedOn: text.submitted_on,
        })),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  r.get(
    '/api/consult/surveys/:id/export.xlsx',
    {
      config: { policy: surveyPolicy.manage },
      schema: {
        tags: ['consult'],
        description: '导出全部答卷为 Excel（流式，每份答卷一行）',
        params: IdParams,
        response: { 200: z.any().describe('xlsx 文件'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const row = await authorizedSurvey(ctx.db, actor, surveyPolicy.manage, request.params.id);
      await audit(ctx, ctx.db, request.meta, actor, {
        eventType: 'survey.export',
        outcome: 'success',
        targetType: 'survey',
        targetId: row.id,
        detail: { anonymous: row.anonymous === 1 },
      });
      const { stream } = exportSurveyAnswers(ctx.db, row, definitionOf(row));
      const filename = encodeURIComponent(`问卷答卷-${row.title.slice(0, 40)}.xlsx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${filename}`)
        .send(stream);
    },
  );
}
