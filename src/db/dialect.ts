/**
 * Every difference between SQLite and PostgreSQL lives in this file. Queries elsewhere are written once.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  // Transactions are new Kysely objects, but they share their parent's adapter.
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The schema new tables go to on PostgreSQL (the first of the search path), none on SQLite. Kysely's
 * migrator looks for its tables in every schema unless told which one, so a second installation or a
 * test schema on the same server would otherwise find the other's tables and skip creating its own.
 */
export async function currentSchema(db: Kysely<any>): Promise<string | undefined> {
  if (dialectOf(db) !== 'postgres') {
    return undefined;
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0].schema;
}

/**
 * Keeps the query planner's statistics current after the data has grown. PostgreSQL's autovacuum
 * does it by itself; SQLite has no statistics until asked, and then plans the inbox with the wrong
 * index (a full sort of every appeal of the organisation instead of a walk along received_at).
 */
export async function refreshPlannerStatistics(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`pragma optimize = 0x10002`.execute(db);
    await keepSearchStatisticsUsable(db);
  }
}

/**
 * SQLite: the row count of the FTS5 tables' data (search_fts_data, search_recent_fts_data) as the planner sees it, never
 * below SEARCH_DATA_ROWS_FLOOR. An empty index holds 2 rows there, and ANALYZE (PRAGMA optimize, on
 * every connection's open and hourly) records that; with a count under 10 SQLite plans FTS5's own
 * `DELETE FROM search_fts_data WHERE id >= ? AND id <= ?`, run for every segment a merge retires, as
 * a scan of the whole table instead of a rowid range. Until the next ANALYZE, indexing then slows in
 * step with the index's size (1,000,000 appeals: from 1,900 to under 300 documents/s). 16 plans the
 * range and is within the factor of 10 that PRAGMA optimize tolerates before it counts the rows again,
 * so it stays until the index has grown and is counted for real. No-op on PostgreSQL.
 */
export async function keepSearchStatisticsUsable(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    return;
  }
  const { rows } = await sql<{
    name: string;
  }>`select name from sqlite_schema where name in ('sqlite_stat1', ${sql.join(SEARCH_DATA_TABLES)})`.execute(db);
  const present = new Set(rows.map((row) => row.name));
  const tables = SEARCH_DATA_TABLES.filter((table) => present.has(table));
  if (!present.has('sqlite_stat1')) {
    // No statistics yet: count the tables now, so that the first PRAGMA optimize finds them counted.
    for (const table of tables) {
      await sql`analyze ${sql.table(table)}`.execute(db);
    }
  }
  let changed = 0;
  for (const table of tables) {
    const updated = await sql`update sqlite_stat1 set stat = ${String(SEARCH_DATA_ROWS_FLOOR)}
      where tbl = ${table} and idx is null and cast(stat as integer) < ${SEARCH_DATA_ROWS_FLOOR}`.execute(db);
    const missing = await sql`insert into sqlite_stat1 (tbl, idx, stat)
      select ${table}, null, ${String(SEARCH_DATA_ROWS_FLOOR)}
      where not exists (select 1 from sqlite_stat1 where tbl = ${table} and idx is null)`.execute(db);
    changed += Number(updated.numAffectedRows ?? 0n) + Number(missing.numAffectedRows ?? 0n);
  }
  if (changed > 0) {
    // The planner reads sqlite_stat1 when the schema is loaded; this reloads it (and re-prepares statements).
    await sql`analyze sqlite_schema`.execute(db);
  }
}

/** The FTS5 data tables of the full and the recent index (createSearchIndex, createRecentSearchIndex). */
const SEARCH_DATA_TABLES = ['search_fts_data', 'search_recent_fts_data'];
const SEARCH_DATA_ROWS_FLOOR = 16;

/**
 * `column IN (values)` bound as one parameter, so the statement's text does not change with the number
 * of values: SQLite keeps one prepared statement for it (see the statement cache in database.ts), and
 * PostgreSQL one plan.
 */
