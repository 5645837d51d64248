import type { Actor } from '../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../core/context';
import { conflict } from '../../../core/errors';
import { recordEvent } from '../../../core/events';
import type { Db } from '../../../db/database';
import type { OpinionAlert, OpinionAlertTable } from '../../../db/schema';
import type { Updateable } from 'kysely';

/** What an alert command needs, inside the route's transaction. */
export interface AlertCommandContext {
  app: AppContext;
  trx: Db;
  actor: Actor;
  meta: RequestMeta;
  now: Date;
}

const staleAlert = () => conflict('STALE_VERSION', '该预警已被他人处理，请刷新后重试');

/** Applies a change to the version of the alert the worker saw, with its audit entry and event. */
async function changeAlert(
  c: AlertCommandContext,
  alert: OpinionAlert,
  version: number,
  changes: Updateable<OpinionAlertTable>,
  action: { name: string; detail: Record<string, unknown> },
): Promise<void> {
  const updatedAt = c.now.toISOString();
  const result = await c.trx
    .updateTable('opinion_alerts')
    .set({ ...changes, updated_at: updatedAt, version: alert.version + 1 })
    .where('id', '=', alert.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw staleAlert();
  }
  await audit(c.app, c.trx, c.meta, c.actor, {
    eventType: `opinion.${action.name}`,
    outcome: 'success',
    targetType: 'opinion_alert',
    targetId: alert.id,
    detail: action.detail,
  });
  await recordEvent(c.trx, c.now, {
    type: `opinion.${action.name}`,
    subjectType: 'opinion_alert',
    subjectId: alert.id,
    orgId: alert.org_id,
    actor: c.actor,
    payload: action.detail,
  });
}

/** 已知悉: a worker takes the alert on; others see who did. */
export async function acknowledgeAlert(c: AlertCommandContext, alert: OpinionAlert, version: number): Promise<void> {
  if (alert.state !== 'open') {
    throw conflict('ALERT_NOT_OPEN', '该预警已有人处理');
  }
  await changeAlert(
    c,
    alert,
    version,
    { state: 'acknowledged', acknowledged_by: c.actor.id, acknowledged_at: c.now.toISOString() },
    { name: 'acknowledge', detail: { term: alert.term } },
  );
}

/**
 * 回应: what was found and done about the surge. Published, it shows on the public board (引导舆情);
 * a later response replaces it, and one saved unpublished takes it off the board.
 */
export async function respondToAlert(
  c: AlertCommandContext,
  alert: OpinionAlert,
  input: { version: number; text: string; publish: boolean },
): Promise<void> {
  const at = c.now.toISOString();
  await changeAlert(
    c,
    alert,
    input.version,
    {
      state: 'responded',
      acknowledged_by: alert.acknowledged_by ?? c.actor.id,
      acknowledged_at: alert.acknowledged_at ?? at,
      response_text: input.text,
      responded_by: c.actor.id,
      responded_at: at,
      published_at: input.publish ? at : null,
    },
    { name: 'respond', detail: { term: alert.term, publish: input.publish, length: input.text.length } },
  );
}
