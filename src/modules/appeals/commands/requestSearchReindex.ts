import type { Actor } from '../../../core/actor';
import { iso } from '../../../core/clock';
import { audit, type AppContext, type RequestMeta } from '../../../core/context';
import { writeSetting } from '../../../core/settings';
import { SEARCH_REINDEX_KEY } from '../reindex';

/**
 * Asks the search backfill job (appeals.search-backfill) to index every appeal again with the
 * current dictionary, in batches in the background. Returns when the request was made.
 */
export async function requestSearchReindex(ctx: AppContext, meta: RequestMeta, actor: Actor): Promise<string> {
  const requestedAt = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    await writeSetting(trx, ctx.clock, SEARCH_REINDEX_KEY, { requestedAt }, actor.id);
    await audit(ctx, trx, meta, actor, {
      eventType: 'config.change',
      outcome: 'success',
      targetType: 'setting',
      targetId: SEARCH_REINDEX_KEY,
      detail: { requestedAt },
    });
  });
  return requestedAt;
}
