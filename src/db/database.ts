import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type DatabaseConnection,
  type Dialect,
  type Insertable,
  type QueryResult,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { dialectOf, type DialectName } from './dialect';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface ConnectOptions {
  /** PostgreSQL schema to use (tests give each file its own). */
  schema?: string;
  poolSize?: number;
  /**
   * SQLite: start the checkpointer thread for this file (default). A second connection to the same
   * file in this process (the background thread's) leaves it to the first and checkpoints in its own
   * commits, which run off the request thread anyway.
   */
  checkpointer?: boolean;
  /** SQLite: the write lock's turns shared with the other connection of this process (see SharedWriteLock). */
  writeLock?: SharedWriteLock;
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
  // Opening waits for the lock as SQLite does (PRAGMA optimize may write); from then on nothing blocks (ImmediateTransactionDriver).
  database.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
  // Deleted personal data is overwritten on disk, not only unlinked (DP-06).
  database.pragma('secure_delete = ON');
  // Table statistics for the planner, refreshed where they are missing or stale (cheap: it samples).
  database.pragma('optimize = 0x10002');
  const checkpoints = database.memory || options.checkpointer === false ? null : startCheckpointer(database.name);
  if (checkpoints) {
    database.pragma(`wal_autocheckpoint = ${WAL_RESET_PAGES}`);
  }
  database.pragma('busy_timeout = 0');
  return new Kysely<Database>({
    dialect: sqliteWithImmediateTransactions(
      { database: withStatementCache(database, () => void checkpoints?.terminate()) },
      options.writeLock,
    ),
  });
}

/**
 * The write lock of one SQLite file shared by the two connections of an app process: the request
 * thread's and the background thread's (src/server/background.ts). The request thread goes first:
 * while one of its transactions waits for the lock, the background thread begins none, and when the
 * background thread ends a transaction it wakes the waiting request thread at once. Without this the
 * background thread, going from one handler's commit straight to the next begin, kept winning the
 * lock against the request thread's retries, and submissions waited on counting and indexing.
 */
export interface SharedWriteLock {
  /** Int32 slots: [0] request-thread begins waiting for the lock, [1] transactions ended by the background thread. */
  turns: SharedArrayBuffer;
  /** The background thread's connection: it lets the request thread go first. */
  yields: boolean;
}

export const newWriteLockTurns = () => new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);

const WAITING = 0;
const RELEASED = 1;

