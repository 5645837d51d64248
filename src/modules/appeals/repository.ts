import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../core/actor';
import { addMinutes } from '../../core/clock';
import { notFound } from '../../core/errors';
import type { QueryWord } from '../../core/search';
import { countSearchMatches, inList, recentIndexHoldsAll, searchMatches, windowOfMatches, type SearchWindow } from '../../db/dialect';
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
  // The page is found on ids alone, then only its rows are read in full: skipping an offset of wide
  // rows (content, replies, encrypted contacts) is what made deep pages slow.
  const [page, total] = await Promise.all([
    ordered
      .select('appeals.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
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

export type BoardFilter = { categoryCode?: string; words?: readonly QueryWord[] };

/**
 * The public board: closed appeals the citizen allowed to publish, with a reply; by relevance among
 * the newest matches when searched (SEARCH_WINDOWS, as the console search: anyone may search it).
 */
export async function listBoard(
  db: Db,
  page: number,
  pageSize: number,
  filter: BoardFilter = {},
  windows: readonly (number | undefined)[] = SEARCH_WINDOWS,
): Promise<{ rows: Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>; total: number; totalIsExact: boolean }> {
  const { words } = filter;
  if (words?.length === 0) {
    return { rows: [], total: 0, totalIsExact: true };
  }
  let base = db
    .selectFrom('appeals')
    .where('appeals.publicable', '=', 1)
    .where('appeals.state', '=', 'closed')
    .where('appeals.reply_text', 'is not', null)
    .where('appeals.merged_into_id', 'is', null);
  if (filter.categoryCode) {
    base = base.where('appeals.category_code', '=', filter.categoryCode);
  }
  const pageOf = (listed: typeof base) =>
    withNames(listed)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
  const countOf = async (counted: typeof base) =>
    Number((await counted.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total);
  if (!words) {
    const [rows, total] = await Promise.all([pageOf(base.orderBy('appeals.closed_at', 'desc')), countOf(base)]);
    return { rows, total, totalIsExact: true };
  }
  for (const window of windows) {
    const ranked = await rankedWindow(db, words, window);
    const everything = ranked === undefined;
    const searched = base.innerJoin(searchMatches(db, 'appeal', words, 'all', ranked).as('m'), 'm.source_id', 'appeals.id');
    const [rows, total] = await Promise.all([
      pageOf(searched.orderBy('m.rank').orderBy('appeals.closed_at', 'desc') as unknown as typeof base),
      countOf(searched as unknown as typeof base),
    ]);
    if (everything || total >= page * pageSize) {
      return { rows, total, totalIsExact: everything };
    }
  }
  throw new Error('the last search window must be undefined: every match');
}

/**
 * How many of the newest matches a search ranks, widening while the filters leave too few for the
 * page: ranking every match of a word in a tenth of a million appeals takes longer than a person
 * waits, and the newest matches are the ones they look for. 500 fill 25 pages of 20, and the
 * work grows with the window (a first window of 2,000 took about 22 ms for a frequent word).
 */
export const SEARCH_WINDOWS = [500, 5_000, 50_000, undefined];

/**
 * Where the newest `window` matches are ranked: in the recent index when it holds that many (they are
 * then all there, and ranking there is cheap), else in the whole index; undefined when there are
 * fewer matches in all, so every one of them is ranked.
 */
async function rankedWindow(db: Db, words: readonly QueryWord[], window: number | undefined): Promise<SearchWindow | undefined> {
  if (window === undefined) {
    return undefined;
  }
  if ((await countSearchMatches(db, words, window, 'recent')) >= window) {
    return { newest: window, index: 'recent' };
  }
  return (await countSearchMatches(db, words, window)) >= window ? { newest: window, index: 'all' } : undefined;
}

/**
 * Full-text search within the viewer's scope, with the inbox's filters, most relevant first (then
 * newest) among the newest matches (SEARCH_WINDOWS); the total is then a lower bound. Like the
 * inbox, the page is found on ids and only its rows are read in full.
 */
export async function searchAppeals(
  db: Db,
  actor: Actor,
  words: readonly QueryWord[],
  query: SearchQuery,
  now: Date,
  settings: AppealSettings,
  windows: readonly (number | undefined)[] = SEARCH_WINDOWS,
): Promise<{ rows: AppealListRow[]; total: number; totalIsExact: boolean }> {
  const wanted = query.page * query.pageSize;
  for (const window of windows) {
    const found =
      window !== undefined && window <= SMALL_WINDOW_ROWS
        ? await searchSmallWindow(db, actor, words, window, query, now, settings)
        : await searchWideWindow(db, actor, words, window, query, now, settings);
    if (found.everything || found.total >= wanted) {
      return { rows: found.rows, total: found.total, totalIsExact: found.everything };
    }
  }
  throw new Error('the last search window must be undefined: every match');
}

type SearchQuery = Omit<AppealListQuery, 'box' | 'q'>;

interface WindowResult {
  rows: AppealListRow[];
  total: number;
  /** Every match was ranked: the total is exact. */
  everything: boolean;
}

/** The viewer's matches within the window that pass the filters. */
const searchBase = (
  db: Db,
  actor: Actor,
  matches: RawBuilder<{ source_id: string; rank: number }>,
  query: SearchQuery,
  now: Date,
  settings: AppealSettings,
) =>
  db
    .selectFrom('appeals')
    .innerJoin(matches.as('m'), 'm.source_id', 'appeals.id')
    .where(scopeFilter(actor))
    .where(queryFilters(query, now, settings));

/**
 * A window this small is searched in one statement: the page's rows, the total and how many matches
 * the window held. FTS5 counts every document holding a word to weigh it (bm25), once per statement,
 * so a count of the window, the page and its total in statements of their own paid for it up to three
 * times. The recent index is tried first; when it holds fewer matches than the window and not every
 * document (as in most installations), the whole index is searched; when that holds fewer too, the
 * window held every match.
 */
const SMALL_WINDOW_ROWS = 500;

async function searchSmallWindow(
  db: Db,
  actor: Actor,
  words: readonly QueryWord[],
  newest: number,
  query: SearchQuery,
  now: Date,
  settings: AppealSettings,
): Promise<WindowResult> {
  const key = `${newest} ${JSON.stringify(words)}`;
  const inRecent = shortInRecent.has(db, key)
    ? null
    : await pageOfWindow(db, actor, words, { newest, index: 'recent' }, query, now, settings);
  if (inRecent && !inRecent.usable) {
    shortInRecent.add(db, key);
  }
  const found = inRecent?.usable ? inRecent : await pageOfWindow(db, actor, words, { newest, index: 'all' }, query, now, settings);
  // A page beyond the last one has no row to carry the total.
  const total =
    found.total ??
    Number(
      (
        await searchBase(db, actor, searchMatches(db, 'appeal', words, 'all', found.window), query, now, settings)
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow()
      ).total,
    );
  return { rows: found.rows, total, everything: found.windowRows < newest };
}

/**
 * Searches whose window came out short in the recent index lately, per database: the next ones go
 * straight to the whole index rather than pay for a statement on the recent one first (1.3–2.8 ms for
 * a rare word at 1,000,000 appeals, against 0.3–0.6 ms for counting its matches there). Should the word
 * have become frequent since, the whole index ranks the same newest matches, only more slowly.
 */
const shortInRecent = (() => {
  const TTL_MS = 10 * 60_000;
  const MAX_ENTRIES = 1_000;
  const byDatabase = new WeakMap<Db, Map<string, number>>();
  return {
    has(db: Db, key: string): boolean {
      const until = byDatabase.get(db)?.get(key);
      return until !== undefined && until > Date.now();
    },
    add(db: Db, key: string): void {
      const entries = byDatabase.get(db) ?? new Map<string, number>();
      byDatabase.set(db, entries);
      entries.delete(key);
      entries.set(key, Date.now() + TTL_MS);
      if (entries.size > MAX_ENTRIES) {
        entries.delete(entries.keys().next().value!);
      }
    },
  };
})();

/**
 * The page of a window, its total (null when the page holds no row) and the window's count. A window
 * of the recent index is usable when full or when that index holds every document; when it is not,
 * the statement stops after counting it, before the joins.
 */

async function pageOfWindow(
  db: Db,
  actor: Actor,
  words: readonly QueryWord[],
  window: SearchWindow,
  query: SearchQuery,
  now: Date,
  settings: AppealSettings,
): Promise<{ rows: AppealListRow[]; total: number | null; windowRows: number; usable: boolean; window: SearchWindow }> {
  const { newest, ranked } = windowOfMatches(db, 'appeal', words, window);
  const usable =
    window.index === 'all' ? sql<SqlBool>`true` : sql<SqlBool>`((select count(*) from w) >= ${window.newest} or ${recentIndexHoldsAll()})`;
  // The window drives the join (a cross join is never reordered by SQLite): from a materialized window,
  // its planner would walk a unit's every appeal by the unit index instead (0.6 s at 1,000,000).
  const hits = db
    .selectFrom(ranked(sql`w`).as('m'))
    .crossJoin('appeals')
    .whereRef('appeals.id', '=', 'm.source_id')
    .where((eb) => scopeFilter(actor)(eb as unknown as AppealEb))
    .where((eb) => queryFilters(query, now, settings)(eb as unknown as AppealEb))
    .where(usable)
    .select((eb) => ['appeals.id', 'm.rank', 'appeals.received_at', eb.fn.countAll<number>().over().as('total')])
    .orderBy('m.rank')
    .orderBy('appeals.received_at', 'desc')
    .orderBy('appeals.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  // One row even when no match passes: the window's count is read from it.
  const result = await db
    .with('w', () => sql`(${newest})`)
    .selectFrom(sql<{ window_rows: number; usable: unknown }>`(select count(*) as window_rows, ${usable} as usable from w)`.as('win'))
    .leftJoin(hits.as('h'), (join) => join.onTrue())
    .leftJoin('appeals', 'appeals.id', 'h.id')
    .leftJoin('appeal_categories', 'appeal_categories.code', 'appeals.category_code')
    .leftJoin('orgs', 'orgs.id', 'appeals.unit_id')
    .selectAll('appeals')
    .select(['appeal_categories.name as category_name', 'orgs.name as unit_name', 'h.total', 'win.window_rows', 'win.usable'])
    .orderBy('h.rank')
    .orderBy('h.received_at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
  const rows = result.filter((row) => row.id !== null) as unknown as (AppealListRow &
    Record<'total' | 'window_rows' | 'usable', unknown>)[];
  return {
    rows: rows.map(({ total: _total, window_rows: _windowRows, usable: _usable, ...row }) => row),
    total: rows.length > 0 ? Number(rows[0].total) : null,
    windowRows: Number(result[0]?.window_rows ?? 0),
    usable: Boolean(result[0]?.usable),
    window,
  };
}

async function searchWideWindow(
  db: Db,
  actor: Actor,
  words: readonly QueryWord[],
  window: number | undefined,
  query: SearchQuery,
  now: Date,
  settings: AppealSettings,
): Promise<WindowResult> {
  const ranked = await rankedWindow(db, words, window);
  const base = searchBase(db, actor, searchMatches(db, 'appeal', words, 'all', ranked), query, now, settings);
  const [page, total] = await Promise.all([
    base
      .select('appeals.id')
      .orderBy('m.rank')
      .orderBy('appeals.received_at', 'desc')
      .orderBy('appeals.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: await rowsInOrder(
      db,
      page.map((row) => row.id),
    ),
    total: Number(total.total),
    everything: ranked === undefined,
  };
}

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
