/**
 * Shared plumbing for the benchmarks: arguments, a throwaway database (SQLite file or PostgreSQL
 * database), the real app on a loopback port, the load generator child process, CPU meters, tables
 * and JSON results.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/config';
import type { Clock } from '../src/core/clock';
import type { AppContext } from '../src/core/context';
import { migrateToLatest } from '../src/db/migrate';
import { allModules } from '../src/modules';
import { buildApp } from '../src/server/app';
import { BackgroundThread } from '../src/server/background';
import { createContext } from '../src/server/context';
import type { LoadJob, LoadResult, SequentialJob, SequentialResult } from './stats';

export type Dialect = 'sqlite' | 'postgres';

export const BENCH_DIR = import.meta.dirname;
export const OUT_DIR = path.join(BENCH_DIR, 'out');

/** The PostgreSQL server to create the bench database on (scripts/start-test-postgres.sh starts one). */
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/postgres';

export interface BenchArgs {
  dialects: Dialect[];
  quick: boolean;
}

export function parseArgs(argv: string[] = process.argv.slice(2)): BenchArgs {
  let db = 'sqlite';
  let quick = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') {
      quick = true;
    } else if (arg === '--db') {
      db = argv[(i += 1)] ?? '';
    } else if (arg.startsWith('--db=')) {
      db = arg.slice('--db='.length);
    } else {
      throw new Error(`unknown argument ${arg}; usage: [--db sqlite|postgres|both] [--quick]`);
    }
  }
  const dialects: Record<string, Dialect[]> = {
    sqlite: ['sqlite'],
    postgres: ['postgres'],
    pg: ['postgres'],
    both: ['sqlite', 'postgres'],
  };
  if (!dialects[db]) {
    throw new Error(`--db must be sqlite, postgres or both (got "${db}")`);
  }
  return { dialects: dialects[db], quick };
}

// ---------------------------------------------------------------------------------------------------
// Databases

export interface BenchDatabase {
  dialect: Dialect;
  url: string;
  /** The SQLite file, for direct connections. */
  file?: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database: a SQLite file in a temp directory, or a new PostgreSQL database dropped afterwards. */
export async function createBenchDatabase(dialect: Dialect): Promise<BenchDatabase> {
  if (dialect === 'postgres') {
    const name = `lianxin_bench_${randomBytes(4).toString('hex')}`;
    await withAdmin((client) => client.query(`create database ${name}`));
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      dialect,
      url: url.toString(),
      drop: () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  const file = path.join(dir, 'bench.db');
  return { dialect, url: `sqlite://${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A direct better-sqlite3 connection with the app's pragmas (src/db/database.ts). */
export function openSqlite(file: string): SqliteDatabase.Database {
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return database;
}

// ---------------------------------------------------------------------------------------------------
// The app

export interface BenchApp {
  ctx: AppContext;
  app: FastifyInstance;
  url: string;
  /** LIANXIN_SECRET (base64): another process serving the same database needs it to read sessions and fields. */
  secret: string;
  close(): Promise<void>;
}

/** The environment the bench app is configured from (loadConfig), in this process or a child. */
export function benchEnv(database: BenchDatabase, dataDir: string, secret: string): Record<string, string> {
  return {
    LIANXIN_DATA_DIR: dataDir,
    LIANXIN_SECRET: secret,
    DATABASE_URL: database.url,
    // Every submission comes from 127.0.0.1: lift the anonymous limit so rate limiting does not interfere.
    ANONYMOUS_SUBMITS_PER_HOUR: '1000000000',
    LOG_LEVEL: 'error',
  };
}

/**
 * The production app (buildApp with allModules, the system clock unless another is given, the
 * default pool of 10 on PostgreSQL) on a freshly migrated database, listening on a loopback port of
 * this process.
 */
export async function startBenchApp(database: BenchDatabase, options: { clock?: Clock } = {}): Promise<BenchApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-data-'));
  const secret = randomBytes(32).toString('base64');
  const config = loadConfig(benchEnv(database, dataDir, secret));
  // The background thread keeps the system clock: with another clock, events are handled in this thread.
  // No scheduled jobs: a backfill or the planner's statistics would run in the middle of a measurement.
  const background = options.clock ? undefined : new BackgroundThread({ config, jobs: false });
  const ctx = createContext(config, { clock: options.clock, outbox: background, connect: background?.requestConnection });
  await migrateToLatest(ctx.db);
  await background?.start();
  const app = await buildApp(ctx, { modules: allModules, serveWeb: false, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ctx,
    app,
    url: `http://127.0.0.1:${port}`,
    secret,
    close: async () => {
      await app.close();
      await ctx.db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Load generator (child process)

export class LoadGenerator {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (result: LoadResult) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) {
        waiter?.reject(new Error(`load generator: ${message.error}`));
      } else {
        waiter?.resolve(message.result!);
      }
    });
    child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) {
        waiter.reject(new Error(`load generator exited with code ${code}`));
      }
      this.waiting.clear();
    });
  }

  /** Forks bench/loadgen.ts under tsx: a second process, so client and server do not share an event loop. */
  static start(): LoadGenerator {
    const child = fork(path.join(BENCH_DIR, 'loadgen.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new LoadGenerator(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  run<T extends LoadResult>(job: LoadJob): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (result: LoadResult) => void, reject });
      this.child.send({ id, job });
    });
  }

  /**
   * One request path timed on its own, one request at a time, with the CPU other work used meanwhile;
   * any answer but 200 stops the run, since the figures would time an error page.
   */
  async timeRequests(job: Omit<SequentialJob, 'kind' | 'requests'> & { request: SequentialJob['requests'][number] }) {
    const meter = cpuMeter(this.pid);
    const run = await this.run<SequentialResult>({
      kind: 'sequential',
      url: job.url,
      requests: [job.request],
      warmup: job.warmup,
      iterations: job.iterations,
    });
    const result = run.results[0];
    if (Object.keys(result.statusCodes).join() !== '200') {
      throw new Error(`${job.request.name}: unexpected statuses ${JSON.stringify(result.statusCodes)}`);
    }
    return { ...result, otherCores: meter().otherCores };
  }

  close(): void {
    this.child.disconnect();
  }
}

