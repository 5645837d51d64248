import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../core/actor';
import type { QueryWord } from '../../core/search';
import { countSearchMatches, recentIndexHoldsAll, searchMatches, windowOfMatches, type SearchWindow } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { pageOnIds, queryFilters, scopeFilter, withNames, type AppealListRow } from './repository';
import type { AppealListQuery } from './schemas';
import type { AppealSettings } from './settings';

/*
 * Full-text search of appeals: the console's (searchAppeals, in the viewer's scope) and the public
 * board's (listBoard). Both rank the newest matches first, in windows that widen while the filters
 * leave too few for the page.
 */

type Db = Kysely<Database>;
type AppealEb = ExpressionBuilder<Database, 'appeals'>;

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
 * straight to the whole index rather than pay for a statement on the recent one first (a rare word's
 * took 1.3–2.8 ms at 1,000,000 appeals). Should the word have become frequent since, the whole index
 * ranks the same newest matches, only more slowly.
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
  const { rows, total } = await pageOnIds(
    db,
    base
      .select('appeals.id')
      .orderBy('m.rank')
      .orderBy('appeals.received_at', 'desc')
      .orderBy('appeals.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    base.select((eb) => eb.fn.countAll<number>().as('total')),
  );
  return { rows, total, everything: ranked === undefined };
}
