import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { addDays, dailyCounts, recentAppealTerms, termTotals, type CountScope } from './repository';
import { BASELINE_DAYS, expectedRecent, RECENT_DAYS, riseScore } from './statistics';

const RISING_TERMS = 30;
const CLOUD_TERMS = 80;
const TOPICS = 10;
const TREND_TOPICS = 5;
const SAMPLE_APPEALS = 5;
// Clusters are found on the newest appeals of the window; more would cost time without changing them.
const CLUSTER_SAMPLE = 20_000;
// Two rising terms belong to one topic when most appeals of the rarer one also name the other.
const SAME_TOPIC_OVERLAP = 0.5;

export interface HotTopic {
  /** The terms of the topic, the one that rose most first. */
  terms: string[];
  /** Appeals naming the lead term in the recent window, and what its baseline predicts for it. */
  recent: number;
  expected: number;
  score: number;
  /** The newest appeals of the topic. */
  appealIds: string[];
}

export interface OpinionOverview {
  window: { baselineFrom: string; recentFrom: string; to: string };
  appeals: { recent: number; baseline: number };
  topics: HotTopic[];
  cloud: { term: string; count: number }[];
  trend: { days: string[]; series: { term: string; counts: number[] }[] };
}

export const windowEnding = (today: string) => {
  const recentFrom = addDays(today, -(RECENT_DAYS - 1));
  return { baselineFrom: addDays(recentFrom, -BASELINE_DAYS), recentFrom, to: today };
};

/**
 * Hot topics: the terms whose count over the last RECENT_DAYS rose most above what the BASELINE_DAYS
 * before predict (riseScore), joined into one topic where they name the same appeals; the word cloud
 * of the recent window; and daily trend lines of the leading topics and of all appeals.
 */
export async function opinionOverview(db: Kysely<Database>, scope: CountScope, today: string): Promise<OpinionOverview> {
  const window = windowEnding(today);
  const totals = await termTotals(db, scope, window);
  const all = totals.find((row) => row.term === '') ?? { recent: 0, baseline: 0 };
  const terms = totals.filter((row) => row.term !== '');
  const rising = terms
    .map((row) => ({ ...row, score: riseScore(row.recent, row.baseline, all.recent, all.baseline) }))
    .filter((row) => row.score > 0)
    .sort((a, b) => b.score - a.score || b.recent - a.recent)
    .slice(0, RISING_TERMS);
  const sample = await recentAppealTerms(db, scope, window.recentFrom, CLUSTER_SAMPLE);
  const topics = clusterTopics(rising, sample, all).slice(0, TOPICS);
  const trendTerms = topics.slice(0, TREND_TOPICS).map((topic) => topic.terms[0]);
  return {
    window,
    appeals: { recent: all.recent, baseline: all.baseline },
    topics,
    cloud: terms
      .filter((row) => row.recent > 0)
      .sort((a, b) => b.recent - a.recent || a.term.localeCompare(b.term))
      .slice(0, CLOUD_TERMS)
      .map((row) => ({ term: row.term, count: row.recent })),
    trend: await trendLines(db, scope, ['', ...trendTerms], window.baselineFrom, today),
  };
}

interface RisingTerm {
  term: string;
  recent: number;
  baseline: number;
  score: number;
}

function clusterTopics(
  rising: RisingTerm[],
  sample: { appealId: string; terms: string[] }[],
  all: { recent: number; baseline: number },
): HotTopic[] {
  const appealsOf = new Map<string, string[]>(rising.map((row) => [row.term, []]));
  for (const appeal of sample) {
    for (const term of appeal.terms) {
      appealsOf.get(term)?.push(appeal.appealId);
    }
  }
  const leader = rising.map((_, index) => index);
  const find = (index: number): number => (leader[index] === index ? index : (leader[index] = find(leader[index])));
  for (let a = 0; a < rising.length; a += 1) {
    const setA = new Set(appealsOf.get(rising[a].term));
    for (let b = a + 1; b < rising.length; b += 1) {
      const listB = appealsOf.get(rising[b].term)!;
      const smaller = Math.min(setA.size, listB.length);
      if (smaller > 0 && listB.filter((id) => setA.has(id)).length / smaller >= SAME_TOPIC_OVERLAP) {
        // The higher-scoring term (lower index) leads.
        const [rootA, rootB] = [find(a), find(b)];
        leader[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
      }
    }
  }
  const groups = new Map<number, number[]>();
  rising.forEach((_, index) => groups.set(find(index), [...(groups.get(find(index)) ?? []), index]));
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([lead, members]) => {
      const appealIds = new Set(members.flatMap((index) => appealsOf.get(rising[index].term)!));
      return {
        terms: members.map((index) => rising[index].term),
        recent: rising[lead].recent,
        expected: expectedRecent(rising[lead].baseline, all.recent, all.baseline),
        score: rising[lead].score,
        // The sample is newest first.
        appealIds: sample
          .filter((appeal) => appealIds.has(appeal.appealId))
          .slice(0, SAMPLE_APPEALS)
          .map((appeal) => appeal.appealId),
      };
    });
}

/** Daily counts of each term from `from` to `to`, days without appeals as 0. */
export async function trendLines(db: Kysely<Database>, scope: CountScope, terms: readonly string[], from: string, to: string) {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(day);
  }
  const position = new Map(days.map((day, index) => [day, index]));
  const series = new Map(terms.map((term) => [term, days.map(() => 0)]));
  for (const row of await dailyCounts(db, scope, terms, from, to)) {
    series.get(row.term)![position.get(row.day)!] = row.count;
  }
  return { days, series: terms.map((term) => ({ term, counts: series.get(term)! })) };
}