/**
 * Measures again, after waiting for the machine to become quiet, while other work used more than
 * DISTURBED_CORES during the measurement, at most `maxAttempts` times; the last one is kept either way.
 */
export async function measureUndisturbed<T extends { otherCores: number }>(
  maxAttempts: number,
  measure: () => Promise<T>,
  quietSeconds?: number,
): Promise<T & { attempts: number }> {
  let attempts = 0;
  let entry: T;
  do {
    attempts += 1;
    if (attempts > 1) {
      await waitForQuiet(quietSeconds);
    }
    entry = await measure();
  } while (entry.otherCores > DISTURBED_CORES && attempts < maxAttempts);
  return { ...entry, attempts };
}

// ---------------------------------------------------------------------------------------------------
// CPU meters

const CLOCK_TICKS = 100; // USER_HZ on Linux

interface ProcessTicks {
  kind: string;
  seconds: number;
}

/** CPU seconds of every process (by pid, with its class), from /proc (Linux); empty elsewhere. */
function processTicks(loadgenPid: number | undefined): Map<number, ProcessTicks> {
  const byPid = new Map<number, ProcessTicks>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return byPid;
  }
  for (const pid of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command: state is [0], utime [11], stime [12], cutime [13], cstime [14].
    const ticks = Number(fields[11]) + Number(fields[12]);
    const id = Number(pid);
    const kind = id === process.pid ? 'server' : id === loadgenPid ? 'loadgen' : comm === 'postgres' ? 'postgres' : 'other';
    byPid.set(id, { kind, seconds: ticks / CLOCK_TICKS });
  }
  return byPid;
}

/**
 * CPU seconds used between two readings, by class: per process, so that a process exiting during the
 * phase (a pooled PostgreSQL backend closed for idleness, a finished test worker) is missed rather
 * than subtracting its whole lifetime from its class.
 */
