/**
 * Accuracy of the triage suggestions (src/modules/appeals/triage) on held-out demo data. Seeds the
 * demo installation (src/demo: 2,000 appeals of 75 kinds of matter, played through the workflow) into
 * a fresh SQLite database, splits its dispatched appeals 80/20 by a fixed seeded hash of their text,
 * lets the models learn the 80 % through the app's own path (learnAppeals, the outbox handler's
 * function) and asks suggestTriage (the route's function) about each of the other 20 %. Reports, for
 * the category and for the responsible unit: top-1 and top-3 accuracy, the confident suggestions'
 * accuracy and coverage, confidence against accuracy by band, the commonest mistakes, simple
 * baselines, and how accuracy grows with the number of appeals learned.
 *
 *   npx tsx bench/triage-accuracy.ts
 *
 * The truth is the appeal's category and unit as the demo ended: the category the citizen chose (the
 * demo's citizens always choose the category of their matter) and the unit it was finally dispatched
 * to (after a misrouted dispatch, the unit it was re-dispatched to).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import type { AppContext } from '../src/core/context';
import { textSegmenter } from '../src/core/textDictionary';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/demo';
import { learnAppeals } from '../src/modules/appeals/triage/learn';
import type { TriageModel } from '../src/modules/appeals/triage/model';
import { clearModels } from '../src/modules/appeals/triage/repository';
import { CONFIDENT, MIN_LEARNED_APPEALS, suggestTriage, type ModelSuggestion } from '../src/modules/appeals/triage/suggest';
import { createContext } from '../src/server/context';
import type { Segmenter } from '../src/text';
import { summarize } from './stats';
import { benchEnv, createBenchDatabase, describeMachine, machineInfo, ms, num, printTable, writeResult } from './support';

/** The demo's clock and seed, fixed so that every run judges the same appeals. */
const DEMO_NOW = new Date('2026-12-01T02:00:00.000Z');
const DEMO_SEED = 20_261_201;
const SPLIT_SEED = 'triage-2026';
const TRAIN_SHARE = 0.8;
const CURVE = [MIN_LEARNED_APPEALS, 50, 100, 200, 400, 800];
const BANDS = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001];
const MODELS: TriageModel[] = ['category', 'unit'];

interface Appeal {
  id: string;
  content: string;
  received_at: string;
  labels: Record<TriageModel, string>;
}

/** The same appeal always falls on the same side: its text (unlike its id) is the same in every run. */
const inTraining = (appeal: Appeal) =>
  createHash('sha256').update(`${SPLIT_SEED}\n${appeal.content}`).digest().readUInt32BE(0) / 2 ** 32 < TRAIN_SHARE;

interface Judged {
  truth: string;
  suggestion: ModelSuggestion | null;
}

interface ModelFigures {
  judged: number;
  /** Share of appeals with a suggestion at all. */
  coverage: number;
  top1: number;
  top3: number;
  confidentCoverage: number;
  confidentAccuracy: number;
  bands: { band: string; n: number; accuracy: number; meanConfidence: number }[];
  mistakes: { truth: string; suggested: string; n: number }[];
}

const share = (part: number, whole: number) => (whole === 0 ? NaN : part / whole);
const pct = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : '-');

function figuresOf(judged: Judged[], names: Map<string, string>): ModelFigures {
  const suggested = judged.filter((entry) => entry.suggestion !== null);
  const ranked = (entry: Judged) =>
    entry.suggestion ? [entry.suggestion.best, ...entry.suggestion.alternatives].map((item) => item.label) : [];
  const right = (entry: Judged) => entry.suggestion?.best.label === entry.truth;
  const confident = suggested.filter((entry) => entry.suggestion!.best.confidence >= CONFIDENT);
  const bands = BANDS.slice(0, -1).map((low, index) => {
    const inBand = suggested.filter(
      (entry) => entry.suggestion!.best.confidence >= low && entry.suggestion!.best.confidence < BANDS[index + 1],
    );
    return {
      band: `${Math.round(low * 100)}–${Math.min(100, Math.round(BANDS[index + 1] * 100))} %`,
      n: inBand.length,
      accuracy: share(inBand.filter(right).length, inBand.length),
      meanConfidence: share(
        inBand.reduce((sum, entry) => sum + entry.suggestion!.best.confidence, 0),
        inBand.length,
      ),
    };
  });
  const mistakes = new Map<string, { truth: string; suggested: string; n: number }>();
  for (const entry of suggested.filter((candidate) => !right(candidate))) {
    const key = `${entry.truth}>${entry.suggestion!.best.label}`;
    const mistake = mistakes.get(key) ?? { truth: names.get(entry.truth) ?? entry.truth, suggested: entry.suggestion!.best.name, n: 0 };
    mistake.n += 1;
    mistakes.set(key, mistake);
  }
  return {
    judged: judged.length,
    coverage: share(suggested.length, judged.length),
    top1: share(judged.filter(right).length, judged.length),
    top3: share(judged.filter((entry) => ranked(entry).slice(0, 3).includes(entry.truth)).length, judged.length),
    confidentCoverage: share(confident.length, judged.length),
    confidentAccuracy: share(confident.filter(right).length, confident.length),
    bands,
    mistakes: [...mistakes.values()].sort((a, b) => b.n - a.n).slice(0, 6),
  };
}

