import type { Kysely } from 'kysely';
import { dialectOf } from '../db/dialect';
import type { Database } from '../db/schema';

// Zero-padded epoch seconds, so windows of any length compare as text.
const windowStart = (epochSeconds: number) => String(epochSeconds).padStart(12, '0');

interface Hit {
  limit: number;
  resolve: (allowed: boolean) => void;
  reject: (error: unknown) => void;
}

interface Counter {
  key: string;
  window: string;
  hits: Hit[];
}

/** Hits waiting for the end of the current turn of the event loop, by database and counter. */
const pendingByDb = new WeakMap<Kysely<Database>, Map<string, Counter>>();

/** Adds `hits` to a window's count in one statement and returns the count after it. */
async function addHits(db: Kysely<Database>, key: string, window: string, hits: number): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window, count: hits })
    .onConflict((oc) => oc.columns(['key', 'window']).doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', hits) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Counts a hit in a fixed window kept in the database, so the limit holds across app instances.
 * Returns false once the window's count is over the limit.
 *
 * Outside a transaction, the hits on one counter that arrive in the same turn of the event loop are
 * added with one statement (a busy address, a whole NAT'ed estate behind one, is then one row update
 * per turn instead of one per request) and each hit is judged as if counted alone, in arrival order:
 * the k-th of n hits added to a count that was c sees c + k. Every hit is counted, refused ones too.
 */
export function consumeRateLimit(db: Kysely<Database>, key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
  const window = windowStart(Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds);
  if (db.isTransaction) {
    return addHits(db, key, window, 1).then((count) => count <= limit);
  }
  let pending = pendingByDb.get(db);
  if (!pending) {
    pending = new Map();
    pendingByDb.set(db, pending);
  }
  if (pending.size === 0) {
    setImmediate(() => void flush(db));
  }
  const id = `${key}\n${window}`;
  let counter = pending.get(id);
  if (!counter) {
    counter = { key, window, hits: [] };
    pending.set(id, counter);
  }
  const hits = counter.hits;
  return new Promise<boolean>((resolve, reject) => hits.push({ limit, resolve, reject }));
}

async function flush(db: Kysely<Database>): Promise<void> {
  const counters = [...(pendingByDb.get(db)?.values() ?? [])];
  pendingByDb.set(db, new Map());
  const judge = (counter: Counter, after: number) => {
    const before = after - counter.hits.length;
    counter.hits.forEach((hit, index) => hit.resolve(before + index + 1 <= hit.limit));
  };
  const fail = (counter: Counter, error: unknown) => counter.hits.forEach((hit) => hit.reject(error));
  if (counters.length > 1 && dialectOf(db) === 'sqlite') {
    // One writer anyway: one commit (one WAL write) for all the counters of the turn.
    try {
      const counts = await db.transaction().execute(async (trx) => {
        const after: number[] = [];
        for (const counter of counters) {
          after.push(await addHits(trx, counter.key, counter.window, counter.hits.length));
        }
        return after;
      });
      counters.forEach((counter, index) => judge(counter, counts[index]));
    } catch (error) {
      counters.forEach((counter) => fail(counter, error));
    }
    return;
  }
  // PostgreSQL: each counter in a statement of its own, so no row stays locked while another is counted.
  await Promise.all(
    counters.map((counter) =>
      addHits(db, counter.key, counter.window, counter.hits.length).then(
        (after) => judge(counter, after),
        (error: unknown) => fail(counter, error),
      ),
    ),
  );
}

/** Drops counters of windows that started more than a day ago. */
export async function purgeRateLimits(db: Kysely<Database>, now: Date): Promise<void> {
  const cutoff = windowStart(Math.floor(now.getTime() / 1000) - 86_400);
  await db.deleteFrom('rate_limits').where('window', '<', cutoff).execute();
}
