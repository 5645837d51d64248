import type { Actor } from '../../../core/actor';
import type { AppContext } from '../../../core/context';
import { deniedNotFound } from '../../../core/errors';
import type { Db } from '../../../db/database';
import { presentDetail, presentTimeline } from '../presenters';
import { appealPhotoIds, appealTimeline, mergedChildren, userNames, withNames, type AppealListRow } from '../repository';
import { loadAppealSettings } from '../settings';

export async function getAppealRow(db: Db, id: string): Promise<AppealListRow | undefined> {
  return withNames(db.selectFrom('appeals').where('appeals.id', '=', id)).executeTakeFirst();
}

/** Loads an appeal or answers 404, the same answer as for one the actor may not see. */
export async function requireAppealRow(db: Db, id: string): Promise<AppealListRow> {
  const row = await getAppealRow(db, id);
  if (!row) {
    throw deniedNotFound();
  }
  return row;
}

export async function detailFor(ctx: AppContext, actor: Actor, id: string) {
  const row = await requireAppealRow(ctx.db, id);
  const [settings, events, photoIds, children] = await Promise.all([
    loadAppealSettings(ctx.db),
    appealTimeline(ctx.db, id),
    appealPhotoIds(ctx.db, id),
    mergedChildren(ctx.db, id),
  ]);
  const names = await userNames(ctx.db, [...events.map((event) => event.actor_id), row.handler_id]);
  return presentDetail(actor, row, ctx.crypto, ctx.clock.now(), settings, {
    timeline: presentTimeline(events, names),
    photoIds,
    children,
    handlerName: row.handler_id ? (names.get(row.handler_id) ?? null) : null,
  });
}
