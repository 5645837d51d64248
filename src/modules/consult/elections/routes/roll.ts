import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../../../core/errors';
import { afterCommit } from '../../../../server/afterCommit';
import { errorResponses, IdParams, Ok } from '../../../../server/schemas';
import { turnout } from '../../ballots/box';
import { correctRoll } from '../commands/correctRoll';
import { electionPolicy } from '../policy';
import { getElectionRow } from '../repository';
import { CorrectRollBody, OpenRolls } from '../schemas';

const tags = ['consult'];

/** The security admin's corrections of frozen rolls (VO-07): which rolls are open, and the correction. */
export async function electionRollRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/consult/elections/open-rolls',
    {
      config: { policy: electionPolicy.correctRoll },
      schema: { tags, summary: '投票中的评选及其名单人数（安全管理员）', response: { 200: OpenRolls, ...errorResponses } },
    },
    async () => {
      const rows = await ctx.db
        .selectFrom('elections')
        .innerJoin('orgs', 'orgs.id', 'elections.org_id')
        .select(['elections.id', 'elections.title', 'orgs.name as org_name', 'elections.voting_ends_on'])
        .where('elections.state', '=', 'voting')
        .orderBy('elections.voting_ends_on')
        .orderBy('elections.id')
        .execute();
      const items = [];
      for (const row of rows) {
        items.push({
          id: row.id,
          title: row.title,
          orgName: row.org_name,
          votingEndsOn: row.voting_ends_on,
          ...(await turnout(ctx.db, row.id)),
        });
      }
      return { items };
    },
  );

  r.post(
    '/api/consult/elections/:id/roll',
    {
      config: { policy: electionPolicy.correctRoll },
      schema: {
        tags,
        summary: '更正投票名单（安全管理员）',
        params: IdParams,
        body: CorrectRollBody,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      await ctx.db.transaction().execute(async (trx) => {
        const row = await getElectionRow(trx, request.params.id);
        if (!row) {
          throw notFound('评选不存在');
        }
        await correctRoll(ctx, trx, actor, request.meta, row, request.body);
      });
      afterCommit(app);
      return { ok: true as const };
    },
  );
}
