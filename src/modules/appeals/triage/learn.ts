import { iso } from '../../../core/clock';
import type { AppContext } from '../../../core/context';
import type { EventProcessor } from '../../../core/events';
import { textSegmenter } from '../../../core/textDictionary';
import type { Db } from '../../../db/database';
import type { EventRow, TriageLabelTable, TriageTermTable } from '../../../db/schema';
import type { Segmenter } from '../../../text';
import { appealTerms } from './model';
import {
  addCounts,
  clearModels,
  dispatchedNotLearned,
  examplesOf,
  insertDecision,
  insertExample,
  labelledAppeals,
  relabelExample,
  type Labels,
} from './repository';
import { suggestTriage } from './suggest';

/** The changes a batch makes to the counts, summed per row before they are written. */
class CountChanges {
  private readonly terms = new Map<string, TriageTermTable>();
  private readonly labels = new Map<string, TriageLabelTable>();

  /** Counts an appeal's terms under its labels (sign 1), or takes them back (-1). */
  add(labels: Labels, terms: readonly string[], sign: 1 | -1): void {
    const byModel = [
      ['category', labels.category_code],
      ['unit', labels.unit_id],
    ] as const;
    for (const [model, label] of byModel) {
      const labelKey = `${model}\u0000${label}`;
      const labelRow = this.labels.get(labelKey) ?? { model, label, appeals: 0, terms: 0 };
      labelRow.appeals += sign;
      labelRow.terms += sign * terms.length;
      this.labels.set(labelKey, labelRow);
      for (const term of terms) {
        const key = `${labelKey}\u0000${term}`;
        const termRow = this.terms.get(key) ?? { model, term, label, count: 0 };
        termRow.count += sign;
        this.terms.set(key, termRow);
      }
    }
  }

  write(db: Db): Promise<void> {
    const labels = [...this.labels.values()].filter((row) => row.appeals !== 0 || row.terms !== 0);
    return addCounts(db, [...this.terms.values()], labels);
  }
}

/**
 * One pass in one transaction: an appeal learned for the first time adds its terms under its
 * labels; one whose labels changed since (sent back and re-dispatched to another unit) has the terms
 * it added moved from the old labels to the new. Appeals another learner changed meanwhile are
 * returned, to try again on what it wrote.
 */
async function learnOnce(trx: Db, segmenter: Segmenter, ids: readonly string[], now: string) {
  const appeals = await labelledAppeals(trx, ids);
  const examples = await examplesOf(trx, ids);
  const changes = new CountChanges();
  const contended: string[] = [];
  let changed = 0;
  for (const appeal of appeals) {
    const labels: Labels = { category_code: appeal.category_code, unit_id: appeal.unit_id! };
    const example = examples.get(appeal.id);
    if (example && example.category_code === labels.category_code && example.unit_id === labels.unit_id) {
      continue;
    }
    const terms = example ? (JSON.parse(example.terms) as string[]) : appealTerms(segmenter, appeal.content);
    const recorded = example
      ? await relabelExample(trx, appeal.id, example, labels, now)
      : await insertExample(trx, appeal.id, labels, terms, now);
    if (!recorded) {
      contended.push(appeal.id);
      continue;
    }
    if (example) {
      changes.add(example, terms, -1);
    }
    changes.add(labels, terms, 1);
    changed += 1;
  }
  await changes.write(trx);
  return { changed, contended };
}

const ROUNDS = 3;

/**
 * Brings the models in step with the appeals' current category and unit (appeals not dispatched
 * have none and are skipped); returns how many appeals changed the models. Safe to repeat: an
 * appeal already learned with its current labels changes nothing.
 */
export async function learnAppeals(ctx: AppContext, ids: readonly string[]): Promise<number> {
  const segmenter = await textSegmenter(ctx);
  let pending = [...new Set(ids)];
  let changed = 0;
  for (let round = 0; round < ROUNDS && pending.length > 0; round += 1) {
    const batch = pending;
    const result = await ctx.db.transaction().execute((trx) => learnOnce(trx, segmenter, batch, iso(ctx.clock.now())));
    changed += result.changed;
    pending = result.contended;
  }
  return changed;
}

/**
 * What the models suggested for a dispatched appeal beside what the dispatcher chose, judged before
 * they learn it. Skipped for an appeal learned already (the models would know the answer) and when
 * they suggested nothing.
 */
async function recordDecision(ctx: AppContext, segmenter: Segmenter, event: EventRow): Promise<void> {
  if ((await examplesOf(ctx.db, [event.subject_id])).size > 0) {
    return;
  }
  const [appeal] = await labelledAppeals(ctx.db, [event.subject_id]);
  const payload = JSON.parse(event.payload) as { unitId?: string; categoryCode?: string };
  if (!appeal || !payload.unitId) {
    return;
  }
  const { category, unit } = await suggestTriage(ctx.db, segmenter, appeal.content);
  if (!category && !unit) {
    return;
  }
  await insertDecision(ctx.db, {
    appealId: appeal.id,
    decidedAt: event.created_at,
    suggested: { category: category?.best, unit: unit?.best },
    // Dispatch events written before they carried the category: the appeal's own.
    chosen: { category_code: payload.categoryCode ?? appeal.category_code, unit_id: payload.unitId },
  });
}

/**
 * The models learn from every dispatch, after it has committed (the outbox): a dispatch teaches the
 * category and unit the dispatcher chose, a re-dispatch (改派 after a unit's 退单) moves the appeal
 * to its new unit.
 */
export function subscribeAppealTriage(events: EventProcessor, ctx: AppContext): void {
  events.on('appeals.dispatch', async (batch) => {
    const segmenter = await textSegmenter(ctx);
    // One at a time, in order: each dispatch is judged by what the models knew when it was made.
    for (const event of batch) {
      await recordDecision(ctx, segmenter, event);
      await learnAppeals(ctx, [event.subject_id]);
    }
  });
  events.on('appeals.approveReturn', async (batch) => {
    await learnAppeals(
      ctx,
      batch.map((event) => event.subject_id),
    );
  });
}

const BACKFILL_BATCH = 500;

/**
 * Learns the dispatched appeals the models lack (an installation upgraded to triage, demo data whose
 * old events were not replayed); returns how many it learned.
 */
export async function backfillAppealTriage(ctx: AppContext, maxBatches = Number.POSITIVE_INFINITY): Promise<number> {
  let learned = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const missing = await dispatchedNotLearned(ctx.db, BACKFILL_BATCH);
    const changed =
      missing.length === 0
        ? 0
        : await learnAppeals(
            ctx,
            missing.map((row) => row.id),
          );
    if (changed === 0) {
      break;
    }
    learned += changed;
  }
  return learned;
}

/**
 * Forgets the models and learns every dispatched appeal again, with the words the segmenter knows
 * now (after an admin changed the dictionary). Suggestions pause until enough is learned again.
 */
export async function rebuildAppealTriage(ctx: AppContext): Promise<number> {
  await ctx.db.transaction().execute((trx) => clearModels(trx));
  return backfillAppealTriage(ctx);
}
