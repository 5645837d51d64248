import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

// Zero-padded epoch seconds, so windows of any length compare as text.
const windowStart = (epochSeconds: number) => String(epochSeconds).padStart(12, '0');

/**
 * Counts a hit in a fixed window kept in the database, so the limit holds across app instances.
 * Returns false once the window's count is over the limit.
 */
export async function consumeRateLimit(
  db: Kysely<Database>,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<boolean> {
  const window = windowStart(Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window']).doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count <= limit;
}

/** Drops counters of windows that started more than a day ago. */
export async function purgeRateLimits(db: Kysely<Database>, now: Date): Promise<void> {
  const cutoff = windowStart(Math.floor(now.getTime() / 1000) - 86_400);
  await db.deleteFrom('rate_limits').where('window', '<', cutoff).execute();
}
