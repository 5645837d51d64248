import type { Actor } from '../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../core/context';
import { recordEvent } from '../../../core/events';
import type { Db } from '../../../db/database';
import type { Article } from '../../../db/schema';

/** What an article command needs, inside the route's transaction. */
export interface ArticleCommandContext {
  app: AppContext;
  trx: Db;
  actor: Actor;
  meta: RequestMeta;
  now: Date;
}

export const openArticleCommand = (app: AppContext, trx: Db, actor: Actor, meta: RequestMeta): ArticleCommandContext => ({
  app,
  trx,
  actor,
  meta,
  now: app.clock.now(),
});

/** The audit entry and the event of a change, in the change's transaction. */
export async function recordArticleChange(
  c: ArticleCommandContext,
  article: Pick<Article, 'id' | 'org_id'>,
  change: { auditType: string; eventType: string; detail: Record<string, unknown> },
): Promise<void> {
  await audit(c.app, c.trx, c.meta, c.actor, {
    eventType: change.auditType,
    outcome: 'success',
    targetType: 'article',
    targetId: article.id,
    detail: change.detail,
  });
  await recordEvent(c.trx, c.now, {
    type: change.eventType,
    subjectType: 'article',
    subjectId: article.id,
    orgId: article.org_id,
    actor: c.actor,
    payload: change.detail,
  });
}
