import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { deniedNotFound } from '../../../../core/errors';
import { authorize } from '../../../../core/policy';
import { afterCommit } from '../../../../server/afterCommit';
import { errorResponses, IdParams } from '../../../../server/schemas';
import { readerPaths } from '../../audience';
import { openElectionCommand } from '../commands/context';
import { closeVoting } from '../commands/closeVoting';
import { createElection } from '../commands/createElection';
import { editElection } from '../commands/editElection';
import { finalizeElection } from '../commands/finalizeElection';
import { nominateCandidate } from '../commands/nominateCandidate';
import { openVoting } from '../commands/openVoting';
import { reviewNomination } from '../commands/reviewNomination';
import { electionPolicy } from '../policy';
import { presentSummary } from '../presenters';
import { listElections } from '../repository';
import {
  CreateElectionBody,
  EditElectionBody,
  ElectionDetail,
  ElectionListQuery,
  ElectionPage,
  NominateBody,
  NominationParams,
  ReviewNominationBody,
  VersionBody,
} from '../schemas';
import { electionDetail, loadElection } from './load';

const tags = ['consult'];

/** 典型评选 set up and run: create and edit, nominations and their review, the phases. */
export async function electionManageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.post(
    '/api/consult/elections',
    {
      config: { policy: electionPolicy.create },
      schema: { tags, summary: '发起评选', body: CreateElectionBody, response: { 201: ElectionDetail, ...errorResponses } },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const orgId = request.body.orgId ?? actor.user.org_id;
      const id = await ctx.db.transaction().execute(async (trx) => {
        const org = await trx.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
        if (!org) {
          throw deniedNotFound();
        }
        authorize(actor, electionPolicy.create, {
          orgId,
          orgPath: org.path,
          audienceMembers: request.body.audienceMembers,
          audienceMasses: request.body.audienceMasses,
          reader: await readerPaths(trx, actor),
          onRoll: false,
        });
        return (await createElection(openElectionCommand(ctx, trx, actor, request.meta), orgId, request.body)).id;
      });
      afterCommit(app);
      return reply.status(201).send(await electionDetail(ctx.db, actor, id));
    },
  );

  r.get(
    '/api/consult/elections',
    {
      config: { policy: electionPolicy.list },
      schema: { tags, querystring: ElectionListQuery, response: { 200: ElectionPage, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor!;
      const { rows, total } = await listElections(ctx.db, actor, await readerPaths(ctx.db, actor), request.query);
      return { items: rows.map(presentSummary), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get(
    '/api/consult/elections/:id',
    { config: { policy: electionPolicy.view }, schema: { tags, params: IdParams, response: { 200: ElectionDetail, ...errorResponses } } },
    async (request) => {
      await loadElection(ctx.db, request.actor!, request.params.id, electionPolicy.view);
      return electionDetail(ctx.db, request.actor!, request.params.id);
    },
  );

  r.patch(
    '/api/consult/elections/:id',
    {
      config: { policy: electionPolicy.edit },
      schema: {
        tags,
        summary: '修改评选设置',
        params: IdParams,
        body: EditElectionBody,
        response: { 200: ElectionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      await ctx.db.transaction().execute(async (trx) => {
        const { row } = await loadElection(trx, actor, request.params.id, electionPolicy.edit);
        await editElection(openElectionCommand(ctx, trx, actor, request.meta), row, request.body);
      });
      afterCommit(app);
      return electionDetail(ctx.db, actor, request.params.id);
    },
  );

  r.post(
    '/api/consult/elections/:id/nominations',
    {
      config: { policy: electionPolicy.nominate },
      schema: { tags, summary: '提名候选人', params: IdParams, body: NominateBody, response: { 201: ElectionDetail, ...errorResponses } },
    },
    async (request, reply) => {
      const actor = request.actor!;
      await ctx.db.transaction().execute(async (trx) => {
        const { row } = await loadElection(trx, actor, request.params.id, electionPolicy.nominate);
        await nominateCandidate(openElectionCommand(ctx, trx, actor, request.meta), row, request.body);
      });
      afterCommit(app);
      return reply.status(201).send(await electionDetail(ctx.db, actor, request.params.id));
    },
  );

  r.post(
    '/api/consult/elections/:id/nominations/:nominationId/review',
    {
      config: { policy: electionPolicy.review },
      schema: {
        tags,
        summary: '审核提名',
        params: NominationParams,
        body: ReviewNominationBody,
        response: { 200: ElectionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      await ctx.db.transaction().execute(async (trx) => {
        const { row } = await loadElection(trx, actor, request.params.id, electionPolicy.review);
        await reviewNomination(openElectionCommand(ctx, trx, actor, request.meta), row, request.params.nominationId, request.body);
      });
      afterCommit(app);
      return electionDetail(ctx.db, actor, request.params.id);
    },
  );

  const phaseRoutes = [
    { path: 'open', rule: electionPolicy.open, summary: '开始投票（冻结投票名单）', run: openVoting },
    { path: 'close', rule: electionPolicy.close, summary: '结束投票并公示结果', run: closeVoting },
    { path: 'finalize', rule: electionPolicy.finalize, summary: '公示期满，确认最终结果', run: finalizeElection },
  ] as const;
  for (const phase of phaseRoutes) {
    r.post(
      `/api/consult/elections/:id/${phase.path}`,
      {
        config: { policy: phase.rule },
        schema: { tags, summary: phase.summary, params: IdParams, body: VersionBody, response: { 200: ElectionDetail, ...errorResponses } },
      },
      async (request) => {
        const actor = request.actor!;
        await ctx.db.transaction().execute(async (trx) => {
          const { row } = await loadElection(trx, actor, request.params.id, phase.rule);
          await phase.run(openElectionCommand(ctx, trx, actor, request.meta), row, request.body.version);
        });
        afterCommit(app);
        return electionDetail(ctx.db, actor, request.params.id);
      },
    );
  }
}