function ticksBetween(start: Map<number, ProcessTicks>, end: Map<number, ProcessTicks>): Map<string, number> {
  const byClass = new Map<string, number>();
  for (const [pid, { kind, seconds }] of end) {
    const before = start.get(pid);
    // A pid reused by a new process shows fewer ticks than its predecessor: count it from zero.
    const delta = before && before.seconds <= seconds ? seconds - before.seconds : seconds;
    byClass.set(kind, (byClass.get(kind) ?? 0) + delta);
  }
  return byClass;
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = fields[3] + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export interface CpuReading {
  /** Cores used by this (server) process; 1 = one full core. */
  serverCores: number;
  /** Share of the time the server's event loop was busy (1 = saturated). */
  serverEventLoop: number;
  /** Cores used by the load generator process. */
  loadgenCores: number;
  /** Cores used by PostgreSQL server processes (all of them, whoever they serve). */
  postgresCores: number;
  /** Cores used by every other process on the machine (other work running at the same time). */
  otherCores: number;
  /** Cores used by the whole machine. */
  machineCores: number;
}

/** Starts meters; call the returned function at the end of the phase. */
export function cpuMeter(loadgenPid?: number): () => CpuReading {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const ticks = machineTicks();
  const classes = processTicks(loadgenPid);
  const startedAt = performance.now();
  return () => {
    const seconds = (performance.now() - startedAt) / 1000;
    const used = process.cpuUsage(cpu);
    const end = machineTicks();
    // Processes that exited during the phase are missed; good enough to see contention.
    const byClass = ticksBetween(classes, processTicks(loadgenPid));
    const cores = (kind: string) => (byClass.get(kind) ?? 0) / seconds;
    return {
      serverCores: (used.user + used.system) / 1e6 / seconds,
      serverEventLoop: performance.eventLoopUtilization(elu).utilization,
      loadgenCores: cores('loadgen'),
      postgresCores: cores('postgres'),
      otherCores: cores('other'),
      machineCores: ticks && end ? ((end.busy - ticks.busy) / (end.total - ticks.total)) * os.availableParallelism() : NaN,
    };
  };
}

/** Cores busy on the machine over a short sample, before a run: other work skews every figure. */
export async function backgroundLoad(seconds = 2): Promise<CpuReading> {
  const meter = cpuMeter();
  await sleep(seconds * 1000);
  return meter();
}

/** Above this many cores of other work during a phase, the phase counts as disturbed. */
export const DISTURBED_CORES = 0.25;

/**
 * Waits (up to `maxSeconds`) until the machine has been quiet for two one-second samples, so a phase
 * does not start while other work (a test suite, a build) holds the cores. Returns the seconds waited.
 */
export async function waitForQuiet(maxSeconds = 120): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  while (quiet < 2 && performance.now() - started < maxSeconds * 1000) {
    const reading = await backgroundLoad(1);
    quiet = reading.machineCores - reading.serverCores < DISTURBED_CORES ? quiet + 1 : 0;
  }
  const waited = (performance.now() - started) / 1000;
  if (waited > 3) {
    console.log(`  (waited ${waited.toFixed(0)} s for other work on the machine to finish)`);
  }
  return waited;
}

// ---------------------------------------------------------------------------------------------------
// Machine description, tables, results

export interface MachineInfo {
  date: string;
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  postgres: string | null;
}

export async function machineInfo(dialects: Dialect[]): Promise<MachineInfo> {
  const memory = new SqliteDatabase(':memory:');
  const sqlite = (memory.prepare('select sqlite_version() as v').get() as { v: string }).v;
  memory.close();
  const postgres = dialects.includes('postgres')
    ? await withAdmin(async (client) => {
        const version = (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version;
        const fsync = (await client.query<{ fsync: string }>('show fsync')).rows[0].fsync;
        const commit = (await client.query<{ synchronous_commit: string }>('show synchronous_commit')).rows[0].synchronous_commit;
        return `${version} (fsync=${fsync}, synchronous_commit=${commit})`;
      })
    : null;
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqlite,
    postgres,
  };
}

export function describeMachine(info: MachineInfo): string {
  return [
    `date ${info.date}`,
    `${info.nproc} cores (${info.cpuModel}), ${info.memoryGiB} GiB`,
    `${info.os}, node ${info.node}, SQLite ${info.sqlite}`,
    info.postgres ? `PostgreSQL ${info.postgres}` : null,
  ]
    .filter(Boolean)
    .join('\n');
}

/** What a benchmark prints first: the machine, and how busy it already is before the run. */
export async function startRun(dialects: Dialect[]): Promise<{ info: MachineInfo; background: CpuReading }> {
  const info = await machineInfo(dialects);
  console.log(describeMachine(info));
  const background = await backgroundLoad();
  console.log(`background load before the run: ${num(background.machineCores, 2)} of ${info.nproc} cores busy`);
  if (background.machineCores > 0.3) {
    console.warn('WARNING: other work is running on this machine; the figures below will be higher and noisier than on a quiet one.');
  }
  return { info, background };
}

export const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(1)) : '-');
export const num = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

export function printTable(title: string, headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of cells.slice(1)) {
    console.log(line(row));
  }
}