/**
 * Transactions take SQLite's write lock when they begin. The background thread writes through a
 * connection of its own; a deferred transaction that read before its first write would find, if that
 * connection committed in between, that it can no longer write, and fail at once (SQLITE_BUSY_SNAPSHOT:
 * busy_timeout does not wait that out). Begun immediately, it waits for the lock instead, and without
 * blocking the thread: the connection keeps busy_timeout at 0, because SQLite's wait sleeps inside the
 * call, holding up every request of the event loop while the other connection commits, and a
 * statement that finds the lock taken (a begin, or a write outside a transaction) is tried again
 * asynchronously. Inside a transaction nothing waits: it holds the lock. This thread's transactions
 * already run one after the other on its one connection.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  readonly #turns: Int32Array | null;
  readonly #yields: boolean;
  #inTransaction = false;
  #retrying: DatabaseConnection | null = null;

  constructor(config: SqliteDialectConfig, lock: SharedWriteLock | undefined) {
    super(config);
    this.#turns = lock ? new Int32Array(lock.turns) : null;
    this.#yields = lock?.yields ?? false;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#retrying ??= {
      executeQuery: (query) =>
        this.#inTransaction
          ? connection.executeQuery(query)
          : this.#untilLocked(() => connection.executeQuery(query), query === BEGIN_IMMEDIATE),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    return this.#retrying;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const turns = this.#turns;
    const first = turns !== null && !this.#yields;
    if (first) {
      Atomics.add(turns, WAITING, 1);
    }
    try {
      await connection.executeQuery(BEGIN_IMMEDIATE);
    } finally {
      if (first) {
        Atomics.sub(turns, WAITING, 1);
      }
    }
    this.#inTransaction = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(COMMIT);
    this.#endTransaction();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(ROLLBACK);
    } finally {
      this.#endTransaction();
    }
  }

  #endTransaction(): void {
    this.#inTransaction = false;
    const turns = this.#turns;
    if (turns && this.#yields && Atomics.load(turns, WAITING) > 0) {
      Atomics.add(turns, RELEASED, 1);
      Atomics.notify(turns, RELEASED);
    }
  }

  /** Runs a statement outside a transaction, again and again while another connection holds the lock. */
  async #untilLocked<T>(run: () => Promise<T>, begin: boolean): Promise<T> {
    const since = Date.now();
    for (;;) {
      const released = this.#turns ? Atomics.load(this.#turns, RELEASED) : 0;
      if (begin && this.#yields) {
        await this.#letRequestsGoFirst(since);
      }
      try {
        return await run();
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() - since > LOCK_WAIT_MS) {
          throw error;
        }
      }
      await (this.#turns && !this.#yields ? Atomics.waitAsync(this.#turns, RELEASED, released, 1).value : sleep(1));
    }
  }

  /** The background thread waits while a request's transaction waits for the lock, up to YIELD_MS at a time. */
  async #letRequestsGoFirst(since: number): Promise<void> {
    while (Atomics.load(this.#turns!, WAITING) > 0 && Date.now() - since < YIELD_MS) {
      await sleep(1);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long a write waits for the lock: past the longest a write of the background thread holds it (the
 * hourly PRAGMA optimize took 11 s on 1,000,000 appeals in bench/search.ts), so that a request waits
 * then rather than fails.
 */
const LOCK_WAIT_MS = 30_000;
/** The longest the background thread stands back for requests before it competes for the lock as an equal. */
const YIELD_MS = 1_000;
const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

function sqliteWithImmediateTransactions(config: SqliteDialectConfig, lock: SharedWriteLock | undefined): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ImmediateTransactionDriver(config, lock),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

const CHECKPOINT_EVERY_MS = 500;
/**
 * The app's own connection still checkpoints when the WAL has reached this many pages (16 MB; SQLite's
 * default is 1,000). The worker's checkpoints run while the app keeps writing, so they never catch up
 * with the WAL's end, and SQLite starts the WAL file over only when a writer finds every frame copied
 * back: without this the file grows without bound under steady writes (measured: 159 MB after 20 s of
 * submissions). By then the worker has copied all but the last half second, so this checkpoint is
 * short, and the next write starts the WAL over.
 */
const WAL_RESET_PAGES = 4000;

// Runs in a worker thread, with a connection of its own (CommonJS: an eval'ed worker has require).
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next turn tries again.
  }
}, workerData.everyMs);
`;

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * finds the WAL past 1,000 pages: it copies the pages back into the database file and syncs both,
 * milliseconds to tens of milliseconds on the one thread that serves every request (measured: 6 %
 * of commits held two thirds of all commit time under the submit benchmark). Here a worker thread
 * runs a passive checkpoint (it never blocks the writer, and copies what no reader still needs) every
 * half second instead, and the app's connection checkpoints only rarely (WAL_RESET_PAGES). When the
 * last connection closes, SQLite checkpoints the rest as always.
 */
function startCheckpointer(file: string): Worker {
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      file: path.resolve(file),
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      everyMs: CHECKPOINT_EVERY_MS,
    },
  });
  worker.unref();
  worker.on('error', (error) => console.error('SQLite checkpointer failed', error));
  return worker;
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
function withStatementCache(database: SqliteDatabase.Database, onClose: () => void) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      onClose();
      database.close();
    },
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

const COMPILED_CACHE_SIZE = 200;
const compiledTexts = new Map<string, string>();

/**
 * The SQL text of a statement of fixed shape, built and compiled by Kysely once per dialect and then
 * reused with new parameters. Building a query costs more than running a short one on SQLite (an
 * insert of the 40 columns of an appeal: tens of microseconds of object building, freezing and
 * visiting), so the busiest statements skip it. `key` names the shape; `build` must put its
 * parameters in the order the caller passes them (checked by the tests of each use).
 */
export function compiledOnce(db: Kysely<Database>, key: string, build: () => Compilable<unknown> | string): string {
  const id = `${dialectOf(db)}\n${key}`;
  let text = compiledTexts.get(id);
  if (text === undefined) {
    const built = build();
    text = typeof built === 'string' ? built : built.compile().sql;
    if (compiledTexts.size >= COMPILED_CACHE_SIZE) {
      compiledTexts.delete(compiledTexts.keys().next().value!);
    }
    compiledTexts.set(id, text);
  }
  return text;
}

/**
 * `insert into <table> (<the row's columns>) values (…)` with the text compiled once per table,
 * dialect and set of columns (see compiledOnce): the same statement Kysely would build for
 * `db.insertInto(table).values(row)`, and the same parameters (columns whose value is undefined are
 * left out, as Kysely leaves them out).
 */
export function insertRow<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]>,
): Promise<QueryResult<unknown>> {
  const values = row as Record<string, unknown>;
  const columns = Object.keys(values).filter((column) => values[column] !== undefined);
  const text = compiledOnce(db, `insert ${table} ${columns.join(',')}`, () => db.insertInto(table).values(row as never));
  return db.executeQuery(
    CompiledQuery.raw(
      text,
      columns.map((column) => values[column]),
    ),
  );
}

export interface RowOf<T extends keyof Database & string = keyof Database & string> {
  table: T;
  row: Insertable<Database[T]>;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Inserts rows into several tables as one statement on PostgreSQL (data-modifying CTEs: one round
 * trip, and one statement that succeeds or fails as a whole), one insertRow after another on
 * SQLite, where a statement costs no round trip. Constraints are checked at the end of the
 * statement, so the rows may reference each other in any order.
 */
export async function insertRows(db: Kysely<Database>, rows: readonly RowOf[]): Promise<void> {
  if (rows.length === 1 || dialectOf(db) !== 'postgres') {
    for (const { table, row } of rows) {
      await insertRow(db, table, row);
    }
    return;
  }
  const parts = rows.map(({ table, row }) => {
    const values = row as Record<string, unknown>;
    return { table, values, columns: Object.keys(values).filter((column) => values[column] !== undefined) };
  });
  const key = `insert together ${parts.map((part) => `${part.table}(${part.columns.join(',')})`).join(' ')}`;
  const text = compiledOnce(db, key, () => {
    let parameter = 0;
    const inserts = parts.map(
      (part) =>
        `insert into ${quoted(part.table)} (${part.columns.map(quoted).join(', ')}) values (${part.columns.map(() => `$${(parameter += 1)}`).join(', ')})`,
    );
    const last = inserts.pop()!;
    return `with ${inserts.map((insert, index) => `w${index} as (${insert})`).join(', ')} ${last}`;
  });
  await db.executeQuery(
    CompiledQuery.raw(
      text,
      parts.flatMap((part) => part.columns.map((column) => part.values[column])),
    ),
  );
}
