import type { Db } from '../../db/database';

/** The setting that asks the search backfill to index every appeal again, e.g. after the dictionary changed. */
export const SEARCH_REINDEX_KEY = 'appeals.search-reindex';

export interface ReindexRequest {
  /** Appeals indexed before this instant are indexed again. */
  requestedAt: string;
  /** The stored value, so that finishing leaves a newer request in place. */
  stored: string;
}

export async function pendingReindex(db: Db): Promise<ReindexRequest | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SEARCH_REINDEX_KEY).executeTakeFirst();
  const requestedAt = row ? (JSON.parse(row.value) as { requestedAt?: unknown }).requestedAt : undefined;
  return row && typeof requestedAt === 'string' ? { requestedAt, stored: row.value } : null;
}

/** Once every appeal has been indexed again; a request made meanwhile stays for the next run. */
export async function finishReindex(db: Db, request: ReindexRequest): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', SEARCH_REINDEX_KEY).where('value', '=', request.stored).execute();
}
