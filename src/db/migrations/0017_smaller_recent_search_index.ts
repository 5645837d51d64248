import type { Kysely } from 'kysely';
import { createRecentSearchIndex, dropRecentSearchIndex, keepSearchStatisticsUsable } from '../dialect';

/**
 * The recent index holds the newest 25,000 documents instead of 100,000 (RECENT_SEARCH_DOCUMENTS):
 * weighing a frequent word there passed over a third of 100,000 documents on every search. Built
 * again from the newest documents already indexed (25,000 in about 7 s at 1,000,000 appeals).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await dropRecentSearchIndex(db);
  await createRecentSearchIndex(db);
  await keepSearchStatisticsUsable(db);
}
