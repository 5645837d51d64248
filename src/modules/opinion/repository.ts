import { sql, type Kysely } from 'kysely';
import type { OrgSet } from '../../core/actor';
import { inList } from '../../db/dialect';
import type { Database } from '../../db/schema';

export type Facet = 'all' | 'unit' | 'category' | 'place';

/** Which counts a view reads: the organisations in the viewer's scope, overall or one unit, category or place. */
export interface CountScope {
  orgs: OrgSet;
  facet: Facet;
  value: string;
}

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const scoped = (db: Kysely<Database>, scope: CountScope) => {
  let query = db.selectFrom('opinion_counts').where('facet', '=', scope.facet).where('value', '=', scope.value);
  if (scope.orgs !== 'all') {
    query = query.where(inList(db, 'org_id', [...scope.orgs]));
  }
  return query;
};

export interface TermTotals {
  term: string;
  recent: number;
  baseline: number;
}

/** Each term's count in the recent window [recentFrom, to] and in the baseline [baselineFrom, recentFrom). */
export async function termTotals(
  db: Kysely<Database>,
  scope: CountScope,
  window: { baselineFrom: string; recentFrom: string; to: string },
): Promise<TermTotals[]> {
  const rows = await scoped(db, scope)
    .where('day', '>=', window.baselineFrom)
    .where('day', '<=', window.to)
    .select((eb) => [
      'term',
      eb.fn.sum<number>(eb.case().when('day', '>=', window.recentFrom).then(eb.ref('count')).else(0).end()).as('recent'),
      eb.fn.sum<number>(eb.case().when('day', '<', window.recentFrom).then(eb.ref('count')).else(0).end()).as('baseline'),
    ])
    .groupBy('term')
    .execute();
  return rows.map((row) => ({ term: row.term, recent: Number(row.recent), baseline: Number(row.baseline) }));
}

/** Counts per day of the given terms ('' for all appeals) from `from` to `to`. */
export async function dailyCounts(
  db: Kysely<Database>,
  scope: CountScope,
  terms: readonly string[],
  from: string,
  to: string,
): Promise<{ term: string; day: string; count: number }[]> {
  if (terms.length === 0) {
    return [];
  }
  const rows = await scoped(db, scope)
    .where(inList(db, 'term', terms))
    .where('day', '>=', from)
    .where('day', '<=', to)
    .select((eb) => ['term', 'day', eb.fn.sum<number>('count').as('count')])
    .groupBy(['term', 'day'])
    .execute();
  return rows.map((row) => ({ term: row.term, day: row.day, count: Number(row.count) }));
}

/**
 * Counts per place in [from, to] and in the same span before, of the given terms ('' for the appeals
 * themselves); all places, or only the given ones. Reading the appeal counts of every place first and
 * the terms of the busiest few after keeps the read small: the place facet is the largest.
 */
export async function placeCounts(
  db: Kysely<Database>,
  orgs: OrgSet,
  window: { previousFrom: string; from: string; to: string },
  which: { terms: 'appeals' | 'terms'; places?: readonly string[] },
): Promise<{ place: string; term: string; count: number; previous: number }[]> {
  let query = db
    .selectFrom('opinion_counts')
    .where('facet', '=', 'place')
    .where('day', '>=', window.previousFrom)
    .where('day', '<=', window.to);
  // A literal '', not a parameter, so the planners may read the partial index of appeal counts.
  query = which.terms === 'appeals' ? query.where('term', '=', sql.lit('')) : query.where('term', '!=', '');
  if (orgs !== 'all') {
    query = query.where(inList(db, 'org_id', [...orgs]));
  }
  if (which.places) {
    query = query.where(inList(db, 'value', which.places));
  }
  const rows = await query
    .select((eb) => [
      'value as place',
      'term',
      eb.fn.sum<number>(eb.case().when('day', '>=', window.from).then(eb.ref('count')).else(0).end()).as('count'),
      eb.fn.sum<number>(eb.case().when('day', '<', window.from).then(eb.ref('count')).else(0).end()).as('previous'),
    ])
    .groupBy(['value', 'term'])
    .execute();
  return rows.map((row) => ({ place: row.place, term: row.term, count: Number(row.count), previous: Number(row.previous) }));
}

/** The terms of the newest appeals since `from`, at most `limit`: the sample topics are clustered on. */
export async function recentAppealTerms(
  db: Kysely<Database>,
  scope: CountScope,
  from: string,
  limit: number,
): Promise<{ appealId: string; day: string; terms: string[] }[]> {
  let query = db.selectFrom('opinion_appeals').where('day', '>=', from);
  if (scope.orgs !== 'all') {
    query = query.where(inList(db, 'org_id', [...scope.orgs]));
  }
  if (scope.facet !== 'all') {
    const column = ({ unit: 'unit_id', category: 'category_code', place: 'place' } as const)[scope.facet];
    query = query.where(column, '=', scope.value);
  }
  const rows = await query.select(['appeal_id', 'day', 'terms']).orderBy('day', 'desc').orderBy('appeal_id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ appealId: row.appeal_id, day: row.day, terms: JSON.parse(row.terms) as string[] }));
}

/** Organisations that received appeals on or after the day: the alert job's work list. */
export async function orgsWithCountsSince(db: Kysely<Database>, from: string): Promise<string[]> {
  const rows = await db
    .selectFrom('orgs')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('opinion_counts')
          .whereRef('opinion_counts.org_id', '=', 'orgs.id')
          .where('opinion_counts.facet', '=', 'all')
          .where('opinion_counts.value', '=', '')
          .where('opinion_counts.day', '>=', from)
          .select(sql.lit(1).as('one')),
      ),
    )
    .select('orgs.id')
    .execute();
  return rows.map((row) => row.id);
}
