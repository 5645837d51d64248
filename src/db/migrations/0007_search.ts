import type { Kysely } from 'kysely';
import { createSearchIndex } from '../dialect';

/** Full-text search over segmented Chinese text (appeals now; articles and other texts as they come). */
export async function up(db: Kysely<any>): Promise<void> {
  await createSearchIndex(db);
}
