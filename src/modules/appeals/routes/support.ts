import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../core/context';
import { notFound } from '../../../core/errors';
import type { Db } from '../../../db/database';
import { openCommandContext, type CommandContext } from '../commands/context';

/** Runs event handlers for what just committed, without holding up the response. */
export function afterCommit(app: FastifyInstance): void {
  app.ctx.events.drain().catch((error: unknown) => app.log.error({ err: error }, 'event drain failed'));
}

export const commandContext = (ctx: AppContext, trx: Db, request: FastifyRequest): Promise<CommandContext> =>
  openCommandContext(ctx, trx, request.actor, request.meta);

/** The receiving organisation: the one named (from a place's QR code) or the oldest top-level one. */
export async function intakeOrgId(db: Db, requested: string | undefined): Promise<string> {
  let query = db.selectFrom('orgs').select('id');
  query = requested ? query.where('id', '=', requested) : query.where('parent_id', 'is', null).orderBy('created_at').orderBy('id');
  const org = await query.executeTakeFirst();
  if (!org) {
    throw notFound('受理单位不存在');
  }
  return org.id;
}
