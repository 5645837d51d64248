import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect';

/**
 * 舆情, as measured with 1,000,000 appeals (bench/opinion.ts):
 * - opinion_alerts' figures in 8-byte floats on PostgreSQL as they already are on SQLite: 'real' is a
 *   4-byte float there, and a surge of 60 appeals on a new word has p ≈ 1e-100, below the smallest
 *   float4 (about 1e-45), so the alert job failed to store the very alerts it exists for.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await db.schema
      .alterTable('opinion_alerts')
      .alterColumn('p_value', (c) => c.setDataType('double precision'))
      .alterColumn('expected', (c) => c.setDataType('double precision'))
      .execute();
  }
}
