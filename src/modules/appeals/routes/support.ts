import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../core/context';
import type { Db } from '../../../db/database';
import { openCommandContext, type CommandContext } from '../commands/context';

/** Runs event handlers for what just committed, without holding up the response. */
export function afterCommit(app: FastifyInstance): void {
  app.ctx.events.drain().catch((error: unknown) => app.log.error({ err: error }, 'event drain failed'));
}

export const commandContext = (ctx: AppContext, trx: Db, request: FastifyRequest): Promise<CommandContext> =>
  openCommandContext(ctx, trx, request.actor, request.meta);
