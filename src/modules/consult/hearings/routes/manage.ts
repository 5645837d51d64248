import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { deniedNotFound } from '../../../../core/errors';
import { authorize } from '../../../../core/policy';
import { afterCommit } from '../../../../server/afterCommit';
import { errorResponses, IdParams, Ok } from '../../../../server/schemas';
import { openHearingCommand } from '../commands/context';
import { createHearing, transitionHearing, updateHearing } from '../commands/manageHearing';
import { addMaterial, concludeHearing, recordMinutes, removeMaterial } from '../commands/outcomeCommands';
import { checkMaterial } from '../materials';
import { hearingPolicy } from '../policy';
import { hearingFacts, materialPath, presentSummary } from '../presenters';
import { getOrgPath, listManaged, registrationCounts } from '../repository';
import {
  ConcludeBody,
  CreateHearingBody,
  HearingDetail,
  HearingPage,
  ManageListQuery,
  MATERIAL_BODY_LIMIT,
  MaterialParams,
  MaterialUpload,
  MaterialView,
  MinutesBody,
  TransitionParams,
  UpdateHearingBody,
  VersionBody,
} from '../schemas';
import { changeHearing, detailFor, readerOrgPath } from './load';

const tags = ['consult'];

/** The organizer's side: draft, publish and run a hearing, its materials, minutes and outcome. */
export async function manageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/consult/hearings',
    {
      config: { policy: hearingPolicy.manageList },
      schema: { tags, summary: '本组织的听证会、议事会', querystring: ManageListQuery, response: { 200: HearingPage, ...errorResponses } },
    },
    async (request) => {
      const { rows, total } = await listManaged(ctx.db, request.actor!, request.query);
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

  r.post(
    '/api/consult/hearings',
    {
      config: { policy: hearingPolicy.create },
      schema: { tags, summary: '新建会议（草稿）', body: CreateHearingBody, response: { 201: HearingDetail, ...errorResponses } },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const orgId = request.body.orgId ?? actor.user.org_id;
      const id = await ctx.db.transaction().execute(async (trx) => {
        if ((await getOrgPath(trx, orgId)) === undefined) {
          throw deniedNotFound();
        }
        authorize(
          actor,
          hearingPolicy.create,
          hearingFacts({ org_id: orgId, audience: request.body.audience, state: 'draft' }, await readerOrgPath(trx, actor)),
        );
        return (await createHearing(openHearingCommand(ctx, trx, actor, request.meta), orgId, request.body)).id;
      });
      afterCommit(app);
      return reply.status(201).send(await detailFor(ctx, actor, id));
    },
  );

  r.patch(
    '/api/consult/hearings/:id',
    {
      config: { policy: hearingPolicy.edit },
      schema: {
        tags,
        summary: '修改会议信息',
        params: IdParams,
        body: UpdateHearingBody,
        response: { 200: HearingDetail, ...errorResponses },
      },
    },
    async (request) => {
      await changeHearing(app, request, request.params.id, hearingPolicy.edit, (c, hearing) => updateHearing(c, hearing, request.body));
      return detailFor(ctx, request.actor, request.params.id);
    },
  );

  r.post(
    '/api/consult/hearings/:id/transitions/:action',
    {
      config: { policy: hearingPolicy.transition },
      schema: {
        tags,
        summary: '发布 / 截止报名 / 标记已召开',
        params: TransitionParams,
        body: VersionBody,
        response: { 200: HearingDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { id, action } = request.params;
      await changeHearing(app, request, id, hearingPolicy.transition, (c, hearing) =>
        transitionHearing(c, hearing, action, request.body.version),
      );
      return detailFor(ctx, request.actor, id);
    },
  );

  r.post(
    '/api/consult/hearings/:id/materials',
    {
      config: { policy: hearingPolicy.manageMaterials },
      bodyLimit: MATERIAL_BODY_LIMIT,
      schema: {
        tags,
        summary: '上传会议材料（PDF、Word、图片，单个不超过 10MB）',
        params: IdParams,
        body: MaterialUpload,
        response: { 201: MaterialView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const material = await checkMaterial(request.body.name, request.body.dataBase64);
      const fileId = await changeHearing(app, request, request.params.id, hearingPolicy.manageMaterials, (c, hearing) =>
        addMaterial(c, hearing, material),
      );
      return reply.status(201).send({
        id: fileId,
        name: material.name,
        mime: material.mime,
        size: material.bytes.length,
        url: materialPath(request.params.id, fileId),
      });
    },
  );

  r.delete(
    '/api/consult/hearings/:id/materials/:fileId',
    {
      config: { policy: hearingPolicy.manageMaterials },
      schema: { tags, summary: '删除会议材料', params: MaterialParams, response: { 200: Ok, ...errorResponses } },
    },
    async (request) => {
      await changeHearing(app, request, request.params.id, hearingPolicy.manageMaterials, (c, hearing) =>
        removeMaterial(c, hearing, request.params.fileId),
      );
      return { ok: true as const };
    },
  );

  r.put(
    '/api/consult/hearings/:id/minutes',
    {
      config: { policy: hearingPolicy.recordMinutes },
      schema: { tags, summary: '填写会议纪要', params: IdParams, body: MinutesBody, response: { 200: HearingDetail, ...errorResponses } },
    },
    async (request) => {
      await changeHearing(app, request, request.params.id, hearingPolicy.recordMinutes, (c, hearing) =>
        recordMinutes(c, hearing, request.body.minutes),
      );
      return detailFor(ctx, request.actor, request.params.id);
    },
  );

  r.post(
    '/api/consult/hearings/:id/outcome',
    {
      config: { policy: hearingPolicy.conclude },
      schema: { tags, summary: '公布议定结果', params: IdParams, body: ConcludeBody, response: { 200: HearingDetail, ...errorResponses } },
    },
    async (request) => {
      await changeHearing(app, request, request.params.id, hearingPolicy.conclude, (c, hearing) =>
        concludeHearing(c, hearing, request.body),
      );
      return detailFor(ctx, request.actor, request.params.id);
    },
  );
}
