import type { Kysely } from 'kysely';
import { sqlIn } from './helpers';

export const OPINION_FACETS = ['all', 'unit', 'category', 'place'] as const;
export const ALERT_STATES = ['open', 'acknowledged', 'responded'] as const;

/**
 * 舆情: what people write, counted as it arrives.
 * - opinion_appeals: the terms each appeal was counted with, so a re-dispatch moves its unit's counts
 *   and an appeal is never counted twice;
 * - opinion_counts: appeals per day and term, overall and per unit, category and place (term '' counts
 *   the appeals themselves), so the dashboard sums days instead of reading appeals;
 * - opinion_alerts: surges found by the alert job, with the workers' acknowledgement and response.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opinion_appeals')
    .addColumn('appeal_id', 'text', (c) => c.primaryKey().references('appeals.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('terms', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_appeals_day').on('opinion_appeals').columns(['org_id', 'day']).execute();

  await db.schema
    .createTable('opinion_counts')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull().check(sqlIn('facet', OPINION_FACETS)))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('opinion_counts_pk', ['org_id', 'facet', 'value', 'day', 'term'])
    .execute();
  // A topic's trend line reads one term's days.
  await db.schema.createIndex('opinion_counts_term').on('opinion_counts').columns(['term', 'org_id', 'facet', 'value', 'day']).execute();

  await db.schema
    .createTable('opinion_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('expected', 'real', (c) => c.notNull())
    .addColumn('p_value', 'real', (c) => c.notNull())
    .addColumn('related_terms', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', ALERT_STATES)))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('response_text', 'text')
    .addColumn('responded_by', 'text', (c) => c.references('users.id'))
    .addColumn('responded_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('opinion_alerts_once', ['org_id', 'term', 'day'])
    .execute();
  await db.schema.createIndex('opinion_alerts_newest').on('opinion_alerts').columns(['org_id', 'raised_at']).execute();
  await db.schema.createIndex('opinion_alerts_published').on('opinion_alerts').columns(['published_at']).execute();
}