/** Forgets the models, then learns the appeals as the outbox handler would have, oldest first. */
async function learnOnly(ctx: AppContext, appeals: Appeal[]): Promise<number> {
  await ctx.db.transaction().execute((trx) => clearModels(trx));
  const started = performance.now();
  await learnAppeals(
    ctx,
    appeals.map((appeal) => appeal.id),
  );
  return performance.now() - started;
}

async function judge(ctx: AppContext, segmenter: Segmenter, held: Appeal[]) {
  const judged: Record<TriageModel, Judged[]> = { category: [], unit: [] };
  const times: number[] = [];
  for (const appeal of held) {
    const started = performance.now();
    const suggestion = await suggestTriage(ctx.db, segmenter, appeal.content);
    times.push(performance.now() - started);
    for (const model of MODELS) {
      judged[model].push({ truth: appeal.labels[model], suggestion: suggestion[model] });
    }
  }
  return { judged, latency: summarize(times) };
}

/** The label most appeals learned had: what a desk that always picked the commonest would get right. */
function majorityAccuracy(training: Appeal[], held: Appeal[], model: TriageModel): number {
  const counts = new Map<string, number>();
  for (const appeal of training) {
    counts.set(appeal.labels[model], (counts.get(appeal.labels[model]) ?? 0) + 1);
  }
  const [majority] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return share(held.filter((appeal) => appeal.labels[model] === majority).length, held.length);
}

