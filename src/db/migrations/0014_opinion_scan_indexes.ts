import { sql, type Kysely } from 'kysely';

/**
 * 舆情 with 1,000,000 appeals (bench/opinion.ts, bench/REPORT.md). The primary key starts with the
 * organisation, which a leader who sees every organisation does not name:
 * - Counts by facet, value and day, carrying term, organisation and count so that the sums are read from
 *   the index alone: PostgreSQL (no skip scan) read the whole table for such a leader, 1.3–1.6 s per
 *   dashboard. It replaces the term index, which the same reads of trend lines do as well without.
 * - The appeal counts (term '') of a facet by day, for the place list: the place facet is the largest,
 *   and its appeal counts are a seventh of it.
 * - The newest appeals of the window, whatever their organisation, in index order instead of sorted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('opinion_counts_term').execute();
  await db.schema
    .createIndex('opinion_counts_by_facet')
    .on('opinion_counts')
    .columns(['facet', 'value', 'day', 'term', 'org_id', 'count'])
    .execute();
  await db.schema
    .createIndex('opinion_counts_appeals')
    .on('opinion_counts')
    .columns(['facet', 'day', 'value', 'org_id', 'count'])
    .where(sql.ref('term'), '=', sql.lit(''))
    .execute();
  await db.schema.createIndex('opinion_appeals_newest').on('opinion_appeals').columns(['day', 'appeal_id']).execute();
}
