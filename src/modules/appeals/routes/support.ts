import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../core/context';
import type { Db } from '../../../db/database';
import { openCommandContext, type CommandContext } from '../commands/context';

export { afterCommit } from '../../../server/afterCommit';

export const commandContext = (ctx: AppContext, trx: Db, request: FastifyRequest): Promise<CommandContext> =>
  openCommandContext(ctx, trx, request.actor, request.meta);
