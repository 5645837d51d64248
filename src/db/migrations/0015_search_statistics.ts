import type { Kysely } from 'kysely';
import { keepSearchStatisticsUsable } from '../dialect';

/**
 * Search on SQLite, as measured with 1,000,000 appeals (bench/search.ts): the planner's row count of
 * the FTS5 index's data table kept at a floor (see keepSearchStatisticsUsable). Counted while the
 * index was empty (2 rows), it made SQLite run every segment merge's clean-up as a scan of the whole
 * index, and indexing slowed as the index grew; a migration, because PRAGMA optimize on the first
 * open of the app after it would otherwise record the count of the empty index again. The hourly
 * job keeps the floor afterwards. Nothing on PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await keepSearchStatisticsUsable(db);
}
