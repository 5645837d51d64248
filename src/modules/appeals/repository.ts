import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../core/actor';
import { addMinutes } from '../../core/clock';
import { notFound } from '../../core/errors';
import type { QueryWord } from '../../core/search';
import { inList, searchMatches } from '../../db/dialect';
import type { Appeal, AppealCategory, Database, EventRow } from '../../db/schema';
import { kpiPredicates, monthRange } from './kpi';
import type { AppealListQuery } from './schemas';
import type { AppealSettings } from './settings';
import { HANDLING_STATES, IN_PROGRESS_STATES, OPEN_STATES, TERMINAL_STATES, type AppealState } from './stateMachine';

type Db = Kysely<Database>;
type AppealEb = ExpressionBuilder<Database, 'appeals'>;

export type AppealListRow = Appeal & { category_name: string; unit_name: string | null };

export const getAppeal = (db: Db, id: string) => db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();

export const getAppealByTrackingNo = (db: Db, trackingNo: string) =>
  db.selectFrom('appeals').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();

export const getCategory = (db: Db, code: string) =>
  db.selectFrom('appeal_categories').selectAll().where('code', '=', code).executeTakeFirst();

export const listCategories = (db: Db): Promise<AppealCategory[]> =>
  db.selectFrom('appeal_categories').selectAll().where('active', '=', 1).orderBy('sort').orderBy('code').execute();

export async function orgNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function userNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

export const appealTimeline = (db: Db, appealId: string): Promise<EventRow[]> =>
  db
    .selectFrom('events')
    .selectAll()
    .where('subject_type', '=', 'appeal')
    .where('subject_id', '=', appealId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const appealPhotoIds = async (db: Db, appealId: string) =>
  (await db.selectFrom('appeal_photos').select('file_id').where('appeal_id', '=', appealId).orderBy('sort').execute()).map(
    (row) => row.file_id,
  );

export const mergedChildren = (db: Db, masterId: string) =>
  db.selectFrom('appeals').select(['id', 'tracking_no']).where('merged_into_id', '=', masterId).orderBy('received_at').execute();

/** Restricts appeals to what the actor's worker roles reach (the list form of `canSeeAppeal`). */
export function scopeFilter(actor: Actor) {
  const intake = actor.orgsFor(['dispatcher', 'leader']);
  const unit = actor.orgsFor(['handler', 'unit_head', 'leader']);
  return (eb: AppealEb) => {
    if (intake === 'all' || unit === 'all') {
      return eb.lit(true);
    }
    const conditions = [];
    if (intake.size > 0) {
      conditions.push(eb('appeals.org_id', 'in', [...intake]));
    }
    if (unit.size > 0) {
      conditions.push(eb('appeals.unit_id', 'in', [...unit]));
    }
    return conditions.length > 0 ? eb.or(conditions) : eb.lit(false);
  };
}

/**
 * A box's states as literals, not parameters: the planners match a partial index (migration
 * 0005_inbox_boxes) only against a condition they can read.
 */
const statesIn = (eb: AppealEb, states: readonly AppealState[]) =>
  eb(
    'appeals.state',
    'in',
    states.map((state) => sql.lit(state)),
  );

export function boxFilter(box: AppealListQuery['box'], now: Date, settings: AppealSettings) {
  const nowIso = now.toISOString();
  return (eb: AppealEb) => {
    switch (box) {
      case 'to_dispatch':
        return eb('appeals.state', '=', 'received');
      case 'to_sign':
        return eb('appeals.state', '=', 'dispatched');
      case 'in_progress':
        // Every appeal in these states has a deadline (set at dispatch); saying so lets SQLite's planner
        // walk the partial index in deadline order rather than sort the whole box.
        return eb.and([statesIn(eb, IN_PROGRESS_STATES), eb('appeals.due_at', 'is not', null)]);
      case 'to_review':
        return statesIn(eb, ['return_requested', 'extension_requested', 'review']);
      case 'near_due':
        return eb.and([
          statesIn(eb, HANDLING_STATES),
          eb('appeals.due_at', '>=', nowIso),
          eb('appeals.due_at', '<=', addMinutes(now, settings.nearDueHours * 60).toISOString()),
        ]);
      case 'overdue':
        return eb.and([statesIn(eb, HANDLING_STATES), eb('appeals.due_at', '<', nowIso)]);
      case 'supervised':
        return eb.and([eb('appeals.supervised', '=', sql.lit(1)), statesIn(eb, OPEN_STATES)]);
      case 'closed':
        return statesIn(eb, TERMINAL_STATES);
      case 'all':
        return eb.lit(true);
    }
  };
}

export function queryFilters(query: Omit<AppealListQuery, 'page' | 'pageSize' | 'box'>, now: Date, settings: AppealSettings) {
  const kpi = kpiPredicates(settings);
  return (eb: AppealEb) => {
    const conditions = [];
    if (query.state) {
      conditions.push(eb('appeals.state', '=', query.state));
    }
    if (query.unitId) {
      conditions.push(eb('appeals.unit_id', '=', query.unitId));
    }
    if (query.categoryCode) {
      conditions.push(eb('appeals.category_code', '=', query.categoryCode));
    }
    if (query.urgency) {
      conditions.push(eb('appeals.urgency', '=', query.urgency));
    }
    if (query.from) {
      conditions.push(eb('appeals.received_at', '>=', new Date(`${query.from}T00:00:00+08:00`).toISOString()));
    }
    if (query.to) {
      conditions.push(eb('appeals.received_at', '<', new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000).toISOString()));
    }
    if (query.month) {
      const { start, end } = monthRange(query.month);
      conditions.push(eb.and([eb('appeals.dispatched_at', '>=', start), eb('appeals.dispatched_at', '<', end)]));
    }
    if (query.q) {
      // The inbox box's placeholder promises 编号、内容或地址; full-text search is /api/appeals/search.
      const pattern = `%${query.q.replace(/[%_]/g, '')}%`;
      conditions.push(
        eb.or([eb('appeals.tracking_no', 'like', pattern), eb('appeals.content', 'like', pattern), eb('appeals.address', 'like', pattern)]),
      );
    }
    switch (query.kpi) {
      case undefined:
        break;
      case 'responded':
        conditions.push(eb.and([kpi.responseDue(eb, now.toISOString()), kpi.responded(eb)]));
        break;
      case 'not_responded':
        conditions.push(eb.and([kpi.responseDue(eb, now.toISOString()), eb.not(kpi.responded(eb))]));
        break;
      case 'rated':
      case 'resolved':
      case 'unresolved':
      case 'satisfied':
      case 'unsatisfied':
        conditions.push(kpi[query.kpi](eb));
        break;
    }
    return eb.and(conditions);
  };
}

