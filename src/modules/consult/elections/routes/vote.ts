import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../../../core/context';
import { AppError, conflict, tooManyRequests } from '../../../../core/errors';
import { consumeRateLimit } from '../../../../core/rateLimit';
import { errorResponses, IdParams } from '../../../../server/schemas';
import { receiptCounted, receiptHashes } from '../../ballots/box';
import { castVote } from '../commands/castVote';
import { resultsOpen } from '../phases';
import { electionPolicy } from '../policy';
import { CastVoteBody, CastVoteResult, CheckReceiptBody, ElectionResults, ReceiptCheck, ReceiptList } from '../schemas';
import { tallyElection } from '../tally';
import { loadElection } from './load';

const tags = ['consult'];
const RECEIPT_CHECKS_PER_HOUR = 30;

const requireClosed = (state: string) => {
  if (!resultsOpen({ state })) {
    throw conflict('RESULTS_NOT_AVAILABLE', '投票结束后才能核验回执');
  }
};

/** Voting, the count and receipts. */
export async function electionVoteRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.post(
    '/api/consult/elections/:id/ballots',
    {
      config: { policy: electionPolicy.vote },
      schema: { tags, summary: '投票', params: IdParams, body: CastVoteBody, response: { 201: CastVoteResult, ...errorResponses } },
    },
    async (request, reply) => {
      const actor = request.actor!;
      await loadElection(ctx.db, actor, request.params.id, electionPolicy.vote);
      const receipt = await castVote(ctx, actor, request.meta, request.params.id, request.body.candidateIds);
      return reply.status(201).send({ receipt });
    },
  );

  r.get(
    '/api/consult/elections/:id/results',
    {
      config: { policy: electionPolicy.results },
      schema: { tags, summary: '计票结果', params: IdParams, response: { 200: ElectionResults, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor!;
      const { row } = await loadElection(ctx.db, actor, request.params.id, electionPolicy.results);
      try {
        return await tallyElection(ctx.db, ctx.crypto.ballotKey, row);
      } catch (error) {
        if (error instanceof AppError && (error.code === 'BALLOT_TAMPERED' || error.code === 'BALLOT_COUNT_MISMATCH')) {
          await audit(ctx, ctx.db, request.meta, actor, {
            eventType: 'consult.ballot.integrity',
            outcome: 'failure',
            targetType: 'election',
            targetId: row.id,
            detail: { code: error.code },
          });
        }
        throw error;
      }
    },
  );

  r.get(
    '/api/consult/elections/:id/receipts',
    {
      config: { policy: electionPolicy.receipts },
      schema: { tags, summary: '回执哈希公示', params: IdParams, response: { 200: ReceiptList, ...errorResponses } },
    },
    async (request) => {
      const { row } = await loadElection(ctx.db, request.actor!, request.params.id, electionPolicy.receipts);
      requireClosed(row.state);
      return { hashes: await receiptHashes(ctx.db, row.id) };
    },
  );

  r.post(
    '/api/consult/elections/:id/receipts/check',
    {
      config: { policy: electionPolicy.receipts },
      schema: {
        tags,
        summary: '核验回执：选票是否已计入',
        params: IdParams,
        body: CheckReceiptBody,
        response: { 200: ReceiptCheck, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const { row } = await loadElection(ctx.db, actor, request.params.id, electionPolicy.receipts);
      requireClosed(row.state);
      if (!(await consumeRateLimit(ctx.db, `receipt:${actor.id}`, RECEIPT_CHECKS_PER_HOUR, 3600, ctx.clock.now()))) {
        throw tooManyRequests();
      }
      return { counted: await receiptCounted(ctx.db, row.id, request.body.receipt) };
    },
  );
}