export function inList(db: Kysely<any>, column: string, values: readonly string[]): RawBuilder<boolean> {
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

const INSERT_CHUNK_SIZES = [256, 64, 16, 4, 1];

/**
 * Rows of a multi-row INSERT cut into chunks of a few fixed sizes, so a table needs at most five
 * statement texts for any number of rows (each prepared once), and no statement exceeds SQLite's
 * limit of bound values.
 */
export function insertChunks<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  for (const size of INSERT_CHUNK_SIZES) {
    while (rows.length - start >= size) {
      chunks.push(rows.slice(start, start + size));
      start += size;
    }
  }
  return chunks;
}

/**
 * The full-text index over segmented text (words joined by spaces, see src/core/search.ts). SQLite:
 * an FTS5 table over search_documents kept in step by triggers. PostgreSQL: a tsvector column
 * generated from the words, with a GIN index. Writers only ever touch search_documents.
 */
export async function createSearchIndex(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`create table search_documents (
      id bigint generated always as identity primary key,
      source_type text not null,
      source_id text not null,
      terms text not null,
      indexed_at text not null,
      tsv tsvector generated always as (to_tsvector('simple', terms)) stored,
      unique (source_type, source_id))`.execute(db);
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
    return;
  }
  await sql`create table search_documents (
    id integer primary key,
    source_type text not null,
    source_id text not null,
    terms text not null,
    indexed_at text not null,
    unique (source_type, source_id))`.execute(db);
  await sql`create virtual table search_fts using fts5(terms, content = 'search_documents', content_rowid = 'id', tokenize = 'unicode61')`.execute(
    db,
  );
  await sql`create trigger search_documents_ai after insert on search_documents begin
    insert into search_fts (rowid, terms) values (new.id, new.terms); end`.execute(db);
  await sql`create trigger search_documents_ad after delete on search_documents begin
    insert into search_fts (search_fts, rowid, terms) values ('delete', old.id, old.terms); end`.execute(db);
  await sql`create trigger search_documents_au after update on search_documents begin
    insert into search_fts (search_fts, rowid, terms) values ('delete', old.id, old.terms);
    insert into search_fts (rowid, terms) values (new.id, new.terms); end`.execute(db);
}

/**
 * How many of the newest documents the recent index holds (see createRecentSearchIndex). A word gets
 * its first window ranked there when it is in at least 500 of them (2 %), else in the whole index,
 * where weighing it passes over fewer than 500 in 25,000 of all its documents: at 1,000,000 appeals
 * both passes stay under 20,000 documents, where 100,000 made the most frequent words' pass in the
 * recent index the dearer part of their search (物业: 3.6 of the 5.2 ms of finding and ranking its window;
 * bench/REPORT.md).
 */
export const RECENT_SEARCH_DOCUMENTS = 25_000;

/**
 * A second full-text index over only the newest RECENT_SEARCH_DOCUMENTS documents, kept in step with
 * search_documents by triggers (an insert also drops the document that falls out of it). A search
 * ranks only the newest matches of a frequent word (SEARCH_WINDOWS in the appeals repository), and
 * when the recent index holds that many, those are all in it. Ranking there is what makes it fast:
 * weighing a word (FTS5's bm25) counts every document holding it, 29 ms for a word in 378,575 of
 * 1,000,000 appeals, and on PostgreSQL finding the newest matches of a word collects all of them
 * first. In the recent index both are bounded by its size, not the corpus's (bench/search.ts).
 */
