import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { ManualClock } from '../src/core/clock';
import type { AppContext } from '../src/core/context';
import { connect, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { allModules } from '../src/modules';
import { buildApp } from '../src/server/app';
import { BackgroundThread } from '../src/server/background';
import { createContext } from '../src/server/context';

export interface TestInstance {
  ctx: AppContext;
  app: FastifyInstance;
  clock: ManualClock;
  close(): Promise<void>;
}

export interface TestEnv extends TestInstance {
  /** Another app instance on the same database, as behind a load balancer: its own connections, clock and caches. */
  startAnotherInstance(): Promise<TestInstance>;
}

/** Monday 2026-03-02 10:00 in Beijing: a plain working day, away from holidays. */
export const TEST_START = '2026-03-02T02:00:00.000Z';

async function testDatabase(): Promise<{ url: string; schema?: string; drop: () => Promise<void> }> {
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) {
      throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (scripts/start-test-postgres.sh prints one)');
    }
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    return {
      url,
      schema,
      drop: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-test-'));
  return { url: `sqlite://${path.join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestAppOptions {
  /** Handle events in the background thread, as src/main.ts does, instead of in the test's thread (no scheduled jobs). */
  backgroundThread?: boolean;
}

/** A real app on a real, freshly migrated database (SQLite file or its own PostgreSQL schema). */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestEnv> {
  const database = await testDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-data-'));
  const config = loadConfig({
    LIANXIN_DATA_DIR: dataDir,
    LIANXIN_SECRET: randomBytes(32).toString('base64'),
    DATABASE_URL: database.url,
    OPEN311_API_KEYS: 'test-open311-key',
    ...env,
  });
  // Every instance migrates on start, as src/main.ts does; for all but the first there is nothing left to do.
  const startInstance = async (): Promise<TestInstance> => {
    const clock = new ManualClock(new Date(TEST_START));
    const connectOptions = { schema: database.schema, poolSize: 4 };
    const background = options.backgroundThread ? new BackgroundThread({ config, connect: connectOptions, jobs: false }) : undefined;
    const db = connect(database.url, background?.requestConnection ?? connectOptions);
    await migrateToLatest(db);
    await background?.start();
    const ctx = createContext(config, { clock, db, outbox: background });
    const app = await buildApp(ctx, { modules: allModules, serveWeb: false, logger: process.env.TEST_LOG ? { level: 'error' } : false });
    await app.ready();
    return {
      ctx,
      app,
      clock,
      close: async () => {
        await app.close();
        await db.destroy();
      },
    };
  };
  const first = await startInstance();
  return {
    ...first,
    startAnotherInstance: startInstance,
    close: async () => {
      await first.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Client {
  cookie: string | null;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export function client(app: FastifyInstance, cookie: string | null = null): Client {
  const request = (options: InjectOptions) =>
    app.inject({ ...options, headers: { ...(cookie ? { cookie } : {}), ...(options.headers ?? {}) } });
  return {
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload, headers) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'], headers }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
  };
}

/** The ids of the events no handler has marked handled yet (of one type, if given). */
export async function unhandledEventIds(db: Db, type?: string): Promise<string[]> {
  let query = db.selectFrom('events').select('id').where('handled_at', 'is', null);
  if (type) {
    query = query.where('type', '=', type);
  }
  return (await query.execute()).map((row) => row.id);
}
