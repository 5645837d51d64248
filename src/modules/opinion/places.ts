import type { Kysely } from 'kysely';
import type { OrgSet } from '../../core/actor';
import type { Database } from '../../db/schema';
import { addDays, orgsWithCountsSince, placeCounts } from './repository';
import { RECENT_DAYS } from './statistics';

const PLACES = 20;
const PLACE_TERMS = 3;

/** Places by appeals over the recent window, with the span before for comparison and what they wrote about most. */
export async function placeList(db: Kysely<Database>, orgs: OrgSet, today: string) {
  const from = addDays(today, -(RECENT_DAYS - 1));
  const window = { previousFrom: addDays(from, -RECENT_DAYS), from, to: today };
  const busiest = (await placeCounts(db, orgs, window, { terms: 'appeals' }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || a.place.localeCompare(b.place))
    .slice(0, PLACES);
  if (busiest.length === 0) {
    return [];
  }
  // Named organisations let the terms be read by the primary key (organisation, facet, place, day).
  const named = orgs === 'all' ? new Set(await orgsWithCountsSince(db, window.previousFrom)) : orgs;
  const terms = new Map<string, { term: string; count: number }[]>();
  for (const row of await placeCounts(db, named, window, { terms: 'terms', places: busiest.map((place) => place.place) })) {
    if (row.count > 0) {
      terms.set(row.place, [...(terms.get(row.place) ?? []), { term: row.term, count: row.count }]);
    }
  }
  return busiest.map((place) => ({
    place: place.place,
    count: place.count,
    previous: place.previous,
    topTerms: (terms.get(place.place) ?? [])
      .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
      .slice(0, PLACE_TERMS)
      .map(({ term }) => term),
  }));
}
