import type { ExpressionBuilder, Kysely } from 'kysely';
import { UNIT_KINDS } from '../../../core/orgs';
import { affectedRows, inList, insertChunks } from '../../../db/dialect';
import type { Database, TriageLabelTable, TriageTermTable } from '../../../db/schema';
import type { scopeFilter } from '../repository';
import type { TriageModel } from './model';

type Db = Kysely<Database>;
type AppealEb = ExpressionBuilder<Database, 'appeals'>;

/** Every label of both models with what was learned under it. */
export const modelLabels = (db: Db) =>
  db.selectFrom('triage_labels').select(['model', 'label', 'appeals', 'terms']).where('appeals', '>', 0).execute();

/** Distinct terms per model. */
export async function vocabularySizes(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('triage_terms')
    .select(['model', (eb) => eb.fn.count<number>('term').distinct().as('terms')])
    .groupBy('model')
    .execute();
  return new Map(rows.map((row) => [row.model, Number(row.terms)]));
}

/** The counts of the given terms under every label of both models. */
export const termCounts = (db: Db, terms: readonly string[]) =>
  terms.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('triage_terms')
        .select(['model', 'term', 'label', 'count'])
        .where(inList(db, 'term', terms))
        .execute();

/** Active categories by code, with their names: the labels the category model may suggest. */
export async function activeCategoryNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('appeal_categories').select(['code', 'name']).where('active', '=', 1).execute();
  return new Map(rows.map((row) => [row.code, row.name]));
}

/** Of the given org ids, the responsible units, with their names: the labels the unit model may suggest. */
export async function unitNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where(inList(db, 'id', ids))
    .where('kind', 'in', UNIT_KINDS)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The appeals' text and current labels; only dispatched ones (with a unit) have labels to learn. */
export const labelledAppeals = (db: Db, ids: readonly string[]) =>
  db
    .selectFrom('appeals')
    .select(['id', 'content', 'category_code', 'unit_id'])
    .where(inList(db, 'id', ids))
    .where('unit_id', 'is not', null)
    .orderBy('id')
    .execute();

export async function examplesOf(db: Db, ids: readonly string[]) {
  const rows = await db
    .selectFrom('triage_examples')
    .selectAll()
    .where(inList(db, 'appeal_id', ids))
    .execute();
  return new Map(rows.map((row) => [row.appeal_id, row]));
}

export interface Labels {
  category_code: string;
  unit_id: string;
}

