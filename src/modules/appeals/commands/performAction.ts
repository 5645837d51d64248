import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import { WorkCalendar } from '../../../core/calendar';
import type { AppContext, RequestMeta } from '../../../core/context';
import { deniedNotFound } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import type { Appeal } from '../../../db/schema';
import { appealPolicy } from '../policy';
import { getAppeal } from '../repository';
import type { ActionBodies } from '../schemas';
import { loadAppealSettings } from '../settings';
import type { AppealAction } from '../stateMachine';
import { workflowCommands } from './index';

export type ActionInput<A extends AppealAction> = Omit<z.infer<(typeof ActionBodies)[A]>, 'version'>;

export interface PerformOptions {
  /** Null only for the citizen's own rating, which the public route checks by query code. */
  actor: Actor | null;
  meta: RequestMeta;
}

/**
 * Runs one workflow action on the appeal as it is now, in its own transaction, with the same policy
 * check as the HTTP route. For callers outside a request: the demo data, imports from other channels.
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
    const [settings, calendar] = await Promise.all([loadAppealSettings(trx), WorkCalendar.load(trx)]);
    const command = workflowCommands[action] as (c: unknown, appeal: Appeal, input: unknown) => Promise<Appeal>;
    const c = { app: ctx, trx, actor: options.actor, meta: options.meta, now: ctx.clock.now(), settings, calendar };
    return command(c, appeal, { ...input, version: appeal.version });
  });
}
