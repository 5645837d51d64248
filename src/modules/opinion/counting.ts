import { sql, type Kysely } from 'kysely';
import { shanghaiDate } from '../../core/calendar';
import type { AppContext } from '../../core/context';
import { textSegmenter } from '../../core/textDictionary';
import { inList, insertChunks } from '../../db/dialect';
import type { Database, EventRow } from '../../db/schema';
import type { Segmenter } from '../../text';
import { opinionTerms, placeOf } from './terms';

type Facet = 'all' | 'unit' | 'category' | 'place';

interface CountedAppeal {
  appeal_id: string;
  org_id: string;
  day: string;
  category_code: string;
  place: string;
  unit_id: string | null;
  terms: string;
}

/** Adds up count changes per (org, facet, value, day, term); term '' is the appeal itself. */
export class CountChanges {
  private readonly changes = new Map<string, number>();

  /** The appeal counted (delta 1) or taken back (-1) under its facets, or under the given ones only. */
  add(appeal: CountedAppeal, delta: number, facets: [Facet, string][] = facetsOf(appeal)): void {
    const terms = ['', ...(JSON.parse(appeal.terms) as string[])];
    for (const [facet, value] of facets) {
      for (const term of terms) {
        const key = JSON.stringify([appeal.org_id, facet, value, appeal.day, term]);
        this.changes.set(key, (this.changes.get(key) ?? 0) + delta);
      }
    }
  }

  /**
   * Applies the changes in key order: two instances counting at once then lock rows in the same
   * order on PostgreSQL and cannot deadlock.
   */
  async apply(trx: Kysely<Database>): Promise<void> {
    for (const chunk of insertChunks(this.rows())) {
      await trx
        .insertInto('opinion_counts')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['org_id', 'facet', 'value', 'day', 'term']).doUpdateSet({ count: sql`opinion_counts.count + excluded.count` }),
        )
        .execute();
    }
  }

  /** The changes as count rows, in key order. */
  rows(): Database['opinion_counts'][] {
    return [...this.changes]
      .filter(([, count]) => count !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, count]) => {
        const [org_id, facet, value, day, term] = JSON.parse(key) as string[];
        return { org_id, facet, value, day, term, count };
      });
  }
}

export interface AppealToCount {
  id: string;
  org_id: string;
  received_at: string;
  category_code: string;
  address: string | null;
  content: string;
  unit_id: string | null;
}

/** The opinion_appeals row of an appeal: its day, place and the terms it is counted under. */
export function countedAppeal(segmenter: Segmenter, appeal: AppealToCount): CountedAppeal {
  const place = placeOf(appeal.address);
  return {
    appeal_id: appeal.id,
    org_id: appeal.org_id,
    day: shanghaiDate(new Date(appeal.received_at)),
    category_code: appeal.category_code,
    place,
    unit_id: appeal.unit_id,
    terms: JSON.stringify(opinionTerms(segmenter, appeal.content, place)),
  };
}

const facetsOf = (appeal: CountedAppeal): [Facet, string][] => {
  const facets: [Facet, string][] = [
    ['all', ''],
    ['category', appeal.category_code],
  ];
  if (appeal.place) {
    facets.push(['place', appeal.place]);
  }
  if (appeal.unit_id) {
    facets.push(['unit', appeal.unit_id]);
  }
  return facets;
};

/**
 * Counts appeals into the daily term counts, each at most once (an event handled again, or the backfill
 * meeting an appeal the outbox already counted, changes nothing). Returns how many were counted.
 */
export async function countAppeals(ctx: AppContext, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) {
    return 0;
  }
  const { db } = ctx;
  const segmenter = await textSegmenter(ctx);
  const appeals = await db
    .selectFrom('appeals')
    .leftJoin('opinion_appeals', 'opinion_appeals.appeal_id', 'appeals.id')
    .where(inList(db, 'appeals.id', ids))
    .where('opinion_appeals.appeal_id', 'is', null)
    .select([
      'appeals.id',
      'appeals.org_id',
      'appeals.received_at',
      'appeals.category_code',
      'appeals.address',
      'appeals.content',
      'appeals.unit_id',
    ])
    .execute();
  const rows = appeals.map((appeal) => countedAppeal(segmenter, appeal));
  return db.transaction().execute(async (trx) => {
    const changes = new CountChanges();
    let counted = 0;
    for (const chunk of insertChunks(rows)) {
      const inserted = await trx
        .insertInto('opinion_appeals')
        .values(chunk)
        .onConflict((oc) => oc.column('appeal_id').doNothing())
        .returning('appeal_id')
        .execute();
      const fresh = new Set(inserted.map((row) => row.appeal_id));
      for (const row of chunk.filter((candidate) => fresh.has(candidate.appeal_id))) {
        changes.add(row, 1);
        counted += 1;
      }
    }
    await changes.apply(trx);
    return counted;
  });
}

/**
 * Moves dispatched appeals' counts to their new unit: a first dispatch adds them to the unit, a
 * re-dispatch after 退回 moves them from the old unit to the new.
 */
export async function moveToUnits(db: Kysely<Database>, dispatches: readonly EventRow[]): Promise<void> {
  const unitOf = new Map<string, string>();
  for (const event of dispatches) {
    const unitId = (JSON.parse(event.payload) as { unitId?: string }).unitId;
    if (unitId) {
      unitOf.set(event.subject_id, unitId);
    }
  }
  if (unitOf.size === 0) {
    return;
  }
  await db.transaction().execute(async (trx) => {
    const counted = await trx
      .selectFrom('opinion_appeals')
      .selectAll()
      .where(inList(trx, 'appeal_id', [...unitOf.keys()]))
      .execute();
    const changes = new CountChanges();
    for (const appeal of counted) {
      const unitId = unitOf.get(appeal.appeal_id)!;
      if (appeal.unit_id === unitId) {
        continue;
      }
      if (appeal.unit_id) {
        changes.add(appeal, -1, [['unit', appeal.unit_id]]);
      }
      changes.add(appeal, 1, [['unit', unitId]]);
      await trx.updateTable('opinion_appeals').set({ unit_id: unitId }).where('appeal_id', '=', appeal.appeal_id).execute();
    }
    await changes.apply(trx);
  });
}

const BACKFILL_BATCH = 500;

/** Counts the appeals not counted yet (an installation upgraded to 舆情, demo data); returns how many. */
export async function backfillOpinionCounts(ctx: AppContext, maxBatches = Number.POSITIVE_INFINITY): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const missing = await ctx.db
      .selectFrom('appeals')
      .leftJoin('opinion_appeals', 'opinion_appeals.appeal_id', 'appeals.id')
      .where('opinion_appeals.appeal_id', 'is', null)
      .select('appeals.id')
      .limit(BACKFILL_BATCH)
      .execute();
    if (missing.length === 0) {
      break;
    }
    total += await countAppeals(
      ctx,
      missing.map((row) => row.id),
    );
  }
  return total;
}
