import type { Kysely } from 'kysely';
import type { OrgSet } from '../../core/actor';
import type { Database } from '../../db/schema';
import { addDays, placeTermTotals } from './repository';
import { RECENT_DAYS } from './statistics';

const PLACES = 20;
const PLACE_TERMS = 3;

/** Places by appeals over the recent window, with the span before for comparison and what they wrote about most. */
export async function placeList(db: Kysely<Database>, orgs: OrgSet, today: string) {
  const from = addDays(today, -(RECENT_DAYS - 1));
  const rows = await placeTermTotals(db, orgs, { previousFrom: addDays(from, -RECENT_DAYS), from, to: today });
  const places = new Map<string, { place: string; count: number; previous: number; terms: { term: string; count: number }[] }>();
  for (const row of rows) {
    const entry = places.get(row.place) ?? { place: row.place, count: 0, previous: 0, terms: [] };
    if (row.term === '') {
      entry.count = row.count;
      entry.previous = row.previous;
    } else if (row.count > 0) {
      entry.terms.push({ term: row.term, count: row.count });
    }
    places.set(row.place, entry);
  }
  return [...places.values()]
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.place.localeCompare(b.place))
    .slice(0, PLACES)
    .map(({ terms, ...entry }) => ({
      ...entry,
      topTerms: terms
        .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
        .slice(0, PLACE_TERMS)
        .map(({ term }) => term),
    }));
}
