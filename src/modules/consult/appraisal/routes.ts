import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../../core/context';
import { conflict, deniedNotFound } from '../../../core/errors';
import { listOrgs } from '../../../core/orgs';
import { authorize } from '../../../core/policy';
import { afterCommit } from '../../../server/afterCommit';
import { errorResponses, IdParams, PageQuery } from '../../../server/schemas';
import { receiptPartsCounted } from '../ballots/box';
import { CastVoteResult, ReceiptCheck } from '../elections/schemas';
import { CONSULT_MANAGER_ROLES } from '../policy';
import { castAppraisalBallot } from './commands/castAppraisalBallot';
import { closeAppraisalVoting } from './commands/closeAppraisalVoting';
import { openAppraisalCommand } from './commands/context';
import { createAppraisal } from './commands/createAppraisal';
import { openAppraisalVoting } from './commands/openAppraisalVoting';
import { setFinalGrades } from './commands/setFinalGrades';
import { writeSelfAppraisal } from './commands/writeSelfAppraisal';
import { exportAppraisal } from './export';
import { appraisalDetail, loadAppraisal } from './load';
import { appraisalPolicy } from './policy';
import { presentSummary } from './presenters';
import { listAppraisals, listRoster } from './repository';
import {
  AppraisalBallotBody,
  AppraisalDetail,
  AppraisalPage,
  AppraisalTally,
  Branch,
  CheckReceiptBody,
  CreateAppraisalBody,
  FinalGradesBody,
  SelfAppraisalBody,
  VersionBody,
} from './schemas';
import { tallyAppraisal } from './tally';

const tags = ['consult'];

