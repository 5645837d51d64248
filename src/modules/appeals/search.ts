import type { AppContext } from '../../core/context';
import type { EventProcessor } from '../../core/events';
import { iso } from '../../core/clock';
import { indexDocuments } from '../../core/search';
import { textSegmenter } from '../../core/textDictionary';
import { finishReindex, pendingReindex } from './reindex';
import { appealsNotIndexed, appealsToIndex } from './repository';

/** Events after which what an appeal is found by has changed: it arrived, or its reply was written or withdrawn. */
const TEXT_CHANGING_EVENTS = ['appeals.submitted', 'appeals.reply', 'appeals.sendBack', 'appeals.rate'];

export async function indexAppeals(ctx: AppContext, ids: readonly string[]): Promise<void> {
  const appeals = await appealsToIndex(ctx.db, ids);
  await indexDocuments(
    ctx.db,
    ctx.clock,
    await textSegmenter(ctx),
    appeals.map((appeal) => ({
      sourceType: 'appeal',
      sourceId: appeal.id,
      text: [appeal.content, appeal.address, appeal.reply_text].filter(Boolean).join('\n'),
    })),
  );
}

/** Keeps the search index in step with the appeals, after each change has committed (the outbox). */
export function subscribeAppealSearch(events: EventProcessor, ctx: AppContext): void {
  for (const type of TEXT_CHANGING_EVENTS) {
    events.on(type, (batch) => indexAppeals(ctx, [...new Set(batch.map((event) => event.subject_id))]));
  }
}

const BACKFILL_BATCH = 500;

/**
 * Indexes the appeals the index lacks (an installation upgraded to search, demo data whose old
 * events were not replayed) and, after an admin asked for a re-index, those indexed before;
 * returns how many it indexed.
 */
export async function backfillAppealSearch(ctx: AppContext, maxBatches = Number.POSITIVE_INFINITY): Promise<number> {
  const reindex = await pendingReindex(ctx.db);
  // Never later than now: on an instance whose clock is behind the requester's, appeals just indexed would qualify again.
  const now = iso(ctx.clock.now());
  const indexedBefore = reindex ? (reindex.requestedAt < now ? reindex.requestedAt : now) : undefined;
  let indexed = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const missing = await appealsNotIndexed(ctx.db, BACKFILL_BATCH, indexedBefore);
    if (missing.length === 0) {
      if (reindex) {
        await finishReindex(ctx.db, reindex);
      }
      break;
    }
    await indexAppeals(
      ctx,
      missing.map((row) => row.id),
    );
    indexed += missing.length;
  }
  return indexed;
}
