import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../../core/actor';
import { deniedNotFound } from '../../../../core/errors';
import { listOrgs } from '../../../../core/orgs';
import { authorize } from '../../../../core/policy';
import { afterCommit } from '../../../../server/afterCommit';
import { errorResponses, IdParams } from '../../../../server/schemas';
import { canManageConsultation, CONSULT_MANAGER_ROLES } from '../../policy';
import { closeSurvey, publishSurvey, publishSurveyResults } from '../commands/changeSurveyState';
import { openSurveyCommand, type SurveyCommandContext } from '../commands/context';
import { createSurvey } from '../commands/createSurvey';
import { updateSurvey } from '../commands/updateSurvey';
import { surveyPolicy } from '../policy';
import { presentDetail, presentSummary } from '../presenters';
import { audienceOf, getOrgPath, listManagedSurveys, searchAudiencePeople } from '../repository';
import {
  CreateSurveyBody,
  SURVEY_BODY_LIMIT,
  SurveyDetail,
  SurveyListQuery,
  SurveyPage,
  SurveyTemplate,
  UpdateSurveyBody,
  VersionBody,
} from '../schemas';
import { SURVEY_TEMPLATES } from '../templates';
import { authorizedSurvey, requireSurvey } from './load';

type StateChange = (c: SurveyCommandContext, survey: Awaited<ReturnType<typeof requireSurvey>>, version: number) => Promise<void>;

const STATE_CHANGES: { path: string; summary: string; command: StateChange }[] = [
  { path: 'publish', summary: '发布问卷', command: publishSurvey },
  { path: 'close', summary: '结束问卷', command: closeSurvey },
  { path: 'publish-results', summary: '向公开栏发布结果摘要', command: publishSurveyResults },
];

/** 问卷调查, the organiser's side: list, templates, draft, edit, publish, close, publish the results. */
export async function surveyManageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  const detailFor = async (actor: Actor, id: string) => {
    const row = await requireSurvey(ctx.db, id);
    return presentDetail(row, await audienceOf(ctx.db, id), canManageConsultation(actor, row.org_id), ctx.clock.now());
  };

  r.get(
    '/api/consult/surveys',
    {
      config: { policy: surveyPolicy.list },
      schema: { tags: ['consult'], summary: '问卷列表', querystring: SurveyListQuery, response: { 200: SurveyPage, ...errorResponses } },
    },
    async (request) => {
      const { rows, total } = await listManagedSurveys(ctx.db, request.actor!.orgsFor(CONSULT_MANAGER_ROLES), request.query);
      const now = ctx.clock.now();
      return { items: rows.map((row) => presentSummary(row, now)), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get(
    '/api/consult/survey-templates',
    {
      config: { policy: surveyPolicy.templates },
      schema: { tags: ['consult'], summary: '问卷模板', response: { 200: z.array(SurveyTemplate), ...errorResponses } },
    },
    async () =>
      SURVEY_TEMPLATES.map((template) => ({ ...template, definition: template.definition as unknown as Record<string, unknown> })),
  );

  r.get(
    '/api/consult/survey-orgs',
    {
      config: { policy: surveyPolicy.templates },
      schema: {
        tags: ['consult'],
        summary: '可作为调查对象的组织',
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), depth: z.number().int() })), ...errorResponses },
      },
    },
    async (request) =>
      (await listOrgs(ctx.db, request.actor!.orgsFor(CONSULT_MANAGER_ROLES)))
        .sort((a, b) => (a.path < b.path ? -1 : 1))
        .map((org) => ({ id: org.id, name: org.name, depth: org.path.split('/').length - 3 })),
  );

  r.get(
    '/api/consult/survey-people',
    {
      config: { policy: surveyPolicy.templates },
      schema: {
        tags: ['consult'],
        summary: '按姓名查找可指定为调查对象的人员（本人管理的组织内）',
        querystring: z.object({ q: z.string().trim().min(1, '请输入姓名').max(20) }),
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string() })), ...errorResponses },
      },
    },
    async (request) =>
      (await searchAudiencePeople(ctx.db, request.actor!.orgsFor(CONSULT_MANAGER_ROLES), request.query.q)).map((person) => ({
        id: person.id,
        name: person.name,
        orgName: person.org_name,
      })),
  );

  r.post(
    '/api/consult/surveys',
    {
      config: { policy: surveyPolicy.create },
      bodyLimit: SURVEY_BODY_LIMIT,
      schema: {
        tags: ['consult'],
        summary: '新建问卷（草稿）',
        body: CreateSurveyBody,
        response: { 201: SurveyDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const orgId = request.body.orgId ?? actor.user.org_id;
      const id = await ctx.db.transaction().execute(async (trx) => {
        if ((await getOrgPath(trx, orgId)) === undefined) {
          throw deniedNotFound();
        }
        authorize(actor, surveyPolicy.create, {
          survey: { org_id: orgId, state: 'draft', audience: request.body.audience.kind },
          audienceOrgPaths: [],
          named: false,
          readerOrgPath: '',
        });
        return (await createSurvey(openSurveyCommand(ctx, trx, actor, request.meta), orgId, request.body)).id;
      });
      afterCommit(app);
      return reply.status(201).send(await detailFor(actor, id));
    },
  );

  r.get(
    '/api/consult/surveys/:id',
    {
      config: { policy: surveyPolicy.view },
      schema: { tags: ['consult'], params: IdParams, response: { 200: SurveyDetail, ...errorResponses } },
    },
    async (request) => {
      await authorizedSurvey(ctx.db, request.actor!, surveyPolicy.view, request.params.id);
      return detailFor(request.actor!, request.params.id);
    },
  );

  r.patch(
    '/api/consult/surveys/:id',
    {
      config: { policy: surveyPolicy.manage },
      bodyLimit: SURVEY_BODY_LIMIT,
      schema: {
        tags: ['consult'],
        summary: '修改问卷草稿',
        params: IdParams,
        body: UpdateSurveyBody,
        response: { 200: SurveyDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      await ctx.db.transaction().execute(async (trx) => {
        const row = await authorizedSurvey(trx, actor, surveyPolicy.manage, request.params.id);
        await updateSurvey(openSurveyCommand(ctx, trx, actor, request.meta), row, request.body);
      });
      afterCommit(app);
      return detailFor(actor, request.params.id);
    },
  );

  for (const change of STATE_CHANGES) {
    r.post(
      `/api/consult/surveys/:id/${change.path}`,
      {
        config: { policy: surveyPolicy.manage },
        schema: {
          tags: ['consult'],
          summary: change.summary,
          params: IdParams,
          body: VersionBody,
          response: { 200: SurveyDetail, ...errorResponses },
        },
      },
      async (request) => {
        const actor = request.actor!;
        await ctx.db.transaction().execute(async (trx) => {
          const row = await authorizedSurvey(trx, actor, surveyPolicy.manage, request.params.id);
          await change.command(openSurveyCommand(ctx, trx, actor, request.meta), row, request.body.version);
        });
        afterCommit(app);
        return detailFor(actor, request.params.id);
      },
    );
  }
}