/** Writes bench/out/<name>-<dbs>-<timestamp>.json and returns its path. */
export function writeResult(name: string, args: BenchArgs, payload: unknown): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(OUT_DIR, `${name}-${args.dialects.join('+')}${args.quick ? '-quick' : ''}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  return file;
}

export const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

export interface ActivitySample {
  /** What a connection of the bench database was doing: a wait event, "CPU", or its idle state. */
  activity: string;
  statement: string;
  /** Share of the samples × connections, so 1.0 = one connection in this state all the time. */
  connections: number;
}

/**
 * Samples pg_stat_activity of the bench database every `everyMs` until stopped: which statements the
 * pool's connections run or wait on (a lock wait shows as Lock:transactionid or Lock:tuple), and how
 * long they sit "idle in transaction" waiting for the app.
 */
export function pgActivitySampler(url: string, everyMs = 50): { stop(): Promise<ActivitySample[]> } {
  const client = new pg.Client({ connectionString: url });
  const tally = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const done = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ state: string | null; wait: string | null; query: string }>(
        `select state, wait_event_type || ':' || wait_event as wait, regexp_replace(left(query, 70), '\\s+', ' ', 'g') as query
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      samples += 1;
      for (const row of rows) {
        const activity = row.state === 'active' ? (row.wait ?? 'CPU') : (row.state ?? 'unknown');
        const key = `${activity}\u0000${row.state === 'idle' ? '' : row.query}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      await sleep(everyMs);
    }
    await client.end();
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
      return [...tally]
        .map(([key, count]) => {
          const [activity, statement] = key.split('\u0000');
          return { activity, statement, connections: count / Math.max(1, samples) };
        })
        .sort((a, b) => b.connections - a.connections);
    },
  };
}

/**
 * What a long run has measured so far, rewritten after every step: a full run takes most of an hour,
 * and a process killed on the way leaves its figures behind. Removed when the final result is written.
 */
export class RunProgress {
  readonly file: string;
  private done: unknown[] = [];
  private current: Record<string, unknown> = {};

  constructor(
    readonly benchmark: string,
    args: BenchArgs,
    private readonly plan: unknown,
  ) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    this.file = path.join(OUT_DIR, `${benchmark}-${args.dialects.join('+')}${args.quick ? '-quick' : ''}-partial-${stamp}.json`);
  }

  /** A timer for the steps of one database's run: each step's time and value are saved as it ends. */
  stepper(dialect: Dialect, durations: Record<string, number>) {
    return async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const value = await run();
      durations[name] = (performance.now() - started) / 1000;
      this.current = { ...this.current, dialect, durations, [name]: value };
      this.save();
      return value;
    };
  }

  /** Figures of the current run that are not a step's value. */
  note(values: Record<string, unknown>): void {
    this.current = { ...this.current, ...values };
    this.save();
  }

  finish(results: unknown[]): void {
    this.done = [...results];
    this.current = {};
    this.save();
  }

  remove(): void {
    rmSync(this.file, { force: true });
  }

  private save(): void {
    mkdirSync(OUT_DIR, { recursive: true });
    const body = { benchmark: this.benchmark, partial: true, plan: this.plan, results: this.done, inProgress: this.current };
    writeFileSync(this.file, `${JSON.stringify(body, null, 2)}\n`);
  }
}

/**
 * Runs a benchmark on each database in turn with one load generator, printing each database's report
 * as it ends. The results go to bench/out with the machine and the plan even when a later database
 * fails, and each run's step durations are printed last.
 */
export async function runEachDialect<R extends { dialect: Dialect; durations: Record<string, number> }>(
  args: BenchArgs,
  progress: RunProgress,
  record: { start: { info: MachineInfo; background: CpuReading }; plan: Record<string, unknown> },
  benchDialect: (dialect: Dialect, loadgen: LoadGenerator) => Promise<R>,
  report: (result: R) => void,
): Promise<void> {
  const loadgen = LoadGenerator.start();
  const results: R[] = [];
  try {
    for (const dialect of args.dialects) {
      results.push(await benchDialect(dialect, loadgen));
      progress.finish(results);
      report(results[results.length - 1]);
    }
  } finally {
    loadgen.close();
    if (results.length > 0) {
      const file = writeResult(progress.benchmark, args, {
        benchmark: progress.benchmark,
        quick: args.quick,
        complete: results.length === args.dialects.length,
        machine: record.start.info,
        backgroundLoad: record.start.background,
        plan: record.plan,
        results,
      });
      console.log(`\nwrote ${file}`);
      progress.remove();
    }
  }
  for (const result of results) {
    const steps = Object.entries(result.durations).map(([name, seconds]) => `${name} ${num(seconds)}`);
    console.log(`${result.dialect}: step durations (s) ${steps.join(', ')}`);
  }
}
