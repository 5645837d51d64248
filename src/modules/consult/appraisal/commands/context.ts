import type { Actor } from '../../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import { conflict } from '../../../../core/errors';
import { recordEvent } from '../../../../core/events';
import type { Db } from '../../../../db/database';
import { affectedRows } from '../../../../db/dialect';
import type { Appraisal } from '../../../../db/schema';

export interface AppraisalCommandContext {
  app: AppContext;
  trx: Db;
  actor: Actor;
  meta: RequestMeta;
  now: Date;
}

export const openAppraisalCommand = (app: AppContext, trx: Db, actor: Actor, meta: RequestMeta): AppraisalCommandContext => ({
  app,
  trx,
  actor,
  meta,
  now: app.clock.now(),
});

export function requireUpdated(result: { numUpdatedRows?: bigint }): void {
  if (affectedRows(result) !== 1) {
    throw conflict('STALE_VERSION', '该评议已被他人修改，请刷新后重试');
  }
}

export function requireState(appraisal: Pick<Appraisal, 'state'>, states: readonly string[], code: string, message: string): void {
  if (!states.includes(appraisal.state)) {
    throw conflict(code, message);
  }
}

/** The audit entry and the event of a change; details never hold grades or appraisal text (sensitive PI). */
export async function recordAppraisalChange(
  c: AppraisalCommandContext,
  appraisal: Pick<Appraisal, 'id' | 'org_id'>,
  change: { auditType: string; eventType: string; detail: Record<string, unknown> },
): Promise<void> {
  await audit(c.app, c.trx, c.meta, c.actor, {
    eventType: change.auditType,
    outcome: 'success',
    targetType: 'appraisal',
    targetId: appraisal.id,
    detail: change.detail,
  });
  await recordEvent(c.trx, c.now, {
    type: change.eventType,
    subjectType: 'appraisal',
    subjectId: appraisal.id,
    orgId: appraisal.org_id,
    actor: c.actor,
    payload: change.detail,
  });
}
