import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unhandledEventIds, type TestEnv } from '../../test/harness';
import { insertRow, insertRows } from '../db/database';
import { dialectOf } from '../db/dialect';
import { EventProcessor, eventRow } from './events';
import { idempotencyRow, storedResponse } from './idempotency';
import { consumeRateLimit } from './rateLimit';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestApp();
});
afterAll(() => env.close());

describe('insertRow and insertRows (statement texts compiled once)', () => {
  it('stores the rows Kysely would, every column in its place', async () => {
    const row = {
      id: 'compiled-event-1',
      type: 'test.compiled',
      subject_type: 'test',
      subject_id: 's-1',
      org_id: null,
      actor_id: 'actor-1',
      actor_role: 'dispatcher',
      payload: '{"a":1}',
      created_at: '2026-03-02T01:00:00.000Z',
    };
    expect(env.ctx.db.insertInto('events').values(row).compile().parameters).toEqual(Object.values(row));
    await insertRow(env.ctx.db, 'events', row);
    // The same shape again reuses the compiled text with the new values.
    await insertRow(env.ctx.db, 'events', { ...row, id: 'compiled-event-2', subject_id: 's-2', payload: '{}' });
    const stored = await env.ctx.db.selectFrom('events').selectAll().where('type', '=', 'test.compiled').orderBy('id').execute();
    expect(stored.map(({ claimed_until, handled_at, ...rest }) => ({ ...rest, claimed_until, handled_at }))).toEqual([
      { ...row, claimed_until: null, handled_at: null },
      { ...row, id: 'compiled-event-2', subject_id: 's-2', payload: '{}', claimed_until: null, handled_at: null },
    ]);
  });

  it('writes rows of several tables together, and on PostgreSQL none of them when one fails', async () => {
    const now = env.clock.now();
    const event = eventRow(now, { type: 'test.together', subjectType: 'test', subjectId: 'together-1', payload: { n: 1 } });
    await insertRows(env.ctx.db, [idempotencyRow(env.ctx.crypto, env.clock, 'together-key', { answer: 42 }), event]);
    expect(await storedResponse(env.ctx.db, env.ctx.crypto, 'together-key')).toEqual({ answer: 42 });
    expect(await env.ctx.db.selectFrom('events').select('subject_id').where('id', '=', event.row.id).execute()).toEqual([
      { subject_id: 'together-1' },
    ]);

    const second = eventRow(now, { type: 'test.together', subjectType: 'test', subjectId: 'together-2' });
    const duplicate = env.ctx.db
      .transaction()
      .execute((trx) => insertRows(trx, [second, idempotencyRow(env.ctx.crypto, env.clock, 'together-key', { answer: 43 })]));
    await expect(duplicate).rejects.toThrow();
    expect(await storedResponse(env.ctx.db, env.ctx.crypto, 'together-key')).toEqual({ answer: 42 });
    expect(await env.ctx.db.selectFrom('events').select('id').where('id', '=', second.row.id).execute()).toEqual([]);
  });
});

describe('consumeRateLimit', () => {
  it('counts hits of one turn in one statement and judges each in arrival order', async () => {
    const now = env.clock.now();
    const hits = await Promise.all(Array.from({ length: 5 }, () => consumeRateLimit(env.ctx.db, 'burst', 3, 3600, now)));
    expect(hits).toEqual([true, true, true, false, false]);
    // Refused hits are counted too; a later hit in the same window is refused.
    expect(await consumeRateLimit(env.ctx.db, 'burst', 3, 3600, now)).toBe(false);
    const row = await env.ctx.db.selectFrom('rate_limits').select('count').where('key', '=', 'burst').executeTakeFirstOrThrow();
    expect(Number(row.count)).toBe(6);
  });

  it('keeps counters of several keys apart within one turn', async () => {
    const now = env.clock.now();
    const [a1, b1, a2, b2, a3] = await Promise.all([
      consumeRateLimit(env.ctx.db, 'key-a', 2, 3600, now),
      consumeRateLimit(env.ctx.db, 'key-b', 1, 3600, now),
      consumeRateLimit(env.ctx.db, 'key-a', 2, 3600, now),
      consumeRateLimit(env.ctx.db, 'key-b', 1, 3600, now),
      consumeRateLimit(env.ctx.db, 'key-a', 2, 3600, now),
    ]);
    expect([a1, a2, a3]).toEqual([true, true, false]);
    expect([b1, b2]).toEqual([true, false]);
  });

  it('counts inside a transaction in the transaction', async () => {
    const now = env.clock.now();
    await env.ctx.db
      .transaction()
      .execute(async (trx) => {
        expect(await consumeRateLimit(trx, 'in-trx', 1, 3600, now)).toBe(true);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await env.ctx.db.selectFrom('rate_limits').select('count').where('key', '=', 'in-trx').execute()).toEqual([]);
  });
});

describe('EventProcessor with gathering', () => {
  it('handles every event once, in batches, when events keep arriving while it drains', async () => {
    const batches: number[] = [];
    const processor = new EventProcessor(
      env.ctx.db,
      env.clock,
      (error) => {
        throw error;
      },
      { gatherMs: 30 },
    );
    processor.on('test.gathered', async (events) => {
      batches.push(events.length);
    });
    const record = (from: number, count: number) =>
      env.ctx.db.transaction().execute(async (trx) => {
        for (let index = from; index < from + count; index += 1) {
          const { row } = eventRow(env.clock.now(), { type: 'test.gathered', subjectType: 'test', subjectId: `g-${index}` });
          await insertRow(trx, 'events', row);
        }
      });
    await record(0, 3);
    const draining = processor.drain();
    // Arrive while the first batch is handled and the processor gathers the next.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await record(3, 4);
    await draining;
    await processor.drain();
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(7);
    expect(await unhandledEventIds(env.ctx.db, 'test.gathered')).toEqual([]);
  });
});

describe('SQLite checkpoints', () => {
  it('are run off the event loop: the worker copies the WAL back while the app connection does not', async () => {
    if (dialectOf(env.ctx.db) !== 'sqlite') {
      return;
    }
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(env.ctx.db);
    // Only past 4,000 pages (see WAL_RESET_PAGES); the 400 rows below are far fewer.
    expect(Number(rows[0].wal_autocheckpoint)).toBe(4000);
    const file = env.ctx.config.databaseUrl.replace(/^sqlite:(\/\/)?/, '');
    const before = statSync(file).size;
    await env.ctx.db.transaction().execute(async (trx) => {
      for (let index = 0; index < 400; index += 1) {
        await trx
          .insertInto('rate_limits')
          .values({ key: `wal-${index}-${'x'.repeat(1000)}`, window: 'w', count: 1 })
          .execute();
      }
    });
    // The pages reach the database file only through a checkpoint, and this connection runs none.
    let copied = false;
    for (let attempt = 0; attempt < 50 && !copied; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      copied = statSync(file).size > before + 100 * 1024;
    }
    expect(copied).toBe(true);
  });
});