/** 民主评议党员: self-appraisals, the anonymous test, the tally and the committee's grades, the result sheet. */
export async function appraisalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const detail = { 200: AppraisalDetail, ...errorResponses };

  r.post(
    '/api/consult/appraisals',
    {
      config: { policy: appraisalPolicy.create },
      schema: { tags, summary: '发起年度民主评议', body: CreateAppraisalBody, response: { 201: AppraisalDetail, ...errorResponses } },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const id = await ctx.db.transaction().execute(async (trx) => {
        const branch = await trx.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', request.body.orgId).executeTakeFirst();
        if (!branch) {
          throw deniedNotFound();
        }
        authorize(actor, appraisalPolicy.create, { orgId: branch.id, onRoster: false });
        return (await createAppraisal(openAppraisalCommand(ctx, trx, actor, request.meta), branch, request.body.year)).id;
      });
      afterCommit(app);
      return reply.status(201).send(await appraisalDetail(ctx.db, actor, id));
    },
  );

  r.get(
    '/api/consult/appraisals',
    {
      config: { policy: appraisalPolicy.list },
      schema: { tags, querystring: PageQuery, response: { 200: AppraisalPage, ...errorResponses } },
    },
    async (request) => {
      const { rows, total } = await listAppraisals(ctx.db, request.actor!, request.query);
      return { items: rows.map(presentSummary), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get(
    '/api/consult/appraisals/branches',
    {
      config: { policy: appraisalPolicy.branches },
      schema: { tags, summary: '可发起民主评议的党支部', response: { 200: z.array(Branch), ...errorResponses } },
    },
    async (request) => {
      const orgs = await listOrgs(ctx.db, request.actor!.orgsFor(CONSULT_MANAGER_ROLES));
      return orgs.filter((org) => org.kind === 'branch').map((org) => ({ id: org.id, name: org.name }));
    },
  );

  r.get(
    '/api/consult/appraisals/:id',
    { config: { policy: appraisalPolicy.view }, schema: { tags, params: IdParams, response: detail } },
    async (request) => {
      await loadAppraisal(ctx.db, request.actor!, request.params.id, appraisalPolicy.view);
      return appraisalDetail(ctx.db, request.actor!, request.params.id);
    },
  );

  r.put(
    '/api/consult/appraisals/:id/self',
    {
      config: { policy: appraisalPolicy.writeSelf },
      schema: { tags, summary: '填写个人自评', params: IdParams, body: SelfAppraisalBody, response: detail },
    },
    async (request) => {
      const actor = request.actor!;
      await ctx.db.transaction().execute(async (trx) => {
        const row = await loadAppraisal(trx, actor, request.params.id, appraisalPolicy.writeSelf);
        await writeSelfAppraisal(openAppraisalCommand(ctx, trx, actor, request.meta), row, request.body.text);
      });
      return appraisalDetail(ctx.db, actor, request.params.id);
    },
  );

  const phases = [
    { path: 'open', rule: appraisalPolicy.open, summary: '开始民主测评（冻结名单）', run: openAppraisalVoting },
    { path: 'close', rule: appraisalPolicy.close, summary: '结束民主测评', run: closeAppraisalVoting },
  ] as const;
  for (const phase of phases) {
    r.post(
      `/api/consult/appraisals/:id/${phase.path}`,
      { config: { policy: phase.rule }, schema: { tags, summary: phase.summary, params: IdParams, body: VersionBody, response: detail } },
      async (request) => {
        const actor = request.actor!;
        await ctx.db.transaction().execute(async (trx) => {
          const row = await loadAppraisal(trx, actor, request.params.id, phase.rule);
          await phase.run(openAppraisalCommand(ctx, trx, actor, request.meta), row, request.body.version);
        });
        afterCommit(app);
        return appraisalDetail(ctx.db, actor, request.params.id);
      },
    );
  }

  r.post(
    '/api/consult/appraisals/:id/ballots',
    {
      config: { policy: appraisalPolicy.vote },
      schema: {
        tags,
        summary: '民主测评投票（匿名）',
        params: IdParams,
        body: AppraisalBallotBody,
        response: { 201: CastVoteResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      await loadAppraisal(ctx.db, actor, request.params.id, appraisalPolicy.vote);
      const receipt = await castAppraisalBallot(ctx, actor, request.meta, request.params.id, request.body.grades);
      return reply.status(201).send({ receipt });
    },
  );

  r.post(
    '/api/consult/appraisals/:id/receipts/check',
    {
      config: { policy: appraisalPolicy.receipts },
      schema: {
        tags,
        summary: '核验测评回执',
        params: IdParams,
        body: CheckReceiptBody,
        response: { 200: ReceiptCheck, ...errorResponses },
      },
    },
    async (request) => {
      const row = await loadAppraisal(ctx.db, request.actor!, request.params.id, appraisalPolicy.receipts);
      if (row.state !== 'closed' && row.state !== 'final') {
        throw conflict('RESULTS_NOT_AVAILABLE', '测评结束后才能核验回执');
      }
      // A full member's ballot has a row for every other full member, a 预备党员's one more.
      const graded = (await listRoster(ctx.db, row.id)).filter((member) => member.probationary === 0).length;
      const found = await receiptPartsCounted(ctx.db, row.id, request.body.receipt, graded);
      return { counted: found > 0 && found >= graded - 1 };
    },
  );

  r.get(
    '/api/consult/appraisals/:id/tally',
    {
      config: { policy: appraisalPolicy.tally },
      schema: { tags, summary: '测评计票（支委会）', params: IdParams, response: { 200: AppraisalTally, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor!;
      const row = await loadAppraisal(ctx.db, actor, request.params.id, appraisalPolicy.tally);
      const tally = await tallyAppraisal(ctx.db, ctx.crypto.ballotKey, row);
      await audit(ctx, ctx.db, request.meta, actor, {
        eventType: 'consult.appraisal.read_tally',
        outcome: 'success',
        targetType: 'appraisal',
        targetId: row.id,
      });
      return tally;
    },
  );

  r.post(
    '/api/consult/appraisals/:id/grades',
    {
      config: { policy: appraisalPolicy.grade },
      schema: { tags, summary: '评定等次（支委会）', params: IdParams, body: FinalGradesBody, response: detail },
    },
    async (request) => {
      const actor = request.actor!;
      await ctx.db.transaction().execute(async (trx) => {
        const row = await loadAppraisal(trx, actor, request.params.id, appraisalPolicy.grade);
        await setFinalGrades(openAppraisalCommand(ctx, trx, actor, request.meta), row, request.body);
      });
      afterCommit(app);
      return appraisalDetail(ctx.db, actor, request.params.id);
    },
  );

  r.get(
    '/api/consult/appraisals/:id/export.xlsx',
    {
      config: { policy: appraisalPolicy.export },
      schema: {
        tags,
        summary: '导出民主评议结果表',
        params: IdParams,
        response: { 200: z.any().describe('xlsx 文件'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const row = await loadAppraisal(ctx.db, actor, request.params.id, appraisalPolicy.export);
      if (row.state !== 'final') {
        throw conflict('NOT_FINAL', '评定等次后才能导出结果表');
      }
      const [tally, roster] = await Promise.all([tallyAppraisal(ctx.db, ctx.crypto.ballotKey, row), listRoster(ctx.db, row.id)]);
      await audit(ctx, ctx.db, request.meta, actor, {
        eventType: 'consult.appraisal.export',
        outcome: 'success',
        targetType: 'appraisal',
        targetId: row.id,
      });
      const { stream } = exportAppraisal(row, roster, tally);
      const filename = encodeURIComponent(`${row.title}.xlsx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${filename}`)
        .send(stream);
    },
  );
}
