import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unhandledEventIds, type TestEnv } from '../../test/harness';
import { verifyAuditChain, writeAudit } from './audit';
import { EventProcessor, recordEvent } from './events';
import { badRequest } from './errors';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestApp();
});
afterAll(() => env.close());

/** A write of a row and an audit entry naming it, through the group commit. */
const writeCounter = (key: string, fail = false) =>
  env.ctx.writes.transaction(async (trx) => {
    await trx.insertInto('rate_limits').values({ key, window: 'w', count: 1 }).execute();
    await writeAudit(trx, env.ctx.crypto.auditKey, env.clock, { eventType: 'test.write', outcome: 'success', targetId: key });
    if (fail) {
      throw badRequest('TEST_REFUSED', '测试拒绝');
    }
    return key;
  });

const storedKeys = async (prefix: string) =>
  (await env.ctx.db.selectFrom('rate_limits').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute()).map(
    (row) => row.key,
  );

const auditedKeys = async (prefix: string) =>
  (
    await env.ctx.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('event_type', '=', 'test.write')
      .where('target_id', 'like', `${prefix}%`)
      .orderBy('target_id')
      .execute()
  ).map((row) => row.target_id);

describe('GroupCommit', () => {
  it('commits writes started together, each answered with its own result once it is stored', async () => {
    const keys = Array.from({ length: 40 }, (_, index) => `together-${String(index).padStart(2, '0')}`);
    const results = await Promise.all(keys.map((key) => writeCounter(key)));
    expect(results).toEqual(keys);
    expect(await storedKeys('together-')).toEqual(keys);
    expect(await auditedKeys('together-')).toEqual(keys);
  });

  it('rolls back a failing write alone, with its audit entry, and hands its caller the error', async () => {
    const outcomes = await Promise.allSettled([writeCounter('mixed-a'), writeCounter('mixed-b', true), writeCounter('mixed-c')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'TEST_REFUSED' });
    expect(await storedKeys('mixed-')).toEqual(['mixed-a', 'mixed-c']);
    expect(await auditedKeys('mixed-')).toEqual(['mixed-a', 'mixed-c']);
  });

  it('rolls back a write whose statement fails, and the others of its batch commit', async () => {
    await writeCounter('duplicate-1');
    const outcomes = await Promise.allSettled([writeCounter('duplicate-2'), writeCounter('duplicate-1'), writeCounter('duplicate-3')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await storedKeys('duplicate-')).toEqual(['duplicate-1', 'duplicate-2', 'duplicate-3']);
    expect(await auditedKeys('duplicate-')).toEqual(['duplicate-1', 'duplicate-2', 'duplicate-3']);
  });

  it('keeps one unbroken audit chain across batched and direct appends', async () => {
    await Promise.allSettled([
      writeCounter('chain-1'),
      writeAudit(env.ctx.db, env.ctx.crypto.auditKey, env.clock, { eventType: 'test.direct', outcome: 'success' }),
      writeCounter('chain-2', true),
      writeCounter('chain-3'),
    ]);
    await Promise.allSettled([writeCounter('chain-4'), writeCounter('chain-5')]);
    expect(await verifyAuditChain(env.ctx.db, env.ctx.crypto.auditKey)).toMatchObject({ ok: true, brokenAt: null });
  });
});

describe('EventProcessor', () => {
  it('hands every event to its handler exactly once when two app instances drain at once', async () => {
    const seen: string[] = [];
    const instances = [0, 1].map(() => {
      const processor = new EventProcessor(env.ctx.db, env.clock, (error) => {
        throw error;
      });
      processor.on('test.counted', async (events) => {
        seen.push(...events.map((event) => event.subject_id));
      });
      return processor;
    });
    const subjects = Array.from({ length: 250 }, (_, index) => `subject-${index}`);
    await env.ctx.db.transaction().execute(async (trx) => {
      for (const subject of subjects) {
        await recordEvent(trx, env.clock.now(), { type: 'test.counted', subjectType: 'test', subjectId: subject });
      }
    });
    await Promise.all(instances.map((processor) => processor.drain()));
    expect(seen.toSorted()).toEqual(subjects.toSorted());
    expect(await unhandledEventIds(env.ctx.db, 'test.counted')).toEqual([]);
  });
});
