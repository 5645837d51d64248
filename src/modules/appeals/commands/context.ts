import type { Actor } from '../../../core/actor';
import { WorkCalendar } from '../../../core/calendar';
import { iso } from '../../../core/clock';
import { audit, type AppContext, type RequestMeta } from '../../../core/context';
import { conflict } from '../../../core/errors';
import { recordEvent } from '../../../core/events';
import type { Appeal, AppealTable, Database } from '../../../db/schema';
import type { Kysely, Updateable } from 'kysely';
import { loadAppealSettings, type AppealSettings } from '../settings';
import { nextState, type AppealAction, type AppealState } from '../stateMachine';

/** Everything a workflow command needs, inside one transaction. */
export interface CommandContext {
  app: AppContext;
  trx: Kysely<Database>;
  /** Null when the citizen acts with a query code, without an account. */
  actor: Actor | null;
  meta: RequestMeta;
  now: Date;
  settings: AppealSettings;
  calendar: WorkCalendar;
}

/** The command context for acting now, with the settings and working-day calendar as stored. */
export async function openCommandContext(
  app: AppContext,
  trx: Kysely<Database>,
  actor: Actor | null,
  meta: RequestMeta,
): Promise<CommandContext> {
  const [settings, calendar] = await Promise.all([loadAppealSettings(trx), WorkCalendar.load(trx)]);
  return { app, trx, actor, meta, now: app.clock.now(), settings, calendar };
}

export interface TransitionInput {
  action: AppealAction;
  version: number;
  changes?: Updateable<AppealTable>;
  payload?: Record<string, unknown>;
  unsatisfied?: boolean;
}

/**
 * Moves an appeal along the state machine with optimistic locking: the update only applies to the
 * version the worker saw, so of two workers acting at once exactly one succeeds and the other gets 409.
 */
export async function applyTransition(c: CommandContext, appeal: Appeal, input: TransitionInput): Promise<Appeal> {
  if (input.version !== appeal.version) {
    throw staleVersion();
  }
  const from = appeal.state as AppealState;
  const to = nextState(input.action, from, { reviewReplies: c.settings.reviewReplies, unsatisfied: input.unsatisfied });
  const updatedAt = iso(c.now);
  const result = await c.trx
    .updateTable('appeals')
    .set({ ...input.changes, state: to, version: appeal.version + 1, updated_at: updatedAt })
    .where('id', '=', appeal.id)
    .where('version', '=', appeal.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw staleVersion();
  }
  await recordEvent(c.trx, c.now, {
    type: `appeals.${input.action}`,
    subjectType: 'appeal',
    subjectId: appeal.id,
    orgId: appeal.org_id,
    actor: c.actor,
    payload: { from, to, ...input.payload },
  });
  return { ...appeal, ...(input.changes as Partial<Appeal>), state: to, version: appeal.version + 1, updated_at: updatedAt };
}

export const staleVersion = () => conflict('STALE_VERSION', '该诉求已被他人处理，请刷新后重试');

export const auditAppeal = (c: CommandContext, appeal: Appeal, eventType: string, reason?: string, detail?: Record<string, unknown>) =>
  audit(c.app, c.trx, c.meta, c.actor, { eventType, outcome: 'success', targetType: 'appeal', targetId: appeal.id, reason, detail });
