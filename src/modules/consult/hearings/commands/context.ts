import type { Actor } from '../../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import { recordEvent } from '../../../../core/events';
import type { Db } from '../../../../db/database';
import type { Hearing } from '../../../../db/schema';

/** What a hearing command needs, inside the route's transaction; `actor` is null for a registrant without an account. */
export interface HearingCommandContext {
  app: AppContext;
  trx: Db;
  actor: Actor | null;
  meta: RequestMeta;
  now: Date;
}

export const openHearingCommand = (app: AppContext, trx: Db, actor: Actor | null, meta: RequestMeta): HearingCommandContext => ({
  app,
  trx,
  actor,
  meta,
  now: app.clock.now(),
});

/** The audit entry and the event of a change, in the change's transaction. */
export async function recordHearingChange(
  c: HearingCommandContext,
  hearing: Pick<Hearing, 'id' | 'org_id'>,
  change: { auditType: string; eventType: string; targetType?: string; targetId?: string; detail: Record<string, unknown> },
): Promise<void> {
  await audit(c.app, c.trx, c.meta, c.actor, {
    eventType: change.auditType,
    outcome: 'success',
    targetType: change.targetType ?? 'hearing',
    targetId: change.targetId ?? hearing.id,
    detail: change.detail,
  });
  await recordEvent(c.trx, c.now, {
    type: change.eventType,
    subjectType: 'hearing',
    subjectId: hearing.id,
    orgId: hearing.org_id,
    actor: c.actor,
    payload: change.detail,
  });
}
