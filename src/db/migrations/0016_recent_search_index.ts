import type { Kysely } from 'kysely';
import { createRecentSearchIndex, keepSearchStatisticsUsable } from '../dialect';

/**
 * Search with 1,000,000 appeals (bench/search.ts): the newest documents in an index of their own,
 * where the first pages of a frequent word are ranked (see createRecentSearchIndex). Filled from the
 * newest documents already indexed; on SQLite its data table gets the same planner floor as the
 * main index's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createRecentSearchIndex(db);
  await keepSearchStatisticsUsable(db);
}
