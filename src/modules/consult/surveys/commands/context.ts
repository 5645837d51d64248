import type { Actor } from '../../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import { conflict } from '../../../../core/errors';
import { recordEvent } from '../../../../core/events';
import type { Db } from '../../../../db/database';
import type { Survey } from '../../../../db/schema';

/** What a survey command needs, inside the route's transaction. */
export interface SurveyCommandContext {
  app: AppContext;
  trx: Db;
  actor: Actor;
  meta: RequestMeta;
  now: Date;
}

/** A change the schedule may make on its own when a date comes: no person acts. */
export type ScheduledChangeContext = Omit<SurveyCommandContext, 'actor'> & { actor: Actor | null };

export const openSurveyCommand = (app: AppContext, trx: Db, actor: Actor, meta: RequestMeta): SurveyCommandContext => ({
  app,
  trx,
  actor,
  meta,
  now: app.clock.now(),
});

export const staleVersion = () => conflict('STALE_VERSION', '问卷已被他人修改，请刷新后重试');

/** The audit entry and the event of a change, in the change's transaction. */
export async function recordSurveyChange(
  c: ScheduledChangeContext,
  survey: Pick<Survey, 'id' | 'org_id'>,
  change: { auditType: string; eventType: string; detail: Record<string, unknown> },
): Promise<void> {
  await audit(c.app, c.trx, c.meta, c.actor, {
    eventType: change.auditType,
    outcome: 'success',
    targetType: 'survey',
    targetId: survey.id,
    detail: change.detail,
  });
  await recordEvent(c.trx, c.now, {
    type: change.eventType,
    subjectType: 'survey',
    subjectId: survey.id,
    orgId: survey.org_id,
    actor: c.actor,
    payload: change.detail,
  });
}
