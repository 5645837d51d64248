import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, newWriteLockTurns, type Db } from './database';

// Two connections to one SQLite file, as the request thread's and the background thread's are.
describe('the SQLite write lock shared by two connections', () => {
  let dir: string;
  let requests: Db;
  let background: Db;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-lock-'));
    const url = `sqlite://${path.join(dir, 'lock.db')}`;
    const turns = newWriteLockTurns();
    requests = connect(url, { writeLock: { turns, yields: false } });
    background = connect(url, { checkpointer: false, writeLock: { turns, yields: true } });
    await sql`create table log (n integer primary key, writer text not null)`.execute(requests);
  });

  afterEach(async () => {
    await requests.destroy();
    await background.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (db: Db, writer: string) =>
    db
      .insertInto('log' as never)
      .values({ writer } as never)
      .execute();
  const writers = async () =>
    (await sql<{ writer: string }>`select writer from log order by n`.execute(requests)).rows.map((row) => row.writer);
  const ticks = (count: number) => new Promise((resolve) => setTimeout(resolve, count));

  it('lets a write outside a transaction wait for the lock without blocking the thread, then succeed', async () => {
    const holding = await background.startTransaction().execute();
    await write(holding, 'background');
    let timerRan = false;
    setTimeout(() => (timerRan = true), 5);
    const waiting = write(requests, 'request');
    await ticks(30);
    expect(timerRan).toBe(true);
    await holding.commit().execute();
    await waiting;
    expect(await writers()).toEqual(['background', 'request']);
  });

  it("gives the lock to the request connection's waiting transaction before the background's next one", async () => {
    const first = await background.startTransaction().execute();
    await write(first, 'background 1');
    const request = requests.transaction().execute((trx) => write(trx, 'request'));
    await ticks(10);
    await first.commit().execute();
    // Straight after its commit, as the outbox goes from one handler to the next.
    const next = background.transaction().execute((trx) => write(trx, 'background 2'));
    await Promise.all([request, next]);
    expect(await writers()).toEqual(['background 1', 'request', 'background 2']);
  });

  it('fails a statement with its own error, not a lock error, while another connection holds the lock', async () => {
    const holding = await background.startTransaction().execute();
    await expect(sql`insert into missing_table values (1)`.execute(requests)).rejects.toThrow(/no such table/);
    await holding.rollback().execute();
  });
});
