import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../core/actor';
import { shanghaiDate } from '../../core/calendar';
import { localMonth } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { computeRates, countWhere, kpiPredicates, monthRange } from './kpi';
import { scopeFilter } from './repository';
import type { KpiReport } from './schemas';
import type { AppealSettings } from './settings';
import { TERMINAL_STATES } from './stateMachine';

type Report = z.infer<typeof KpiReport>;

const previousMonths = (month: string, count: number): string[] => {
  const [year, monthNumber] = month.split('-').map(Number);
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, monthNumber - 1 - (count - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
};

/**
 * 三率 per responsible unit for the month the appeals were dispatched in, with the weighted score and
 * a ranking, and the trend of the months before. Only units and appeals in the viewer's scope count.
 */
export async function appealKpiReport(
  db: Kysely<Database>,
  actor: Actor,
  settings: AppealSettings,
  now: Date,
  month: string | undefined,
  months: number,
): Promise<Report> {
  const reportMonth = month ?? shanghaiDate(now).slice(0, 7);
  const { start, end } = monthRange(reportMonth);
  const kpi = kpiPredicates(settings);
  const nowIso = now.toISOString();
  const perUnit = await db
    .selectFrom('appeals')
    .innerJoin('orgs', 'orgs.id', 'appeals.unit_id')
    .where(scopeFilter(actor))
    .where('appeals.dispatched_at', '>=', start)
    .where('appeals.dispatched_at', '<', end)
    .select((eb) => [
      'appeals.unit_id as unitId',
      'orgs.name as unitName',
      eb.fn.countAll<number>().as('dispatched'),
      countWhere(kpi.responseDue(eb, nowIso)).as('responseDue'),
      countWhere(eb.and([kpi.responseDue(eb, nowIso), kpi.responded(eb)])).as('responded'),
      countWhere(kpi.rated(eb)).as('rated'),
      countWhere(kpi.resolved(eb)).as('resolved'),
      countWhere(kpi.satisfied(eb)).as('satisfied'),
    ])
    .groupBy(['appeals.unit_id', 'orgs.name'])
    .execute();

  const units = perUnit.map((row) => {
    const counts = {
      dispatched: Number(row.dispatched),
      responseDue: Number(row.responseDue),
      responded: Number(row.responded),
      rated: Number(row.rated),
      resolved: Number(row.resolved),
      satisfied: Number(row.satisfied),
    };
    return {
      unitId: row.unitId!,
      unitName: row.unitName,
      ...counts,
      ...computeRates(counts, settings.kpi.weights),
      rank: null as number | null,
    };
  });
  units.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.unitName.localeCompare(b.unitName, 'zh'));
  units.forEach((unit, index) => {
    unit.rank = unit.score === null ? null : index + 1;
  });

  const sum = (key: keyof (typeof units)[number] & ('dispatched' | 'responseDue' | 'responded' | 'rated' | 'resolved' | 'satisfied')) =>
    units.reduce((total, unit) => total + unit[key], 0);
  const totalsCounts = {
    dispatched: sum('dispatched'),
    responseDue: sum('responseDue'),
    responded: sum('responded'),
    rated: sum('rated'),
    resolved: sum('resolved'),
    satisfied: sum('satisfied'),
  };

  return {
    month: reportMonth,
    weights: settings.kpi.weights,
    units,
    totals: { ...totalsCounts, ...computeRates(totalsCounts, settings.kpi.weights) },
    trend: await trend(db, actor, settings, now, previousMonths(reportMonth, months)),
  };
}

async function trend(db: Kysely<Database>, actor: Actor, settings: AppealSettings, now: Date, months: string[]): Promise<Report['trend']> {
  const kpi = kpiPredicates(settings);
  const nowIso = now.toISOString();
  const first = monthRange(months[0]).start;
  const last = monthRange(months[months.length - 1]).end;
  const receivedMonth = localMonth(db, 'appeals.received_at');
  const dispatchedMonth = localMonth(db, 'appeals.dispatched_at');

  const received = await db
    .selectFrom('appeals')
    .where(scopeFilter(actor))
    .where('appeals.received_at', '>=', first)
    .where('appeals.received_at', '<', last)
    .select((eb) => [
      receivedMonth.as('month'),
      eb.fn.countAll<number>().as('received'),
      countWhere(eb('appeals.state', 'in', TERMINAL_STATES)).as('closed'),
    ])
    .groupBy(receivedMonth)
    .execute();
  const rates = await db
    .selectFrom('appeals')
    .where(scopeFilter(actor))
    .where('appeals.dispatched_at', '>=', first)
    .where('appeals.dispatched_at', '<', last)
    .select((eb) => [
      dispatchedMonth.as('month'),
      countWhere(kpi.responseDue(eb, nowIso)).as('responseDue'),
      countWhere(eb.and([kpi.responseDue(eb, nowIso), kpi.responded(eb)])).as('responded'),
      countWhere(kpi.rated(eb)).as('rated'),
      countWhere(kpi.resolved(eb)).as('resolved'),
      countWhere(kpi.satisfied(eb)).as('satisfied'),
    ])
    .groupBy(dispatchedMonth)
    .execute();

  return months.map((month) => {
    const volume = received.find((row) => row.month === month);
    const rate = rates.find((row) => row.month === month);
    const computed = computeRates(
      {
        responseDue: Number(rate?.responseDue ?? 0),
        responded: Number(rate?.responded ?? 0),
        rated: Number(rate?.rated ?? 0),
        resolved: Number(rate?.resolved ?? 0),
        satisfied: Number(rate?.satisfied ?? 0),
      },
      settings.kpi.weights,
    );
    return {
      month,
      received: Number(volume?.received ?? 0),
      closed: Number(volume?.closed ?? 0),
      responseRate: computed.responseRate,
      resolutionRate: computed.resolutionRate,
      satisfactionRate: computed.satisfactionRate,
    };
  });
}