const NEWEST_FIRST_BOXES = new Set(['to_dispatch', 'closed', 'all', 'supervised']);

/** Appeals with their category's and unit's names, as lists, the detail page and the export show them. */
export const withNames = (query: SelectQueryBuilder<Database, 'appeals', object>) =>
  query
    .innerJoin('appeal_categories', 'appeal_categories.code', 'appeals.category_code')
    .leftJoin('orgs', 'orgs.id', 'appeals.unit_id')
    .selectAll('appeals')
    .select(['appeal_categories.name as category_name', 'orgs.name as unit_name']);

export async function listAppeals(
  db: Db,
  actor: Actor,
  query: AppealListQuery,
  now: Date,
  settings: AppealSettings,
): Promise<{ rows: AppealListRow[]; total: number }> {
  const base = db
    .selectFrom('appeals')
    .where(scopeFilter(actor))
    .where(boxFilter(query.box, now, settings))
    .where(queryFilters(query, now, settings));
  // One direction per box, matching an index (appeals_received, appeals_due_order).
  const ordered = NEWEST_FIRST_BOXES.has(query.box)
    ? base.orderBy('appeals.received_at', 'desc').orderBy('appeals.id', 'desc')
    : base.orderBy('appeals.due_at', 'asc').orderBy('appeals.received_at', 'asc').orderBy('appeals.id', 'asc');
  return pageOnIds(
    db,
    ordered
      .select('appeals.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    base.select((eb) => eb.fn.countAll<number>().as('total')),
  );
}

/**
 * A page found on ids alone (`ids`: the page's statement), then only its rows read in full, with the
 * total `counted`: skipping an offset of wide rows (content, replies, encrypted contacts) is what
 * made deep pages slow.
 */
export async function pageOnIds(
  db: Db,
  ids: { execute(): Promise<{ id: string }[]> },
  counted: { executeTakeFirstOrThrow(): Promise<{ total: number | string | bigint }> },
): Promise<{ rows: AppealListRow[]; total: number }> {
  const [page, total] = await Promise.all([ids.execute(), counted.executeTakeFirstOrThrow()]);
  return {
    rows: await rowsInOrder(
      db,
      page.map((row) => row.id),
    ),
    total: Number(total.total),
  };
}

/**
 * The inbox badges, one count a box: each box's own condition (mostly its states) lets the planner
 * count from an index, which measured faster than one pass evaluating every box (bench/REPORT.md).
 */
export async function countBoxes(db: Db, actor: Actor, boxes: readonly AppealListQuery['box'][], now: Date, settings: AppealSettings) {
  const counts = await Promise.all(
    boxes.map((box) =>
      db
        .selectFrom('appeals')
        .where(scopeFilter(actor))
        .where(boxFilter(box, now, settings))
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow(),
    ),
  );
  return Object.fromEntries(boxes.map((box, index) => [box, Number(counts[index].total)]));
}

export async function listOwnAppeals(db: Db, userId: string, page: number, pageSize: number) {
  const base = db.selectFrom('appeals').where('submitter_id', '=', userId);
  const [rows, total] = await Promise.all([
    withNames(base)
      .orderBy('appeals.received_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.total) };
}

/** The appeals with their names, in the order of the ids. */
async function rowsInOrder(db: Db, ids: string[]): Promise<AppealListRow[]> {
  const rows = ids.length === 0 ? [] : await withNames(db.selectFrom('appeals').where('appeals.id', 'in', ids)).execute();
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

export interface SimilarFilter {
  /** Restricts candidates to what a viewer sees, or to what may be shown in public. */
  scope: (eb: AppealEb) => Expression<SqlBool>;
  since: string;
  excludeId?: string;
  limit: number;
}

/** Open appeals received since a date sharing any of the words, most relevant first: candidates for near duplicates. */
export const similarCandidates = (db: Db, words: readonly QueryWord[], filter: SimilarFilter) =>
  withNames(
    db
      .selectFrom('appeals')
      .innerJoin(searchMatches(db, 'appeal', words, 'any').as('m'), 'm.source_id', 'appeals.id')
      .where((eb) => filter.scope(eb as unknown as AppealEb))
      .where(statesInOpen)
      .where('appeals.merged_into_id', 'is', null)
      .where('appeals.received_at', '>=', filter.since)
      .where('appeals.id', '!=', filter.excludeId ?? '')
      .orderBy('m.rank')
      .limit(filter.limit) as unknown as SelectQueryBuilder<Database, 'appeals', object>,
  ).execute();

const statesInOpen = (eb: AppealEb) => statesIn(eb, OPEN_STATES);

/** Counts one more person with the same problem ("我也遇到了"). */
export const addSupport = (db: Db, id: string) =>
  db
    .updateTable('appeals')
    .set((eb) => ({ support_count: eb('support_count', '+', 1) }))
    .where('id', '=', id)
    .returning('support_count')
    .executeTakeFirstOrThrow();

/** What an appeal is found by: its content, address and reply. */
export const appealsToIndex = (db: Db, ids: readonly string[]) =>
  db
    .selectFrom('appeals')
    .select(['id', 'content', 'address', 'reply_text'])
    .where(inList(db, 'appeals.id', ids))
    .execute();

/**
 * Appeals the search index does not hold yet (filed before it existed, or while indexing failed)
 * and, while a re-index runs, those it holds as indexed before `indexedBefore`.
 */
export const appealsNotIndexed = (db: Db, limit: number, indexedBefore?: string) =>
  db
    .selectFrom('appeals')
    .leftJoin('search_documents', (join) =>
      join.onRef('search_documents.source_id', '=', 'appeals.id').on('search_documents.source_type', '=', 'appeal'),
    )
    .where((eb) =>
      indexedBefore
        ? eb.or([eb('search_documents.id', 'is', null), eb('search_documents.indexed_at', '<', indexedBefore)])
        : eb('search_documents.id', 'is', null),
    )
    .select('appeals.id')
    .orderBy('appeals.received_at')
    .limit(limit)
    .execute();

/** The receiving organisation: the one named (from a place's QR code) or the oldest top-level one. */
export async function intakeOrgId(db: Db, requested: string | undefined): Promise<string> {
  let query = db.selectFrom('orgs').select('id');
  query = requested ? query.where('id', '=', requested) : query.where('parent_id', 'is', null).orderBy('created_at').orderBy('id');
  const org = await query.executeTakeFirst();
  if (!org) {
    throw notFound('受理单位不存在');
  }
  return org.id;
}
