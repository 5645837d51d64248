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
  }
}

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
