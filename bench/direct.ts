/**
 * Reading a benchmark's database beside the app: plain statements for sizes, scans and plans, and a
 * Kysely that records the statements a step runs, so that each can be timed and explained on its own.
 */
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema';
import { openSqlite, type BenchDatabase, type Dialect } from './support';

export interface Direct {
  dialect: Dialect;
  /** Rows of a statement, with the dialect's own placeholders (? on SQLite, $1… on PostgreSQL). */
  all<T>(text: string, parameters?: readonly unknown[]): Promise<T[]>;
  one<T>(text: string, parameters?: readonly unknown[]): Promise<T>;
  close(): Promise<void>;
}

export function direct(database: BenchDatabase): Direct {
  let all: <T>(text: string, parameters?: readonly unknown[]) => Promise<T[]>;
  let close: () => Promise<void>;
  if (database.dialect === 'sqlite') {
    const connection = openSqlite(database.file!);
    all = async <T>(text: string, parameters: readonly unknown[] = []) => connection.prepare(text).all(...parameters) as T[];
    close = async () => void connection.close();
  } else {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    all = async <T>(text: string, parameters: readonly unknown[] = []) => (await pool.query(text, [...parameters])).rows as T[];
    close = () => pool.end();
  }
  return { dialect: database.dialect, all, one: async (text, parameters) => (await all(text, parameters))[0] as never, close };
}

export function loggingDb(database: BenchDatabase, sink: { events: LogEvent[] | null }): Kysely<Database> {
  const log = (event: LogEvent) => {
    sink.events?.push(event);
  };
  if (database.dialect === 'sqlite') {
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(database.file!) }), log });
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 10 }) }), log });
}

/** EXPLAIN QUERY PLAN on SQLite (as a tree); EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, with the statement's own parameters. */
export async function explain(db: Direct, sqlText: string, parameters: readonly unknown[]): Promise<string> {
  if (db.dialect === 'sqlite') {
    const rows = await db.all<{ id: number; parent: number; detail: string }>(`explain query plan ${sqlText}`, parameters);
    const depth = new Map<number, number>([[0, -1]]);
    return rows
      .map((row) => {
        const level = (depth.get(row.parent) ?? -1) + 1;
        depth.set(row.id, level);
        return `${'  '.repeat(level)}${row.detail}`;
      })
      .join('\n');
  }
  const rows = await db.all<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sqlText}`, parameters);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}
