import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import type { AppContext, RequestMeta } from '../../../core/context';
import { deniedNotFound } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import type { Appeal } from '../../../db/schema';
import { appealPolicy } from '../policy';
import { getAppeal } from '../repository';
import type { ActionBodies } from '../schemas';
import type { AppealAction } from '../stateMachine';
import { openCommandContext, type CommandContext } from './context';
import { workflowCommands } from './index';

/** An action's body; without a version it applies to the appeal as it is now. */
export type ActionInput<A extends AppealAction> = Omit<z.infer<(typeof ActionBodies)[A]>, 'version'> & { version?: number };

export interface PerformOptions {
  /** Null only for the citizen's own rating, which the public route checks by query code. */
  actor: Actor | null;
  meta: RequestMeta;
}

/**
 * Runs one workflow action in its own transaction: load (404 when missing), authorise by the action's
 * rule, run the command. The HTTP route passes the version the worker saw (optimistic locking);
 * callers outside a request (the demo data, imports from other channels) may act on the current one.
 */
export async function performAppealAction<A extends AppealAction>(
  ctx: AppContext,
  action: A,
  appealId: string,
  input: ActionInput<A>,
  options: PerformOptions,
): Promise<Appeal> {
  return ctx.db.transaction().execute(async (trx) => {
    const appeal = await getAppeal(trx, appealId);
    if (!appeal) {
      throw deniedNotFound();
    }
    if (options.actor) {
      authorize(options.actor, appealPolicy[action], appeal);
    }
    const command = workflowCommands[action] as (c: CommandContext, appeal: Appeal, input: unknown) => Promise<Appeal>;
    return command(await openCommandContext(ctx, trx, options.actor, options.meta), appeal, {
      ...input,
      version: input.version ?? appeal.version,
    });
  });
}