export async function createRecentSearchIndex(db: Kysely<any>): Promise<void> {
  const newest = RECENT_SEARCH_DOCUMENTS;
  if (dialectOf(db) === 'postgres') {
    await sql`create table search_recent (id bigint primary key, tsv tsvector not null)`.execute(db);
    await sql`create index search_recent_tsv on search_recent using gin (tsv)`.execute(db);
    await sql`create function search_recent_insert() returns trigger language plpgsql as $$ begin
      insert into search_recent (id, tsv) select id, tsv from inserted;
      -- The ids this statement pushes out, as a range from both ends: an open range would walk the
      -- dead index entries of every earlier push until vacuum (indexing slowed from 889 to 516/s).
      delete from search_recent where id between (select min(id) from inserted) - ${sql.lit(newest)}
        and (select max(id) from inserted) - ${sql.lit(newest)};
      return null; end $$`.execute(db);
    await sql`create function search_recent_update() returns trigger language plpgsql as $$ begin
      update search_recent r set tsv = u.tsv from updated u where r.id = u.id;
      return null; end $$`.execute(db);
    await sql`create function search_recent_delete() returns trigger language plpgsql as $$ begin
      delete from search_recent r using deleted d where r.id = d.id;
      return null; end $$`.execute(db);
    await sql`create trigger search_recent_ai after insert on search_documents referencing new table as inserted
      for each statement execute function search_recent_insert()`.execute(db);
    await sql`create trigger search_recent_au after update on search_documents referencing new table as updated
      for each statement execute function search_recent_update()`.execute(db);
    await sql`create trigger search_recent_ad after delete on search_documents referencing old table as deleted
      for each statement execute function search_recent_delete()`.execute(db);
    await sql`insert into search_recent (id, tsv) select id, tsv from search_documents
      where id > (select coalesce(max(id), 0) from search_documents) - ${sql.lit(newest)}`.execute(db);
    return;
  }
  // Over search_documents as its content, like search_fts: forgetting a document then costs about what
  // indexing it did (measured against a contentless table with contentless_delete, whose tombstones
  // halved the indexing rate). A document is forgotten only if it is there (docsize), since a 'delete'
  // of a row an external-content index does not hold would corrupt it.
  await sql`create virtual table search_recent_fts using fts5(terms, content = 'search_documents', content_rowid = 'id', tokenize = 'unicode61')`.execute(
    db,
  );
  const held = (id: RawBuilder<unknown>) => sql`exists (select 1 from search_recent_fts_docsize where id = ${id})`;
  const fallenOut = sql`new.id - ${sql.lit(newest)}`;
  await sql`create trigger search_recent_ai after insert on search_documents begin
    insert into search_recent_fts (rowid, terms) values (new.id, new.terms);
    insert into search_recent_fts (search_recent_fts, rowid, terms)
      select 'delete', id, terms from search_documents where id = ${fallenOut} and ${held(fallenOut)}; end`.execute(db);
  await sql`create trigger search_recent_au after update on search_documents when ${held(sql`old.id`)} begin
    insert into search_recent_fts (search_recent_fts, rowid, terms) values ('delete', old.id, old.terms);
    insert into search_recent_fts (rowid, terms) values (new.id, new.terms); end`.execute(db);
  await sql`create trigger search_recent_ad after delete on search_documents when ${held(sql`old.id`)} begin
    insert into search_recent_fts (search_recent_fts, rowid, terms) values ('delete', old.id, old.terms); end`.execute(db);
  await sql`insert into search_recent_fts (rowid, terms) select id, terms from search_documents
    where id > (select coalesce(max(id), 0) from search_documents) - ${sql.lit(newest)}`.execute(db);
}

/** Whether the recent index holds every document: true in an installation with fewer than RECENT_SEARCH_DOCUMENTS. */
export const recentIndexHoldsAll = () =>
  sql<boolean>`((select min(id) from search_documents) > (select max(id) from search_documents) - ${sql.lit(RECENT_SEARCH_DOCUMENTS)})`;

/** Removes the recent index with its triggers (to create it again with another size). */
export async function dropRecentSearchIndex(db: Kysely<any>): Promise<void> {
  const triggers = ['search_recent_ai', 'search_recent_au', 'search_recent_ad'];
  if (dialectOf(db) === 'postgres') {
    for (const trigger of triggers) {
      await sql`drop trigger if exists ${sql.raw(trigger)} on search_documents`.execute(db);
    }
    for (const name of ['search_recent_insert', 'search_recent_update', 'search_recent_delete']) {
      await sql`drop function if exists ${sql.raw(name)}()`.execute(db);
    }
    await sql`drop table if exists search_recent`.execute(db);
    return;
  }
  for (const trigger of triggers) {
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
  }
  await sql`drop table if exists search_recent_fts`.execute(db);
}

