import type { Actor } from '../../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import { conflict } from '../../../../core/errors';
import { recordEvent } from '../../../../core/events';
import type { Db } from '../../../../db/database';
import { affectedRows } from '../../../../db/dialect';
import type { Election } from '../../../../db/schema';

/** What an election command needs, inside the route's transaction. */
export interface ElectionCommandContext {
  app: AppContext;
  trx: Db;
  actor: Actor;
  meta: RequestMeta;
  now: Date;
}

/** A change the schedule may make on its own when a phase's date comes: no person acts. */
export type PhaseChangeContext = Omit<ElectionCommandContext, 'actor'> & { actor: Actor | null };

export const openElectionCommand = (app: AppContext, trx: Db, actor: Actor, meta: RequestMeta): ElectionCommandContext => ({
  app,
  trx,
  actor,
  meta,
  now: app.clock.now(),
});

export const staleElection = () => conflict('STALE_VERSION', '该评选已被他人修改，请刷新后重试');

/** An update guarded by the version the worker saw: of two workers acting at once, one wins. */
export function requireUpdated(result: { numUpdatedRows?: bigint }): void {
  if (affectedRows(result) !== 1) {
    throw staleElection();
  }
}

export function requireState(election: Pick<Election, 'state'>, states: readonly string[], code: string, message: string): void {
  if (!states.includes(election.state)) {
    throw conflict(code, message);
  }
}

/** The audit entry and the event of a change, in the change's transaction. */
export async function recordElectionChange(
  c: PhaseChangeContext,
  election: Pick<Election, 'id' | 'org_id'>,
  change: { auditType: string; eventType: string; detail: Record<string, unknown> },
): Promise<void> {
  await audit(c.app, c.trx, c.meta, c.actor, {
    eventType: change.auditType,
    outcome: 'success',
    targetType: 'election',
    targetId: election.id,
    detail: change.detail,
  });
  await recordEvent(c.trx, c.now, {
    type: change.eventType,
    subjectType: 'election',
    subjectId: election.id,
    orgId: election.org_id,
    actor: c.actor,
    payload: change.detail,
  });
}
