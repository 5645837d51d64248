import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface ConnectOptions {
  /** PostgreSQL schema to use (tests give each file its own). */
  schema?: string;
  poolSize?: number;
}

export function dialectOfUrl(url: string): DialectName {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

function sqliteFile(url: string): string {
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  return file;
}

export function connect(url: string, options: ConnectOptions = {}): Db {
  if (dialectOfUrl(url) === 'postgres') {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    pool.on('connect', nameStatementsByText);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const database = new SqliteDatabase(sqliteFile(url));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Deleted personal data is overwritten on disk, not only unlinked (DP-06).
  database.pragma('secure_delete = ON');
  // Table statistics for the planner, refreshed where they are missing or stale (cheap: it samples).
  database.pragma('optimize = 0x10002');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

const STATEMENT_CACHE_SIZE = 500;

const preparedNames = new Map<string, string>();
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * PostgreSQL parses and plans every unnamed statement anew; naming a statement by its SQL text
 * makes each connection prepare it once and reuse it (the queries are parameterised, so the set of
 * texts is small, and texts past the cap simply run unnamed). Only plain DML is named: a prepared
 * statement would outlive a schema change, which only migrations make, with DDL.
 */
function nameStatementsByText(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const preparing = (...args: unknown[]) => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && PREPARABLE.test(text)) {
      let name = preparedNames.get(text);
      if (!name && preparedNames.size < STATEMENT_CACHE_SIZE) {
        name = `lx${preparedNames.size + 1}`;
        preparedNames.set(text, name);
      }
      if (name) {
        return query({ name, text, values });
      }
    }
    return query(...args);
  };
  client.query = preparing as unknown as typeof client.query;
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs about as much as running a short
 * statement, so prepared statements are kept by their SQL text (the queries are parameterised, so
 * the set of texts is small). A streamed query (`.stream()`) would hold its statement busy, so the
 * code base has none.
 */
function withStatementCache(database: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare: (sqlText: string) => {
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = database.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          cache.delete(cache.keys().next().value!);
        }
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}