/** Records what an appeal teaches; false when another learner recorded it first. */
export async function insertExample(db: Db, appealId: string, labels: Labels, terms: readonly string[], learnedAt: string) {
  const inserted = await db
    .insertInto('triage_examples')
    .values({ appeal_id: appealId, ...labels, terms: JSON.stringify(terms), learned_at: learnedAt })
    .onConflict((oc) => oc.column('appeal_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Moves an example to new labels, if it still has the old ones; false when another learner moved it first. */
export async function relabelExample(db: Db, appealId: string, from: Labels, to: Labels, learnedAt: string) {
  const result = await db
    .updateTable('triage_examples')
    .set({ ...to, learned_at: learnedAt })
    .where('appeal_id', '=', appealId)
    .where('category_code', '=', from.category_code)
    .where('unit_id', '=', from.unit_id)
    .executeTakeFirst();
  return affectedRows(result) === 1;
}

/**
 * Adds the changes to the counts (negative ones take an appeal back). Rows are written in key order,
 * so two learners updating the same terms lock them in the same order. Rows left at zero are removed.
 */
export async function addCounts(db: Db, terms: TriageTermTable[], labels: TriageLabelTable[]): Promise<void> {
  const termRows = terms
    .filter((row) => row.count !== 0)
    .sort((a, b) => compareKeys([a.model, a.term, a.label], [b.model, b.term, b.label]));
  for (const chunk of insertChunks(termRows)) {
    await db
      .insertInto('triage_terms')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['model', 'term', 'label']).doUpdateSet((eb) => ({ count: eb('triage_terms.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
  }
  const labelRows = labels.sort((a, b) => compareKeys([a.model, a.label], [b.model, b.label]));
  for (const chunk of insertChunks(labelRows)) {
    await db
      .insertInto('triage_labels')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['model', 'label']).doUpdateSet((eb) => ({
          appeals: eb('triage_labels.appeals', '+', eb.ref('excluded.appeals')),
          terms: eb('triage_labels.terms', '+', eb.ref('excluded.terms')),
        })),
      )
      .execute();
  }
  for (const [key, removed] of groupRemovals(termRows)) {
    const [model, label] = key.split('\u0000');
    await db
      .deleteFrom('triage_terms')
      .where('model', '=', model)
      .where(inList(db, 'term', removed))
      .where('label', '=', label)
      .where('count', '<=', 0)
      .execute();
  }
  if (labelRows.some((row) => row.appeals < 0)) {
    await db.deleteFrom('triage_labels').where('appeals', '<=', 0).execute();
  }
}

const compareKeys = (a: string[], b: string[]) => {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) {
      return a[index] < b[index] ? -1 : 1;
    }
  }
  return 0;
};

/** The terms whose counts went down, per model and label. */
function groupRemovals(rows: readonly TriageTermTable[]): Map<string, string[]> {
  const removals = new Map<string, string[]>();
  for (const row of rows.filter((candidate) => candidate.count < 0)) {
    const key = `${row.model}\u0000${row.label}`;
    removals.set(key, [...(removals.get(key) ?? []), row.term]);
  }
  return removals;
}

/** Dispatched appeals the models have not learned yet (dispatched before triage existed, or while learning failed). */
export const dispatchedNotLearned = (db: Db, limit: number) =>
  db
    .selectFrom('appeals')
    .leftJoin('triage_examples', 'triage_examples.appeal_id', 'appeals.id')
    .where('appeals.unit_id', 'is not', null)
    .where('triage_examples.appeal_id', 'is', null)
    .select('appeals.id')
    .orderBy('appeals.received_at')
    .orderBy('appeals.id')
    .limit(limit)
    .execute();

/** Forgets everything learned (the decisions stay: they are the record of what was suggested). */
export async function clearModels(db: Db): Promise<void> {
  await db.deleteFrom('triage_terms').execute();
  await db.deleteFrom('triage_labels').execute();
  await db.deleteFrom('triage_examples').execute();
}

export interface Decision {
  appealId: string;
  decidedAt: string;
  suggested: Partial<Record<TriageModel, { label: string; confidence: number }>>;
  chosen: Labels;
}

export async function insertDecision(db: Db, decision: Decision): Promise<void> {
  const { category, unit } = decision.suggested;
  await db
    .insertInto('triage_decisions')
    .values({
      appeal_id: decision.appealId,
      decided_at: decision.decidedAt,
      suggested_category_code: category?.label ?? null,
      category_confidence: category?.confidence ?? null,
      category_code: decision.chosen.category_code,
      suggested_unit_id: unit?.label ?? null,
      unit_confidence: unit?.confidence ?? null,
      unit_id: decision.chosen.unit_id,
    })
    .onConflict((oc) => oc.column('appeal_id').doNothing())
    .execute();
}

/** How often the dispatchers took the suggestions, for the appeals a scope reaches, since a time. */
export async function decisionCounts(db: Db, scope: ReturnType<typeof scopeFilter>, since: string) {
  const row = await db
    .selectFrom('triage_decisions')
    .innerJoin('appeals', 'appeals.id', 'triage_decisions.appeal_id')
    .where((eb) => scope(eb as unknown as AppealEb))
    .where('triage_decisions.decided_at', '>=', since)
    .select((eb) => [
      eb.fn.count<number>('triage_decisions.suggested_category_code').as('categorySuggested'),
      eb.fn
        .sum<number>(
          eb.case().when('triage_decisions.suggested_category_code', '=', eb.ref('triage_decisions.category_code')).then(1).else(0).end(),
        )
        .as('categoryAccepted'),
      eb.fn.count<number>('triage_decisions.suggested_unit_id').as('unitSuggested'),
      eb.fn
        .sum<number>(eb.case().when('triage_decisions.suggested_unit_id', '=', eb.ref('triage_decisions.unit_id')).then(1).else(0).end())
        .as('unitAccepted'),
    ])
    .executeTakeFirstOrThrow();
  return {
    category: { suggested: Number(row.categorySuggested), accepted: Number(row.categoryAccepted ?? 0) },
    unit: { suggested: Number(row.unitSuggested), accepted: Number(row.unitAccepted ?? 0) },
  };
}

export async function learnedAppealCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('triage_examples')
    .select((eb) => eb.fn.countAll<number>().as('appeals'))
    .executeTakeFirstOrThrow();
  return Number(row.appeals);
}
