import type { Kysely } from 'kysely';
import { sqlIn } from './helpers';

const MODELS = ['category', 'unit'];

/**
 * Triage suggestions (src/modules/appeals/triage): two naive Bayes models, one for the category and
 * one for the responsible unit, kept as counts so that each dispatch updates them in place; what
 * each dispatched appeal contributed, so a re-dispatch can take it back; and what the model
 * suggested at each dispatch beside what the dispatcher chose.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('triage_terms')
    .addColumn('model', 'text', (c) => c.notNull().check(sqlIn('model', MODELS)))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    // Term first: a suggestion reads the rows of an appeal's terms, for every label at once.
    .addPrimaryKeyConstraint('triage_terms_pk', ['model', 'term', 'label'])
    .execute();

  await db.schema
    .createTable('triage_labels')
    .addColumn('model', 'text', (c) => c.notNull().check(sqlIn('model', MODELS)))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('appeals', 'integer', (c) => c.notNull())
    .addColumn('terms', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('triage_labels_pk', ['model', 'label'])
    .execute();

  await db.schema
    .createTable('triage_examples')
    .addColumn('appeal_id', 'text', (c) => c.primaryKey().references('appeals.id'))
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    // JSON array of the terms counted, as segmented then: taking them back must subtract exactly those.
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('learned_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('triage_decisions')
    .addColumn('appeal_id', 'text', (c) => c.primaryKey().references('appeals.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('suggested_category_code', 'text')
    .addColumn('category_confidence', 'real')
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('suggested_unit_id', 'text')
    .addColumn('unit_confidence', 'real')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('triage_decisions_decided').on('triage_decisions').column('decided_at').execute();
}
