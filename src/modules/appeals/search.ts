import type { AppContext } from '../../core/context';
import type { EventProcessor } from '../../core/events';
import { indexDocuments } from '../../core/search';
import { appealsNotIndexed, appealsToIndex } from './repository';

/** Events after which what an appeal is found by has changed: it arrived, or its reply was written or withdrawn. */
const TEXT_CHANGING_EVENTS = ['appeals.submitted', 'appeals.reply', 'appeals.sendBack', 'appeals.rate'];

export async function indexAppeals(ctx: AppContext, ids: readonly string[]): Promise<void> {
  const appeals = await appealsToIndex(ctx.db, ids);
  await indexDocuments(
    ctx.db,
    ctx.clock,
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
 * events were not replayed); returns how many it indexed.
 */
export async function backfillAppealSearch(ctx: AppContext, maxBatches = Number.POSITIVE_INFINITY): Promise<number> {
  let indexed = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const missing = await appealsNotIndexed(ctx.db, BACKFILL_BATCH);
    if (missing.length === 0) {
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
