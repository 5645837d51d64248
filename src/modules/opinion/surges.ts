import type { Kysely } from 'kysely';
import { shanghaiDate } from '../../core/calendar';
import { iso, type Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { notifyMany, usersWithRoleAt } from '../../core/notifications';
import { inList } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { addDays, orgsWithCountsSince, recentAppealTerms, termTotals, type CountScope } from './repository';
import { BASELINE_DAYS, MIN_COUNT, SURGE_DAYS, testSurge, volumeRatio, type SurgeTest } from './statistics';

/** Who hears of a surge in an organisation's appeals: those who receive and dispatch them, and its leaders. */
export const ALERT_ROLES = ['dispatcher', 'leader'];
const RELATED_TERMS = 4;
const RELATED_SAMPLE = 5_000;

interface Surge extends SurgeTest {
  orgId: string;
  term: string;
  day: string;
  /** The other surging terms of the same appeals, then the words most written with them. */
  relatedTerms: string[];
  /** Every surging term the alert stands for, the lead first. */
  terms: string[];
}

// Surging terms belong to one alert when most appeals of the rarer one also name the other (电梯, 故障).
const SAME_SURGE_OVERLAP = 0.5;

/**
 * Tests each term's count over the window from `from` to `today` against its baseline (testSurge),
 * and joins the surging terms that name the same appeals into one surge led by its least likely term.
 */
async function surgesIn(db: Kysely<Database>, orgId: string, from: string, today: string): Promise<Surge[]> {
  const scope: CountScope = { orgs: new Set([orgId]), facet: 'all', value: '' };
  const totals = await termTotals(db, scope, { baselineFrom: addDays(from, -BASELINE_DAYS), recentFrom: from, to: today });
  const all = totals.find((row) => row.term === '') ?? { recent: 0, baseline: 0 };
  // The volume leaves out the term's own appeals: in a small organisation the surge itself would
  // otherwise make the window look busy and hide itself.
  const surging = totals
    .filter((row) => row.term !== '' && row.recent >= MIN_COUNT)
    .map((row) => ({
      term: row.term,
      test: testSurge(row.recent, row.baseline, volumeRatio(all.recent - row.recent, all.baseline, SURGE_DAYS)),
    }))
    .filter(({ test }) => test.surge)
    .sort((a, b) => a.test.pValue - b.test.pValue || b.test.observed - a.test.observed || a.term.localeCompare(b.term));
  if (surging.length === 0) {
    return [];
  }
  const sample = await recentAppealTerms(db, scope, from, RELATED_SAMPLE);
  const appealsOf = (term: string) => new Set(sample.filter((appeal) => appeal.terms.includes(term)).map((appeal) => appeal.appealId));
  const groups: { lead: (typeof surging)[number]; appeals: Set<string>; terms: string[] }[] = [];
  for (const candidate of surging) {
    const appeals = appealsOf(candidate.term);
    const group = groups.find(
      (existing) =>
        [...appeals].filter((id) => existing.appeals.has(id)).length / Math.max(1, Math.min(appeals.size, existing.appeals.size)) >=
        SAME_SURGE_OVERLAP,
    );
    if (group) {
      group.terms.push(candidate.term);
    } else {
      groups.push({ lead: candidate, appeals, terms: [candidate.term] });
    }
  }
  return groups.map(({ lead, terms }) => ({
    ...lead.test,
    orgId,
    term: lead.term,
    day: today,
    terms,
    relatedTerms: [...terms.slice(1), ...wordsWritten(terms, sample)].slice(0, RELATED_TERMS),
  }));
}

/** The words most often written together with the terms: what the surge is about. */
function wordsWritten(terms: string[], sample: { terms: string[] }[]): string[] {
  const together = new Map<string, number>();
  for (const appeal of sample) {
    if (appeal.terms.some((term) => terms.includes(term))) {
      for (const other of appeal.terms) {
        if (!terms.includes(other)) {
          together.set(other, (together.get(other) ?? 0) + 1);
        }
      }
    }
  }
  return [...together].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([other]) => other);
}

/**
 * The alert job: raises an alert for each new surge and tells the organisation's dispatchers and
 * leaders; a surge already raised that day only has its figures brought up to date. Returns the
 * number of new alerts.
 */
export async function raiseSurgeAlerts(db: Kysely<Database>, clock: Clock): Promise<number> {
  const today = shanghaiDate(clock.now());
  const from = addDays(today, -(SURGE_DAYS - 1));
  let raised = 0;
  for (const orgId of await orgsWithCountsSince(db, from)) {
    for (const surge of await surgesIn(db, orgId, from, today)) {
      raised += (await recordSurge(db, clock, surge, from)) ? 1 : 0;
    }
  }
  return raised;
}

/**
 * Raises the surge's alert, or brings up to date the alert already raised for one of its terms within
 * the window: a surge that goes on past midnight, or whose lead word changes, keeps its one alert.
 */
async function recordSurge(db: Kysely<Database>, clock: Clock, surge: Surge, from: string): Promise<boolean> {
  const at = iso(clock.now());
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('opinion_alerts')
      .select(['id', 'observed'])
      .where('org_id', '=', surge.orgId)
      .where('day', '>=', from)
      .where(inList(trx, 'term', surge.terms))
      .orderBy('raised_at')
      .executeTakeFirst();
    if (existing) {
      if (existing.observed < surge.observed) {
        await trx
          .updateTable('opinion_alerts')
          .set({ observed: surge.observed, p_value: surge.pValue, related_terms: JSON.stringify(surge.relatedTerms), updated_at: at })
          .where('id', '=', existing.id)
          .execute();
      }
      return false;
    }
    const inserted = await trx
      .insertInto('opinion_alerts')
      .values({
        id: newId(),
        org_id: surge.orgId,
        term: surge.term,
        day: surge.day,
        observed: surge.observed,
        expected: surge.expected,
        p_value: surge.pValue,
        related_terms: JSON.stringify(surge.relatedTerms),
        state: 'open',
        raised_at: at,
        updated_at: at,
        version: 1,
      })
      // Another instance's job raising it at the same moment.
      .onConflict((oc) => oc.columns(['org_id', 'term', 'day']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      return false;
    }
    await notifyMany(trx, clock, [
      {
        userIds: await usersWithRoleAt(trx, ALERT_ROLES, surge.orgId),
        kind: 'opinion.surge',
        title: `舆情预警：“${surge.term}”相关诉求激增`,
        body: `昨天和今天共 ${surge.observed} 件诉求提到“${surge.term}”，按以往情况约 ${surge.expected.toFixed(1)} 件${
          surge.relatedTerms.length > 0 ? `；相关词：${surge.relatedTerms.join('、')}` : ''
        }。`,
        link: `/console/opinion?alert=${inserted.id}`,
      },
    ]);
    return true;
  });
}
