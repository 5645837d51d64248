import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppealSettings } from './settings';

type AppealEb = ExpressionBuilder<Database, 'appeals'>;

/**
 * The three rates (三率) of shared/domain/appeals.md §5, as SQL predicates. The dashboard counts with
 * them and its drill-down lists with the very same predicates, so a number and its list always agree.
 */
export const kpiPredicates = (settings: AppealSettings) => {
  const satisfiedValues = settings.kpi.countBasicallySatisfied ? ['satisfied', 'basically_satisfied'] : ['satisfied'];
  const rated = (eb: AppealEb) => eb.and([eb('appeals.satisfaction', 'is not', null), eb('appeals.tag', 'is', null)]);
  /** Signed in time and the citizen contacted in time. */
  const responded = (eb: AppealEb) =>
    eb.and([
      eb('appeals.signed_at', '<=', eb.ref('appeals.sign_due_at')),
      eb('appeals.contacted_at', 'is not', null),
      eb('appeals.contacted_at', '<=', eb.ref('appeals.contact_due_at')),
    ]);
  return {
    /**
     * Due for response once the outcome is known: responded in time, or a deadline (signing, first
     * contact) passed unmet. An appeal signed an hour ago whose handler still has a day to ring the
     * citizen counts neither way yet.
     */
    responseDue: (eb: AppealEb, now: string) =>
      eb.or([
        responded(eb),
        eb.and([
          eb('appeals.sign_due_at', '<', now),
          eb.or([eb('appeals.signed_at', 'is', null), eb('appeals.signed_at', '>', eb.ref('appeals.sign_due_at'))]),
        ]),
        eb.and([
          eb('appeals.contact_due_at', '<', now),
          eb.or([eb('appeals.contacted_at', 'is', null), eb('appeals.contacted_at', '>', eb.ref('appeals.contact_due_at'))]),
        ]),
      ]),
    responded,
    rated,
    resolved: (eb: AppealEb) => eb.and([rated(eb), eb('appeals.resolved', '=', 1)]),
    unresolved: (eb: AppealEb) => eb.and([rated(eb), eb('appeals.resolved', '=', 0)]),
    satisfied: (eb: AppealEb) => eb.and([rated(eb), eb('appeals.satisfaction', 'in', satisfiedValues)]),
    unsatisfied: (eb: AppealEb) => eb.and([rated(eb), eb('appeals.satisfaction', 'not in', satisfiedValues)]),
  };
};

export const countWhere = (condition: Expression<SqlBool>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

export interface RateInputs {
  responseDue: number;
  responded: number;
  rated: number;
  resolved: number;
  satisfied: number;
}

export interface Rates {
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  score: number | null;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * Rates in percent with one decimal, and the weighted score. A rate with no denominator is null and
 * its weight is shared among the others, so a unit is not punished for having nothing to rate yet.
 */
export function computeRates(inputs: RateInputs, weights: AppealSettings['kpi']['weights']): Rates {
  const responseRate = percent(inputs.responded, inputs.responseDue);
  const resolutionRate = percent(inputs.resolved, inputs.rated);
  const satisfactionRate = percent(inputs.satisfied, inputs.rated);
  const parts = [
    [responseRate, weights.response],
    [resolutionRate, weights.resolution],
    [satisfactionRate, weights.satisfaction],
  ].filter((part): part is [number, number] => part[0] !== null);
  const weightSum = parts.reduce((sum, [, weight]) => sum + weight, 0);
  const score = weightSum === 0 ? null : Math.round((parts.reduce((sum, [rate, weight]) => sum + rate * weight, 0) / weightSum) * 10) / 10;
  return { responseRate, resolutionRate, satisfactionRate, score };
}

/** Month boundaries (YYYY-MM, Beijing time) as ISO UTC instants, for index-friendly range filters. */
export function monthRange(month: string): { start: string; end: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  const next = monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
  return {
    start: new Date(`${month}-01T00:00:00+08:00`).toISOString(),
    end: new Date(`${next}-01T00:00:00+08:00`).toISOString(),
  };
}