/** Which full-text index a search reads: every document, or only the newest (createRecentSearchIndex). */
export type SearchIndex = 'all' | 'recent';

/** Rank only the newest `newest` matches, found in `index`; the recent index must hold that many. */
export interface SearchWindow {
  newest: number;
  index: SearchIndex;
}

/**
 * The documents of a source type holding every one of the words, or any one of them (each as itself
 * or as the phrase of its character pairs, see src/core/search.ts), with a rank (smaller is more
 * relevant: BM25 on SQLite, the negated ts_rank on PostgreSQL), as a subquery to join on source_id.
 * With a window, only the newest that many matches of the index (all source types) are ranked: the
 * rank is the costly part for a word in every tenth document.
 */
export function searchMatches(
  db: Kysely<any>,
  sourceType: string,
  words: readonly { word: string; bigrams: string[] }[],
  mode: 'all' | 'any' = 'all',
  window?: SearchWindow,
) {
  if (window) {
    const { newest, ranked } = windowOfMatches(db, sourceType, words, window, mode);
    return ranked(sql`(${newest})`);
  }
  if (dialectOf(db) === 'postgres') {
    return sql<{ source_id: string; rank: number }>`(select d.source_id, -ts_rank(d.tsv, q.query) as rank
      from search_documents d, to_tsquery('simple', ${tsQuery(words, mode)}) as q(query)
      where d.source_type = ${sourceType} and d.tsv @@ q.query)`;
  }
  return sql<{ source_id: string; rank: number }>`(select d.source_id, bm25(search_fts) as rank
    from search_fts join search_documents d on d.id = search_fts.rowid
    where search_fts match ${ftsMatch(words, mode)} and d.source_type = ${sourceType})`;
}

/**
 * A window of the words' matches in two parts: `newest`, the newest `window.newest` matches of the
 * index (all source types; columns id and, as each dialect ranks, rank or tsv), and `ranked`, the
 * source type's documents among a table of those (`from`: the query in parentheses, or the name of a
 * common table expression holding it) with their rank, as the subquery searchMatches gives.
 */
export function windowOfMatches(
  db: Kysely<any>,
  sourceType: string,
  words: readonly { word: string; bigrams: string[] }[],
  window: SearchWindow,
  mode: 'all' | 'any' = 'all',
): { newest: RawBuilder<{ id: number }>; ranked: (from: RawBuilder<unknown>) => RawBuilder<{ source_id: string; rank: number }> } {
  const table = indexTable(db, window.index);
  if (dialectOf(db) === 'postgres') {
    const query = tsQuery(words, mode);
    return {
      newest: sql`select id, tsv from ${table}, to_tsquery('simple', ${query}) as q(query)
        where tsv @@ q.query order by id desc limit ${window.newest}`,
      ranked: (from) => sql`(select d.source_id, -ts_rank(w.tsv, q.query) as rank
        from ${from} w
        join search_documents d on d.id = w.id, to_tsquery('simple', ${query}) as q(query)
        where d.source_type = ${sourceType})`,
    };
  }
  // bm25 weighs each word by the documents of this index holding it: in the recent one, a pass over
  // RECENT_SEARCH_DOCUMENTS at most.
  return {
    newest: sql`select rowid as id, bm25(${table}) as rank from ${table}
      where ${table} match ${ftsMatch(words, mode)} order by rowid desc limit ${window.newest}`,
    ranked: (from) => sql`(select d.source_id, w.rank
      from ${from} w
      join search_documents d on d.id = w.id
      where d.source_type = ${sourceType})`,
  };
}