async function main() {
  const info = await machineInfo(['sqlite']);
  console.log(describeMachine(info));
  const database = await createBenchDatabase('sqlite');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-data-'));
  const ctx = createContext(loadConfig(benchEnv(database, dataDir, randomBytes(32).toString('base64'))));
  try {
    await migrateToLatest(ctx.db);
    let started = performance.now();
    const demo = await seedDemo(ctx, { now: DEMO_NOW, seed: DEMO_SEED });
    const seedMs = performance.now() - started;
    console.log(`seeded the demo: ${demo.appeals} appeals in ${num(seedMs / 1000, 1)} s`);

    const rows = await ctx.db
      .selectFrom('appeals')
      .innerJoin('appeal_categories', 'appeal_categories.code', 'appeals.category_code')
      .select([
        'appeals.id',
        'appeals.content',
        'appeals.received_at',
        'appeals.category_code',
        'appeals.unit_id',
        'appeal_categories.default_unit_id',
      ])
      .where('appeals.unit_id', 'is not', null)
      .orderBy('appeals.received_at')
      .orderBy('appeals.id')
      .execute();
    const appeals: Appeal[] = rows.map((row) => ({
      id: row.id,
      content: row.content,
      received_at: row.received_at,
      labels: { category: row.category_code, unit: row.unit_id! },
    }));
    const defaultUnit = new Map(rows.map((row) => [row.id, row.default_unit_id]));
    const training = appeals.filter(inTraining);
    const held = appeals.filter((appeal) => !inTraining(appeal));
    const names = new Map([
      ...(await ctx.db.selectFrom('appeal_categories').select(['code as id', 'name']).execute()).map((row) => [row.id, row.name] as const),
      ...(await ctx.db.selectFrom('orgs').select(['id', 'name']).execute()).map((row) => [row.id, row.name] as const),
    ]);
    const labelCount = (model: TriageModel) => new Set(appeals.map((appeal) => appeal.labels[model])).size;
    console.log(
      `dispatched appeals: ${appeals.length} (${labelCount('category')} categories, ${labelCount('unit')} units); learning ${training.length}, judging ${held.length}`,
    );

    const segmenter = await textSegmenter(ctx);
    const learnMs = await learnOnly(ctx, training);
    started = performance.now();
    const { judged, latency } = await judge(ctx, segmenter, held);
    const judgeMs = performance.now() - started;
    const figures = Object.fromEntries(MODELS.map((model) => [model, figuresOf(judged[model], names)])) as Record<
      TriageModel,
      ModelFigures
    >;
    const baselines = {
      categoryMajority: majorityAccuracy(training, held, 'category'),
      unitMajority: majorityAccuracy(training, held, 'unit'),
      /** The unit the citizen's category names as its default, which the dispatcher could simply take. */
      unitCategoryDefault: share(held.filter((appeal) => defaultUnit.get(appeal.id) === appeal.labels.unit).length, held.length),
    };

    printTable(
      `Held-out accuracy (${held.length} appeals; learned from ${training.length})`,
      [
        'model',
        'suggested',
        'top-1',
        'top-3',
        `confident (≥ ${CONFIDENT * 100} %)`,
        'their accuracy',
        'majority baseline',
        'category default unit',
      ],
      MODELS.map((model) => [
        model,
        pct(figures[model].coverage),
        pct(figures[model].top1),
        pct(figures[model].top3),
        pct(figures[model].confidentCoverage),
        pct(figures[model].confidentAccuracy),
        pct(model === 'category' ? baselines.categoryMajority : baselines.unitMajority),
        model === 'unit' ? pct(baselines.unitCategoryDefault) : '-',
      ]),
    );
    for (const model of MODELS) {
      printTable(
        `${model}: confidence of the top suggestion against how often it was right`,
        ['confidence', 'appeals', 'right', 'mean confidence'],
        figures[model].bands.map((band) => [band.band, band.n, pct(band.accuracy), pct(band.meanConfidence)]),
      );
      printTable(
        `${model}: commonest mistakes`,
        ['truth', 'suggested', 'appeals'],
        figures[model].mistakes.map((mistake) => [mistake.truth, mistake.suggested, mistake.n]),
      );
    }

    const curve = [];
    for (const size of [...CURVE.filter((size) => size < training.length), training.length]) {
      await learnOnly(ctx, training.slice(0, size));
      const step = await judge(ctx, segmenter, held);
      const category = figuresOf(step.judged.category, names);
      const unit = figuresOf(step.judged.unit, names);
      curve.push({ learned: size, category, unit });
    }
    printTable(
      'Learning curve: the oldest N training appeals learned, the same held-out appeals judged',
      ['learned', 'category top-1', 'confident', 'their accuracy', 'unit top-1', 'confident', 'their accuracy'],
      curve.map((step) => [
        step.learned,
        pct(step.category.top1),
        pct(step.category.confidentCoverage),
        pct(step.category.confidentAccuracy),
        pct(step.unit.top1),
        pct(step.unit.confidentCoverage),
        pct(step.unit.confidentAccuracy),
      ]),
    );
    const timing = {
      seedMs,
      learnMs,
      learnedPerSecond: (training.length / learnMs) * 1000,
      judgeMs,
      suggestion: latency,
    };
    console.log(
      `\nlearning ${training.length} appeals: ${num(learnMs)} ms (${num(timing.learnedPerSecond)} appeals/s); one suggestion: p50 ${ms(latency.p50)} ms, p95 ${ms(latency.p95)} ms`,
    );

    const file = writeResult(
      'triage-accuracy',
      { dialects: ['sqlite'], quick: false },
      {
        benchmark: 'triage-accuracy',
        machine: info,
        demo: { now: DEMO_NOW.toISOString(), seed: DEMO_SEED, appeals: demo.appeals, dispatched: appeals.length },
        split: { seed: SPLIT_SEED, trainShare: TRAIN_SHARE, training: training.length, held: held.length },
        thresholds: { confident: CONFIDENT, minLearnedAppeals: MIN_LEARNED_APPEALS },
        figures,
        baselines,
        curve,
        timing,
      },
    );
    console.log(`\nwrote ${file}`);
  } finally {
    await ctx.db.destroy();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