/** The table a full-text index is read from: the FTS5 table on SQLite, the one with the tsvector on PostgreSQL. */
function indexTable(db: Kysely<any>, index: SearchIndex) {
  if (dialectOf(db) === 'postgres') {
    return sql.table(index === 'recent' ? 'search_recent' : 'search_documents');
  }
  return sql.table(index === 'recent' ? 'search_recent_fts' : 'search_fts');
}

/** How many documents of the index (all source types) hold the words, counted up to `limit`. */
export async function countSearchMatches(
  db: Kysely<any>,
  words: readonly { word: string; bigrams: string[] }[],
  limit: number,
  index: SearchIndex = 'all',
): Promise<number> {
  const table = indexTable(db, index);
  const counted =
    dialectOf(db) === 'postgres'
      ? sql<{ n: number }>`select count(*) as n from (select 1 from ${table}
          where tsv @@ to_tsquery('simple', ${tsQuery(words, 'all')}) limit ${limit}) w`
      : sql<{ n: number }>`select count(*) as n from (select rowid from ${table}
          where ${table} match ${ftsMatch(words, 'all')} limit ${limit}) w`;
  const { rows } = await counted.execute(db);
  return Number(rows[0]?.n ?? 0);
}

function tsQuery(words: readonly { word: string; bigrams: string[] }[], mode: 'all' | 'any'): string {
  const lexeme = (text: string) => `'${text.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
  return words
    .map(({ word, bigrams }) => (bigrams.length > 0 ? `(${lexeme(word)} | (${bigrams.map(lexeme).join(' <-> ')}))` : lexeme(word)))
    .join(mode === 'all' ? ' & ' : ' | ');
}

function ftsMatch(words: readonly { word: string; bigrams: string[] }[], mode: 'all' | 'any'): string {
  const token = (text: string) => `"${text.replaceAll('"', '""')}"`;
  return words
    .map(({ word, bigrams }) =>
      bigrams.length > 0 ? `(${token(word)} OR "${bigrams.map((pair) => pair.replaceAll('"', '""')).join(' ')}")` : token(word),
    )
    .join(mode === 'all' ? ' AND ' : ' OR ');
}

export const blobType = (name: DialectName) => (name === 'postgres' ? 'bytea' : 'blob');

/** Year-month (YYYY-MM) of an ISO UTC timestamp column, in China Standard Time. */
export function localMonth(db: Kysely<any>, column: string): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`to_char((${sql.ref(column)}::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', ${sql.ref(column)}, '+8 hours')`;
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Rows changed by an UPDATE/DELETE result, whatever the driver's number type. */
export function affectedRows(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }): number {
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
}

/** Triggers that make a table append-only: both databases refuse UPDATE and DELETE (AU-03). */
export async function makeAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`create or replace function lianxin_append_only() returns trigger as $$
      begin raise exception 'append-only table: %', TG_TABLE_NAME; end; $$ language plpgsql`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function lianxin_append_only()`.execute(db);
    return;
  }
  for (const operation of ['update', 'delete']) {
    await sql`create trigger ${sql.raw(`${table}_no_${operation}`)} before ${sql.raw(operation)} on ${sql.table(table)}
      begin select raise(abort, 'append-only table'); end`.execute(db);
  }
}

/**
 * A table stored in its primary key's order (SQLite `WITHOUT ROWID`): no hidden rowid numbers the rows
 * in insertion order. PostgreSQL tables are heaps with no such column; the clause is added on SQLite only.
 */
export function keyOrderedStorage<B extends { modifyEnd(modifier: RawBuilder<unknown>): B }>(db: Kysely<any>, builder: B): B {
  return dialectOf(db) === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;
}

/**
 * Reads a row under a shared lock on PostgreSQL, so a concurrent update of it (closing a vote) waits
 * for this transaction. SQLite has one writer at a time, and the lock clause does not exist there.
 */
export function sharedLock<Q extends { forShare(): Q }>(db: Kysely<any>, query: Q): Q {
  return dialectOf(db) === 'postgres' ? query.forShare() : query;
}
