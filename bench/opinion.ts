/**
 * 舆情 (opinion monitoring) with 1,000,000 appeals over 90 days (issue 3: "time to refresh hot topics
 * and alerts"). Builds the history of a district — a weekday/weekend and daily rhythm, the varied texts
 * of bench/search-content.ts with the category and unit their problem belongs to, places that belong to
 * communities and streets, five receiving organisations —, injects one surge (60 appeals about
 * 高空抛物 in one estate over yesterday and today) and one topic rising over the last week (电动自行车
 * 上牌), counts them into opinion_appeals and opinion_counts — the newest 100,000 through countAppeals
 * (the outbox handler's function), the older days in bulk with the rows countAppeals would write,
 * checked against it on a day it counted —, reports the tables' sizes, and times the refresh: the alert job
 * (raiseSurgeAlerts), opinionOverview for a leader of everything, for one receiving organisation and
 * filtered by a place and by a unit, placeList, GET /api/opinion/overview through real HTTP, and the
 * counting of one new appeal and of a batch of 100. Per step, the SQL it ran, each statement's database
 * time and plan.
 *
 *   npx tsx bench/opinion.ts [--db sqlite|postgres|both] [--quick]
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely, type LogEvent } from 'kysely';
import pg from 'pg';
import { shanghaiDate } from '../src/core/calendar';
import type { Clock } from '../src/core/clock';
import type { AppContext } from '../src/core/context';
import { newId } from '../src/core/ids';
import { textSegmenter } from '../src/core/textDictionary';
import type { Appeal, Database } from '../src/db/schema';
import { NOTHING_DONE_YET } from '../src/modules/appeals/commands/submitAppeal';
import { backfillOpinionCounts, raiseSurgeAlerts } from '../src/modules/opinion';
import { countAppeals, countedAppeal, CountChanges } from '../src/modules/opinion/counting';
import { placeList } from '../src/modules/opinion/places';
import { addDays, type CountScope } from '../src/modules/opinion/repository';
import { opinionTerms, placeOf } from '../src/modules/opinion/terms';
import { opinionOverview, type OpinionOverview } from '../src/modules/opinion/topics';
import { createTestUser, TEST_PASSWORD } from '../test/factories';
import { pick, seededRng, type Rng } from './content';
import { composeAppeal, place } from './search-content';
import { appealIdBatches, appealInserter, createDesk, type Desk } from './seed';
import { direct, explain, loggingDb, type Direct } from './direct';
import { summarize, type Summary } from './stats';
import {
  type BenchApp,
  type BenchDatabase,
  cpuMeter,
  type CpuReading,
  createBenchDatabase,
  type Dialect,
  DISTURBED_CORES,
  LoadGenerator,
  ms,
  num,
  openSqlite,
  parseArgs,
  printTable,
  startBenchApp,
  startRun,
  waitForQuiet,
  RunProgress,
  runEachDialect,
  measureUndisturbed,
} from './support';

const args = parseArgs();
const plan = {
  ...(args.quick
    ? { appeals: 50_000, realPathAppeals: 15_000, warmup: 2, iterations: 10, dbRepeats: 3, singles: 10, batches: 5 }
    : { appeals: 1_000_000, realPathAppeals: 100_000, warmup: 3, iterations: 20, dbRepeats: 3, singles: 20, batches: 10 }),
  // For side experiments; the reported runs leave them unset.
  ...(process.env.BENCH_APPEALS ? { appeals: Number(process.env.BENCH_APPEALS) } : {}),
  /** At least this many of the newest appeals (whole days) are counted through countAppeals, the rest in bulk. */
  ...(process.env.BENCH_REAL_PATH_APPEALS ? { realPathAppeals: Number(process.env.BENCH_REAL_PATH_APPEALS) } : {}),
  /** Leave the bench database behind (its file or URL is printed), for queries and plans afterwards. */
  keepDatabase: process.env.BENCH_KEEP_DATABASE === '1',
};
const DAYS = 90;
/** As backfillOpinionCounts (src/modules/opinion/counting.ts). */
const COUNT_BATCH = 500;
/** Every this many batches, the read and the terms are also timed on their own. */
const SAMPLE_EVERY = 10;
const NEW_BATCH = 100;
/** A step slower than this per call gets fewer iterations (never fewer than 10). */
const STEP_BUDGET_MS = 30_000;
const MIN_ITERATIONS = 10;
/** Before each timed step, the longest wait for other work on the machine to pause (phases wait up to 2 minutes). */
const STEP_QUIET_SECONDS = 30;
/** A statement slower than this (median) has its plan printed. */
const SLOW_STATEMENT_MS = 100;
const SLOW_STEP_P95_MS = 1000;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const since = (started: number) => performance.now() - started;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const mb = (bytes: number) => bytes / 1e6;

// ---------------------------------------------------------------------------------------------------
// The district's rhythm

/**
 * The hour of the bench's "now" in Shanghai: the opinion windows are Shanghai days, so the bench keeps
 * its own clock there, well away from midnight, with today's morning peak already behind it.
 */
const NOW_HOUR = 14;

/** The system clock moved to NOW_HOUR today (Shanghai), still advancing in real time. */
function benchClock(): Clock {
  const started = Date.now();
  const now = Date.parse(`${shanghaiDate(new Date(started))}T${String(NOW_HOUR).padStart(2, '0')}:00:00+08:00`);
  return { now: () => new Date(now + (Date.now() - started)) };
}

/** Appeals by weekday (Sunday first), relative: Monday brings the weekend's, Saturday and Sunday are quiet. */
const WEEKDAY_VOLUME = [0.55, 1.15, 1.05, 1.05, 1.02, 1.0, 0.62];
/** Appeals by hour of the day (Shanghai): the hotline's morning and afternoon peaks, a quiet night. */
const HOUR_VOLUME = [
  0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.5, 3.8, 3.2, 2.0, 2.4, 3.2, 3.4, 3.0, 2.4, 1.8, 1.9, 2.0, 1.6, 1.0, 0.6,
];
const HOUR_TOTAL = HOUR_VOLUME.reduce((sum, weight) => sum + weight, 0);
/** Share of the appeals that go to the district's hotline; the rest to the street of their place. */
const ROOT_SHARE = 0.7;
const ADDRESS_SHARE = 0.8;

const midnightOf = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/** A moment of the day, by HOUR_VOLUME, before `until`. */
function momentOf(rng: Rng, dayStart: number, until: number): number {
  for (;;) {
    let roll = rng() * HOUR_TOTAL;
    let hour = 0;
    while (roll >= HOUR_VOLUME[hour] && hour < 23) {
      roll -= HOUR_VOLUME[hour];
      hour += 1;
    }
    const at = dayStart + (hour + rng()) * HOUR_MS;
    if (at < until) {
      return at;
    }
  }
}

/** Share of a day's appeals that have arrived by `at`. */
function arrivedShare(dayStart: number, at: number): number {
  const hours = Math.min(24, Math.max(0, (at - dayStart) / HOUR_MS));
  let share = 0;
  for (let hour = 0; hour < Math.ceil(hours); hour += 1) {
    share += HOUR_VOLUME[hour] * Math.min(1, hours - hour);
  }
  return share / HOUR_TOTAL;
}

// ---------------------------------------------------------------------------------------------------
// The district: receiving organisations, communities, departments, categories

interface District {
  root: string;
  rootName: string;
  streets: { id: string; name: string }[];
  communities: { id: string; name: string; streetId: string }[];
  departments: Map<string, string>;
  categories: Map<string, { code: string; appealType: string }>;
}

async function loadDistrict(ctx: AppContext, desk: Desk): Promise<District> {
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).execute();
  const categories = await ctx.db.selectFrom('appeal_categories').select(['code', 'name', 'appeal_type']).execute();
  return {
    root: desk.root,
    rootName: orgs.find((org) => org.id === desk.root)!.name,
    streets: desk.streets.map((id) => ({ id, name: orgs.find((org) => org.id === id)!.name })),
    communities: orgs
      .filter((org) => org.kind === 'community')
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((org) => ({ id: org.id, name: org.name, streetId: org.parent_id! })),
    departments: new Map(orgs.filter((org) => org.kind === 'department').map((org) => [org.name, org.id])),
    categories: new Map(categories.map((row) => [row.name, { code: row.code, appealType: row.appeal_type }])),
  };
}

/** FNV-1a: the same place always lies in the same community. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

const communityOf = (district: District, where: string) => district.communities[hashOf(placeOf(where)) % district.communities.length];

/**
 * Who handles each problem of bench/search-content.ts in the bench's district: the category and the
 * department of the desk (bench/seed.ts); null = the community the place belongs to.
 */
const HANDLING: Record<string, [category: string, department: string | null]> = {
  街道物业办: ['物业管理', null],
  区城管局环卫所: ['环境卫生', '城管局'],
  区城管局路灯管理所: ['市政设施', '城管局'],
  区供热公司: ['供水供暖', '供热公司'],
  区生态环境局: ['噪音扰民', '生态环境局'],
  交警大队: ['交通出行', '交通局'],
  区排水管理处: ['市政设施', '水务局'],
  区市场监管局特种设备科: ['安全隐患', '市场监管局'],
  区自来水公司: ['供水供暖', '水务局'],
  区城管局执法队: ['环境卫生', '城管局'],
  区城管局市政设施所: ['市政设施', '城管局'],
  区住建局: ['市政设施', '住建局'],
  公安分局治安科: ['安全隐患', null],
  区交通局: ['交通出行', '交通局'],
  区人社局劳动监察大队: ['政策咨询', '民政局'],
  区市场监管局: ['安全隐患', '市场监管局'],
  区医保局: ['政策咨询', '民政局'],
  区园林绿化局: ['环境卫生', '城管局'],
  社区居委会: ['安全隐患', null],
  区教委: ['政策咨询', '民政局'],
  区燃气公司: ['安全隐患', '住建局'],
  区疾控中心: ['环境卫生', null],
  区发改委: ['交通出行', '交通局'],
  区残联: ['政策咨询', '民政局'],
  区水务局: ['环境卫生', '水务局'],
};

// ---------------------------------------------------------------------------------------------------
// The injected subjects

/** The estate of the surge (a name bench/search-content.ts also composes, so it has appeals before). */
const SURGE_ESTATE = '锦绣华庭';
/** The surge's appeals yesterday and today (until the bench's now). */
const SURGE_APPEALS = { yesterday: 24, today: 36 };
/** The terms opinionTerms gives the surge's texts, none of which the history's texts yield. */
const SURGE_TERMS = ['抛物', '高空'];
const SURGE_OPENINGS = ['', '', '您好，', '我是锦绣华庭的业主，', '再次反映，', '紧急反映：', '领导您好，'];
const SURGE_PROBLEMS = ['又有人高空抛物', '发生高空抛物', '高空抛物问题越来越严重', '连续两天有人高空抛物', '楼上有人高空抛物'];
const SURGE_DETAILS = [
  '今天早上一个花盆从楼上掉下来，差点砸到孩子。',
  '昨晚有人从楼上扔酒瓶，砸坏了停在楼下的车。',
  '楼下晾的衣服上都是烟头和果皮。',
  '一袋垃圾从十几楼扔下来，砸到了一位老人。',
  '居民都不敢在楼下走，孩子放学只能绕着走。',
  '物业说没有监控，找不到是谁扔的。',
  '已经报警了，派出所说要等物业调监控。',
  '楼下的车棚顶被砸出了好几个洞。',
];
const SURGE_ASKS = ['希望物业尽快安装朝上的监控。', '请尽快查找抛物人。', '请相关部门尽快处理，太危险了。', '希望社区组织排查，给个说法。'];

/** The rising topic: a few a day for months, then more each day of the last week; the terms only its texts yield. */
const RISING_TERMS = ['电动', '自行车', '牌点', '过渡期'];
const RISING_BASELINE_PER_DAY = 2;
const RISING_DAYS = 7;
const RISING_PHRASES = [
  '电动自行车上牌难',
  '电动自行车上牌排长队',
  '新国标电动自行车上牌',
  '电动自行车上牌预约约不上',
  '超标电动自行车过渡期',
];
const RISING_DETAILS = [
  '上牌点排队要三个小时。',
  '网上预约一直约不上。',
  '过渡期快结束了，还没上牌，上路会不会被罚？',
  '合格证丢了不知道怎么补办。',
  '上牌点工作人员说超标车不能上牌。',
  '一个街道只有一个上牌点，太少了。',
  '希望延长过渡期，增加上牌点。',
];

/** Appeals of the rising topic on a day `ago` days before today: RISING_BASELINE_PER_DAY, then 2 more each day of the last week. */
const risingOn = (ago: number) => (ago < RISING_DAYS ? RISING_BASELINE_PER_DAY * (1 + RISING_DAYS - ago) : RISING_BASELINE_PER_DAY);

function sentences(rng: Rng, pool: string[], count: number): string {
  const chosen = new Set<string>();
  while (chosen.size < count) {
    chosen.add(pick(rng, pool));
  }
  return [...chosen].join('');
}

// ---------------------------------------------------------------------------------------------------
// Appeals

interface Draft {
  at: number;
  content: string;
  where: string;
  /** The address typed, or null (the citizen left it out). */
  address: string | null;
  category: string;
  /** The unit the appeal goes to, if it gets that far. */
  unitId: string;
  orgId: string;
}

function historyDraft(rng: Rng, district: District, at: number): Draft {
  const appeal = composeAppeal(rng);
  const [category, department] = HANDLING[appeal.problem.unit] ?? [];
  if (!category) {
    throw new Error(`no category for the unit "${appeal.problem.unit}" of bench/search-content.ts: add it to HANDLING`);
  }
  const community = communityOf(district, appeal.where);
  return {
    at,
    content: appeal.content,
    where: appeal.where,
    address: rng() < ADDRESS_SHARE ? appeal.where : null,
    category,
    unitId: department ? district.departments.get(department)! : community.id,
    orgId: rng() < ROOT_SHARE ? district.root : community.streetId,
  };
}

function surgeDraft(rng: Rng, district: District, at: number): Draft {
  const where = `${SURGE_ESTATE}${1 + Math.floor(rng() * 12)}号楼${1 + Math.floor(rng() * 4)}单元`;
  const community = communityOf(district, where);
  return {
    at,
    content: `${pick(rng, SURGE_OPENINGS)}${where}${pick(rng, SURGE_PROBLEMS)}，${sentences(rng, SURGE_DETAILS, 1 + Math.floor(rng() * 3))}${pick(rng, SURGE_ASKS)}`,
    where,
    address: where,
    category: '安全隐患',
    unitId: community.id,
    orgId: community.streetId,
  };
}

function risingDraft(rng: Rng, district: District, at: number): Draft {
  const where = place(rng);
  const community = communityOf(district, where);
  return {
    at,
    content: `我住在${where}，${pick(rng, RISING_PHRASES)}，${sentences(rng, RISING_DETAILS, 1 + Math.floor(rng() * 3))}`,
    where,
    address: rng() < ADDRESS_SHARE ? where : null,
    category: '交通出行',
    unitId: district.departments.get('交通局')!,
    orgId: rng() < ROOT_SHARE ? district.root : community.streetId,
  };
}

/**
 * An appeals row in the state its age gives it: the newest still waiting to be dispatched (no unit),
 * the last days' in progress at their unit, older ones closed (a few rejected, without a unit).
 */
function appealRow(ctx: AppContext, district: District, rng: Rng, draft: Draft, index: number, now: number): Appeal {
  const category = district.categories.get(draft.category)!;
  const ageHours = (now - draft.at) / HOUR_MS;
  const iso = (at: number) => new Date(Math.min(at, now)).toISOString();
  const state = ageHours < 2 && rng() < 0.6 ? 'received' : ageHours < 72 ? 'in_progress' : rng() < 0.96 ? 'closed' : 'rejected';
  const dispatchedAt = draft.at + (0.2 + rng() * 3) * HOUR_MS;
  const handled = state === 'in_progress' || state === 'closed';
  const closedAt = dispatchedAt + (1 + rng() * 10) * DAY_MS;
  return {
    ...NOTHING_DONE_YET,
    id: newId(),
    tracking_no: `${shanghaiDate(new Date(draft.at)).replaceAll('-', '')}${String(index).padStart(8, '0')}`,
    query_code_hash: ctx.crypto.hashCode(`Q${index}`),
    org_id: draft.orgId,
    category_code: category.code,
    appeal_type: category.appealType,
    urgency: 'normal',
    content: draft.content,
    address: draft.address,
    lat: null,
    lng: null,
    // The opinion module never reads who wrote: no contact details to encrypt.
    contact_name_enc: null,
    contact_phone_enc: null,
    phone_index: null,
    anonymous: 1,
    publicable: 0,
    submitter_id: null,
    channel: rng() < 0.8 ? 'h5' : 'console',
    state,
    unit_id: handled ? draft.unitId : null,
    version: state === 'received' ? 1 : state === 'in_progress' ? 3 : 5,
    dispatched_at: handled ? iso(dispatchedAt) : null,
    signed_at: handled ? iso(dispatchedAt + HOUR_MS) : null,
    closed_at: state === 'closed' ? iso(closedAt) : state === 'rejected' ? iso(draft.at + HOUR_MS) : null,
    close_reason: state === 'closed' ? 'rated' : state === 'rejected' ? 'out_of_scope' : null,
    received_at: new Date(draft.at).toISOString(),
    updated_at: iso(state === 'closed' ? closedAt : state === 'in_progress' ? dispatchedAt + HOUR_MS : draft.at),
  };
}

interface History {
  appeals: number;
  surge: number;
  rising: number;
  withAddress: number;
  dispatched: number;
  /** Appeals per day, oldest first, and the weekday of each. */
  perDay: { day: string; weekday: number; appeals: number }[];
  byOrg: Record<string, number>;
  generateMs: number;
  insertMs: number;
  analyzeMs: number;
  rowsPerSecond: number;
}

/**
 * The 90 days before the bench's now, bulk-inserted day by day in the order the appeals arrived: the
 * volume of each day by its weekday (±5 %), today's up to now, spread over the hours by HOUR_VOLUME;
 * the rising topic's and the surge's appeals among them.
 */
async function buildHistory(database: BenchDatabase, ctx: AppContext, district: District, total: number): Promise<History> {
  const rng = seededRng(3_000_000 + total);
  const today = shanghaiDate(ctx.clock.now());
  // The bench clock's start rather than its reading, so that every run builds the same history.
  const now = midnightOf(today) + NOW_HOUR * HOUR_MS;
  const days = Array.from({ length: DAYS }, (_, i) => {
    const day = addDays(today, -(DAYS - 1 - i));
    const start = midnightOf(day);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weight = WEEKDAY_VOLUME[weekday] * (0.95 + 0.1 * rng()) * arrivedShare(start, now);
    return { day, start, weekday, ago: DAYS - 1 - i, weight };
  });
  const injected = days.reduce((sum, day) => sum + Math.round(risingOn(day.ago) * arrivedShare(day.start, now)), 0);
  const surge = SURGE_APPEALS.yesterday + SURGE_APPEALS.today;
  const base = total - injected - surge;
  const weights = days.reduce((sum, day) => sum + day.weight, 0);
  const history: History = {
    appeals: 0,
    surge: 0,
    rising: 0,
    withAddress: 0,
    dispatched: 0,
    perDay: [],
    byOrg: {},
    generateMs: 0,
    insertMs: 0,
    analyzeMs: 0,
    rowsPerSecond: 0,
  };
  const orgName = new Map([[district.root, district.rootName], ...district.streets.map((street) => [street.id, street.name] as const)]);
  const inserter = appealInserter(database);
  let placed = 0;
  let weightSoFar = 0;
  try {
    for (const day of days) {
      const t0 = performance.now();
      weightSoFar += day.weight;
      // Rounded on the running sum, so the days add up to exactly `base`.
      const count = Math.round((base * weightSoFar) / weights) - placed;
      placed += count;
      const until = Math.min(now, day.start + DAY_MS);
      const drafts: Draft[] = [];
      for (let i = 0; i < count; i += 1) {
        drafts.push(historyDraft(rng, district, momentOf(rng, day.start, until)));
      }
      const rising = Math.round(risingOn(day.ago) * arrivedShare(day.start, now));
      for (let i = 0; i < rising; i += 1) {
        drafts.push(risingDraft(rng, district, momentOf(rng, day.start, until)));
      }
      const surgeToday = day.ago === 1 ? SURGE_APPEALS.yesterday : day.ago === 0 ? SURGE_APPEALS.today : 0;
      for (let i = 0; i < surgeToday; i += 1) {
        drafts.push(surgeDraft(rng, district, momentOf(rng, day.start, until)));
      }
      drafts.sort((a, b) => a.at - b.at);
      const rows = drafts.map((draft) => appealRow(ctx, district, rng, draft, (history.appeals += 1), now));
      const t1 = performance.now();
      for (let start = 0; start < rows.length; start += 5000) {
        await inserter.insert(rows.slice(start, start + 5000));
      }
      history.insertMs += since(t1);
      history.generateMs += t1 - t0;
      history.rising += rising;
      history.surge += surgeToday;
      history.withAddress += rows.filter((row) => row.address !== null).length;
      history.dispatched += rows.filter((row) => row.unit_id !== null).length;
      history.perDay.push({ day: day.day, weekday: day.weekday, appeals: rows.length });
      for (const row of rows) {
        const name = orgName.get(row.org_id)!;
        history.byOrg[name] = (history.byOrg[name] ?? 0) + 1;
      }
    }
    history.analyzeMs = await inserter.analyze();
  } finally {
    await inserter.close();
  }
  history.rowsPerSecond = history.appeals / (history.insertMs / 1000);
  return history;
}

/** New appeals arriving now (the history's mix), inserted but not counted: for the incremental counting. */
async function arrivals(
  database: BenchDatabase,
  ctx: AppContext,
  district: District,
  count: number,
  firstIndex: number,
): Promise<string[]> {
  const rng = seededRng(7_000_000 + firstIndex);
  const now = ctx.clock.now().getTime();
  const rows = Array.from({ length: count }, (_, i) =>
    appealRow(ctx, district, rng, historyDraft(rng, district, now - (count - i) * 1000), firstIndex + i, now),
  );
  const inserter = appealInserter(database);
  try {
    await inserter.insert(rows);
  } finally {
    await inserter.close();
  }
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------------
// Counting: the newest appeals through countAppeals (the outbox handler's and the backfill's path),
// the older ones in bulk, row for row what countAppeals writes

interface CountFigures {
  /** Appeals counted through countAppeals: those received on or after `from` (Shanghai day). */
  realPath: {
    from: string;
    appeals: number;
    batches: number;
    /** Time inside countAppeals. */
    countMs: number;
    /** Time to page through the appeals' ids (the bench's keyset loop, not part of the app's path). */
    idsMs: number;
    appealsPerSecond: number;
    /** Appeals counted per second over each tenth of the sample: does counting slow down as the tables grow? */
    byTenth: number[];
    /** From the sampled batches: the shares of countAppeals's time. */
    share: { read: number; terms: number; write: number };
    sample: { batches: number; appeals: number; readMs: number; termsMs: number; countMs: number };
    cpu: CpuReading;
  };
  /** The older appeals, day by day: the same rows built here and bulk-inserted. */
  bulk: { days: number; appeals: number; readMs: number; termsMs: number; insertMs: number; countRows: number; cpu: CpuReading };
  /** The rows the bulk fill builds for one day the real path counted, against the rows countAppeals wrote for it. */
  verified: { day: string; appeals: number; appealRows: number; countRows: number; identical: boolean };
  /** The backfill job's query (a batch of appeals not counted yet) before counting and after the bulk fill; all = backfillOpinionCounts finding none. */
  notCountedMs: { none: number; afterBulk: number; all: number };
  /** PostgreSQL: VACUUM (ANALYZE) of the opinion tables, as autovacuum would; SQLite: PRAGMA optimize, as the hourly job does. */
  maintenanceMs: number;
}

/** The query backfillOpinionCounts starts each batch with (src/modules/opinion/counting.ts). */
async function timeNotCounted(ctx: AppContext): Promise<number> {
  const started = performance.now();
  await ctx.db
    .selectFrom('appeals')
    .leftJoin('opinion_appeals', 'opinion_appeals.appeal_id', 'appeals.id')
    .where('opinion_appeals.appeal_id', 'is', null)
    .select('appeals.id')
    .limit(COUNT_BATCH)
    .execute();
  return since(started);
}

type OpinionAppealRow = Database['opinion_appeals'];
type CountRow = Database['opinion_counts'];
type SourceAppeal = Pick<Appeal, 'id' | 'org_id' | 'received_at' | 'category_code' | 'address' | 'content' | 'unit_id'>;

/**
 * What countAppeals writes for these appeals (src/modules/opinion/counting.ts): one opinion_appeals
 * row each, and per (organisation, facet, value, day, term) the number of appeals — term '' the appeal
 * itself; facets all, category, place when it has one, unit when it has one.
 */
function countedRows(segmenter: Awaited<ReturnType<typeof textSegmenter>>, appeals: SourceAppeal[], timing = { termsMs: 0 }) {
  const changes = new CountChanges();
  const appealRows: OpinionAppealRow[] = appeals.map((appeal) => {
    const t0 = performance.now();
    const row = countedAppeal(segmenter, appeal);
    timing.termsMs += since(t0);
    changes.add(row, 1);
    return row;
  });
  return { appealRows, countRows: changes.rows() };
}

/** Bulk INSERT into the opinion tables over a connection of its own, one transaction per call. */
function opinionInserter(database: BenchDatabase) {
  const sqlite = database.dialect === 'sqlite' ? openSqlite(database.file!) : null;
  const pool = database.dialect === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 1 }) : null;
  const APPEAL_COLUMNS = ['appeal_id', 'org_id', 'day', 'category_code', 'place', 'unit_id', 'terms'] as const;
  const COUNT_COLUMNS = ['org_id', 'facet', 'value', 'day', 'term', 'count'] as const;
  const insertSqlite = (table: string, columns: readonly string[]) =>
    sqlite!.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
  const insertPostgres = (table: string, columns: readonly string[]) =>
    `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${c === 'count' ? 'int4' : 'text'}[]`).join(', ')})`;
  return {
    async insert(appealRows: OpinionAppealRow[], countRows: CountRow[]): Promise<void> {
      if (sqlite) {
        const appeals = insertSqlite('opinion_appeals', APPEAL_COLUMNS);
        const counts = insertSqlite('opinion_counts', COUNT_COLUMNS);
        sqlite.transaction(() => {
          for (const row of appealRows) {
            appeals.run(row);
          }
          for (const row of countRows) {
            counts.run(row);
          }
        })();
        return;
      }
      const client = await pool!.connect();
      try {
        await client.query('begin');
        await client.query(
          insertPostgres('opinion_appeals', APPEAL_COLUMNS),
          APPEAL_COLUMNS.map((column) => appealRows.map((row) => row[column])),
        );
        await client.query(
          insertPostgres('opinion_counts', COUNT_COLUMNS),
          COUNT_COLUMNS.map((column) => countRows.map((row) => row[column])),
        );
        await client.query('commit');
      } finally {
        client.release();
      }
    },
    async close(): Promise<void> {
      sqlite?.close();
      await pool?.end();
    },
  };
}

const appealsOfDays = (ctx: AppContext, from: string, to: string): Promise<SourceAppeal[]> =>
  ctx.db
    .selectFrom('appeals')
    .select(['id', 'org_id', 'received_at', 'category_code', 'address', 'content', 'unit_id'])
    .where('received_at', '>=', new Date(midnightOf(from)).toISOString())
    .where('received_at', '<', new Date(midnightOf(to)).toISOString())
    .execute();

/** The appeals of these days, day by day: read, their rows built (countedRows), bulk-inserted. */
async function bulkFill(bench: BenchApp, database: BenchDatabase, days: string[]): Promise<CountFigures['bulk']> {
  const segmenter = await textSegmenter(bench.ctx);
  const figures = { days: days.length, appeals: 0, readMs: 0, termsMs: 0, insertMs: 0, countRows: 0 };
  const inserter = opinionInserter(database);
  const meter = cpuMeter();
  try {
    for (const day of days) {
      const t0 = performance.now();
      const appeals = await appealsOfDays(bench.ctx, day, addDays(day, 1));
      figures.readMs += since(t0);
      const timing = { termsMs: 0 };
      const { appealRows, countRows } = countedRows(segmenter, appeals, timing);
      figures.termsMs += timing.termsMs;
      const t1 = performance.now();
      await inserter.insert(appealRows, countRows);
      figures.insertMs += since(t1);
      figures.appeals += appeals.length;
      figures.countRows += countRows.length;
    }
  } finally {
    await inserter.close();
  }
  return { ...figures, cpu: meter() };
}

/**
 * The appeals received on or after the day `from` counted through countAppeals, COUNT_BATCH at a time
 * in arrival order. The bench pages with a keyset rather than calling backfillOpinionCounts, whose
 * query skips every counted appeal again on each batch (timed on its own).
 */
async function countThroughModule(bench: BenchApp, from: string, total: number): Promise<CountFigures['realPath']> {
  const { ctx } = bench;
  const segmenter = await textSegmenter(ctx);
  const sample = { batches: 0, appeals: 0, readMs: 0, termsMs: 0, countMs: 0 };
  const byTenth: number[] = [];
  let tenthStarted = performance.now();
  let tenthAppeals = 0;
  let countMs = 0;
  let idsMs = 0;
  let appeals = 0;
  let batches = 0;
  const meter = cpuMeter();
  for await (const { ids, readMs } of appealIdBatches(ctx.db, COUNT_BATCH, new Date(midnightOf(from)).toISOString())) {
    idsMs += readMs;
    const sampled = batches % SAMPLE_EVERY === 0;
    if (sampled) {
      // The read and the terms countAppeals computes, timed on their own.
      const t1 = performance.now();
      const texts = await ctx.db.selectFrom('appeals').select(['content', 'address']).where('id', 'in', ids).execute();
      const t2 = performance.now();
      for (const text of texts) {
        opinionTerms(segmenter, text.content, placeOf(text.address));
      }
      sample.readMs += t2 - t1;
      sample.termsMs += since(t2);
    }
    const t3 = performance.now();
    const counted = await countAppeals(ctx, ids);
    const batchMs = since(t3);
    if (counted !== ids.length) {
      throw new Error(`countAppeals counted ${counted} of ${ids.length} appeals`);
    }
    countMs += batchMs;
    if (sampled) {
      sample.batches += 1;
      sample.appeals += ids.length;
      sample.countMs += batchMs;
    }
    appeals += ids.length;
    tenthAppeals += ids.length;
    batches += 1;
    if (appeals * 10 >= (byTenth.length + 1) * total) {
      byTenth.push(tenthAppeals / (since(tenthStarted) / 1000));
      console.log(
        `  ${String(byTenth.length * 10).padStart(3)} %: ${appeals} appeals, ${num(byTenth[byTenth.length - 1])}/s over the last tenth, ${num(countMs / 1000, 1)} s in countAppeals`,
      );
      tenthStarted = performance.now();
      tenthAppeals = 0;
    }
  }
  const cpu = meter();
  const read = sample.readMs / sample.countMs;
  const terms = sample.termsMs / sample.countMs;
  return {
    from,
    appeals,
    batches,
    countMs,
    idsMs,
    appealsPerSecond: appeals / (countMs / 1000),
    byTenth,
    share: { read, terms, write: 1 - read - terms },
    sample,
    cpu,
  };
}

const rowKey = (row: object, columns: readonly string[]) =>
  JSON.stringify(columns.map((column) => (row as Record<string, unknown>)[column] ?? null));

/** The rows the bulk fill would build for a day, against what countAppeals wrote for it. */
async function verifyDay(bench: BenchApp, day: string): Promise<CountFigures['verified']> {
  const { db } = bench.ctx;
  const built = countedRows(await textSegmenter(bench.ctx), await appealsOfDays(bench.ctx, day, addDays(day, 1)));
  const appealColumns = ['appeal_id', 'org_id', 'day', 'category_code', 'place', 'unit_id', 'terms'];
  const countColumns = ['org_id', 'facet', 'value', 'day', 'term', 'count'];
  const stored = {
    appeals: await db.selectFrom('opinion_appeals').selectAll().where('day', '=', day).execute(),
    counts: await db.selectFrom('opinion_counts').selectAll().where('day', '=', day).execute(),
  };
  const same = (a: object[], b: object[], columns: string[]) => {
    const left = a.map((row) => rowKey(row, columns)).sort();
    const right = b.map((row) => rowKey(row, columns)).sort();
    return left.length === right.length && left.every((key, i) => key === right[i]);
  };
  return {
    day,
    appeals: built.appealRows.length,
    appealRows: stored.appeals.length,
    countRows: stored.counts.length,
    identical:
      same(built.appealRows, stored.appeals, appealColumns) &&
      same(
        built.countRows,
        stored.counts.map((row) => ({ ...row, count: Number(row.count) })),
        countColumns,
      ),
  };
}

/**
 * Every appeal counted: the days before the newest `realPathAppeals` appeals' first day in bulk, then
 * those through countAppeals — the outbox's work, on tables that already hold the older days.
 */
async function countAll(bench: BenchApp, database: BenchDatabase, history: History, realPathAppeals: number): Promise<CountFigures> {
  const { ctx } = bench;
  // jieba's tables and the IDF load on first use: not part of any batch's time.
  opinionTerms(await textSegmenter(ctx), '小区路灯不亮，晚上出行不便。', '');
  let fromIndex = history.perDay.length;
  let newest = 0;
  while (fromIndex > 0 && newest < realPathAppeals) {
    fromIndex -= 1;
    newest += history.perDay[fromIndex].appeals;
  }
  const from = history.perDay[fromIndex].day;
  const notCountedMs = { none: await timeNotCounted(ctx), afterBulk: NaN, all: NaN };
  const bulkDays = history.perDay.slice(0, fromIndex).map((day) => day.day);
  console.log(`  ${bulkDays.length} days in bulk, then ${newest} appeals from ${from} through countAppeals`);
  const bulk = await bulkFill(bench, database, bulkDays);
  console.log(
    `  bulk: ${bulk.appeals} appeals, ${bulk.countRows} count rows in ${num((bulk.readMs + bulk.termsMs + bulk.insertMs) / 1000, 1)} s`,
  );
  notCountedMs.afterBulk = await timeNotCounted(ctx);
  await waitForQuiet();
  const realPath = await countThroughModule(bench, from, newest);
  const t0 = performance.now();
  const missed = await backfillOpinionCounts(ctx, 1);
  notCountedMs.all = since(t0);
  if (missed !== 0) {
    throw new Error(`backfillOpinionCounts found ${missed} appeals the bench did not count`);
  }
  const verified = await verifyDay(bench, from);
  if (!verified.identical) {
    throw new Error(`the bulk fill's rows for ${from} differ from those countAppeals wrote`);
  }
  const t1 = performance.now();
  if (database.dialect === 'postgres') {
    await sql`vacuum (analyze) opinion_appeals, opinion_counts`.execute(ctx.db);
  } else {
    await sql`pragma optimize = 0x10002`.execute(ctx.db);
  }
  return { realPath, bulk, verified, notCountedMs, maintenanceMs: since(t1) };
}

// ---------------------------------------------------------------------------------------------------
// Direct access to the bench database (sizes, checks, plans)

const OPINION_TABLES = ['opinion_appeals', 'opinion_counts'];

interface SizeFigures {
  /** SQLite: the database file after a WAL checkpoint; PostgreSQL: pg_database_size. */
  databaseBytes: number;
  appealsBytes: number;
  rows: Record<string, number>;
  /** Each table (PostgreSQL: its heap, and TOAST with the free-space and visibility maps) and index. */
  objects: { name: string; table: string; kind: 'table' | 'index'; bytes: number }[];
  /** opinion_counts by facet: rows, and the appeals they count (term ''). */
  facets: { facet: string; rows: number; appeals: number }[];
}

async function sizes(db: Direct, database: BenchDatabase): Promise<SizeFigures> {
  const objects: SizeFigures['objects'] = [];
  const rows: Record<string, number> = {};
  for (const table of OPINION_TABLES) {
    rows[table] = Number((await db.all<{ n: number | string }>(`select count(*) as n from ${table}`))[0].n);
  }
  let databaseBytes: number;
  let appealsBytes = 0;
  if (database.dialect === 'sqlite') {
    await db.all('pragma wal_checkpoint(truncate)');
    databaseBytes = statSync(database.file!).size;
    const bytesOf = async (name: string) =>
      Number(
        (await db.all<{ bytes: number | null }>('select sum(pgsize) as bytes from dbstat where name = ? and aggregate = 1', [name]))[0]
          .bytes ?? 0,
      );
    for (const object of await db.all<{ name: string; tbl_name: string; type: 'table' | 'index' }>(
      `select name, tbl_name, type from sqlite_schema where tbl_name in ('appeals', ${OPINION_TABLES.map((t) => `'${t}'`).join(', ')})
          and type in ('table', 'index') order by tbl_name, type desc, name`,
    )) {
      const bytes = await bytesOf(object.name);
      if (object.tbl_name === 'appeals') {
        appealsBytes += bytes;
      } else {
        objects.push({ name: object.name, table: object.tbl_name, kind: object.type, bytes });
      }
    }
  } else {
    databaseBytes = Number((await db.all<{ bytes: string }>('select pg_database_size(current_database()) as bytes'))[0].bytes);
    appealsBytes = Number((await db.all<{ bytes: string }>("select pg_total_relation_size('appeals') as bytes"))[0].bytes);
    for (const table of OPINION_TABLES) {
      const [size] = await db.all<{ heap: string; rest: string }>(
        `select pg_relation_size('${table}') as heap, pg_table_size('${table}') - pg_relation_size('${table}') as rest`,
      );
      objects.push({ name: `${table} (heap)`, table, kind: 'table', bytes: Number(size.heap) });
      objects.push({ name: `${table} (TOAST, FSM, VM)`, table, kind: 'table', bytes: Number(size.rest) });
      for (const index of await db.all<{ name: string; bytes: string }>(
        `select c.relname as name, pg_relation_size(c.oid) as bytes from pg_index i join pg_class c on c.oid = i.indexrelid
          where i.indrelid = '${table}'::regclass order by c.relname`,
      )) {
        objects.push({ name: index.name, table, kind: 'index', bytes: Number(index.bytes) });
      }
    }
  }
  const facets = (
    await db.all<{ facet: string; rows: number | string; appeals: number | string }>(
      "select facet, count(*) as rows, sum(case when term = '' then count else 0 end) as appeals from opinion_counts group by facet order by facet",
    )
  ).map((row) => ({ facet: row.facet, rows: Number(row.rows), appeals: Number(row.appeals) }));
  return { databaseBytes, appealsBytes, rows, objects, facets };
}

/** What the counts must add up to: every appeal once overall and by category, those with a place and those with a unit once each. */
function checkCounts(history: History, figures: SizeFigures): string[] {
  const expected: Record<string, number> = {
    all: history.appeals,
    category: history.appeals,
    place: history.withAddress,
    unit: history.dispatched,
  };
  const problems: string[] = [];
  for (const [facet, appeals] of Object.entries(expected)) {
    const found = figures.facets.find((row) => row.facet === facet)?.appeals ?? 0;
    if (found !== appeals) {
      problems.push(`facet ${facet}: ${found} appeals counted, expected ${appeals}`);
    }
  }
  if (figures.rows.opinion_appeals !== history.appeals) {
    problems.push(`opinion_appeals holds ${figures.rows.opinion_appeals} rows, expected ${history.appeals}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// The refresh: each step timed in this process (functions) or through HTTP (the route)

type StepRun = (db: Kysely<Database>) => Promise<unknown>;

interface StepSpec {
  name: string;
  /** A function of the module, called in this process with the app's connection. */
  run?: StepRun;
  /** Or a GET through real HTTP from the load generator, as this user. */
  path?: string;
  userId?: string;
}

interface StepResult {
  name: string;
  latency: Summary;
  iterations: number;
  attempts: number;
  otherCores: number;
  disturbed: boolean;
}

async function timeFunction(bench: BenchApp, spec: StepSpec, run: StepRun): Promise<Omit<StepResult, 'name'>> {
  await waitForQuiet(STEP_QUIET_SECONDS);
  const t0 = performance.now();
  await run(bench.ctx.db);
  const iterations = Math.max(MIN_ITERATIONS, Math.min(plan.iterations, Math.floor(STEP_BUDGET_MS / Math.max(1, since(t0)))));
  const entry = await measureUndisturbed(
    2,
    async () => {
      for (let i = 1; i < plan.warmup; i += 1) {
        await run(bench.ctx.db);
      }
      const meter = cpuMeter();
      const times: number[] = [];
      for (let i = 0; i < iterations; i += 1) {
        const started = performance.now();
        await run(bench.ctx.db);
        times.push(since(started));
      }
      return { latency: summarize(times), otherCores: meter().otherCores };
    },
    STEP_QUIET_SECONDS,
  );
  return { ...entry, iterations, disturbed: entry.otherCores > DISTURBED_CORES };
}

/** A fresh session: the desk's sessions were opened before seeding and counting, which outlast the idle timeout on a full run. */
async function signIn(bench: BenchApp, userId: string): Promise<string> {
  const { username } = await bench.ctx.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
  const response = await bench.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in failed: ${response.body}`);
  }
  return String(response.headers['set-cookie']).split(';')[0];
}

async function timeRoute(bench: BenchApp, loadgen: LoadGenerator, spec: StepSpec): Promise<Omit<StepResult, 'name'>> {
  const cookie = await signIn(bench, spec.userId!);
  await waitForQuiet(STEP_QUIET_SECONDS);
  const t0 = performance.now();
  const probe = await fetch(`${bench.url}${spec.path}`, { headers: { cookie } });
  if (probe.status !== 200) {
    throw new Error(`GET ${spec.path}: ${probe.status} ${await probe.text()}`);
  }
  await probe.arrayBuffer();
  const iterations = Math.max(MIN_ITERATIONS, Math.min(plan.iterations, Math.floor(STEP_BUDGET_MS / Math.max(1, since(t0)))));
  const entry = await measureUndisturbed(
    2,
    () => loadgen.timeRequests({ url: bench.url, request: { name: spec.name, path: spec.path!, cookie }, warmup: plan.warmup, iterations }),
    STEP_QUIET_SECONDS,
  );
  const { latency, attempts, otherCores } = entry;
  return { latency, iterations, attempts, otherCores, disturbed: otherCores > DISTURBED_CORES };
}

async function timeSteps(bench: BenchApp, loadgen: LoadGenerator, specs: StepSpec[]): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const spec of specs) {
    const entry = spec.run ? await timeFunction(bench, spec, spec.run) : await timeRoute(bench, loadgen, spec);
    console.log(
      `  ${spec.name.padEnd(52)} p50 ${ms(entry.latency.p50).padStart(8)}  p95 ${ms(entry.latency.p95).padStart(8)}  max ${ms(entry.latency.max).padStart(8)} ms  (${entry.iterations})` +
        (entry.disturbed ? `  other work ${num(entry.otherCores, 2)} cores` : ''),
    );
    results.push({ name: spec.name, ...entry });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------
// Statements: what each step runs, its database time and plan

interface Statement {
  sql: string;
  parameters: readonly unknown[];
  /** Times the step ran it (per call). */
  calls: number;
  /** Median over the repeats of its total time per call of the step. */
  medianMs: number;
  plan: string;
}

/**
 * Runs each function step dbRepeats times on a logging connection; per distinct statement text, its
 * calls and median time per step, slowest first, and the plan of each select.
 */
async function diagnose(database: BenchDatabase, specs: StepSpec[]): Promise<Record<string, Statement[]>> {
  const sink: { events: LogEvent[] | null } = { events: null };
  const db = loggingDb(database, sink);
  const plans = direct(database);
  const result: Record<string, Statement[]> = {};
  try {
    for (const spec of specs.filter((candidate) => candidate.run)) {
      const byText = new Map<string, { parameters: readonly unknown[]; runs: number[]; calls: number }>();
      for (let repeat = 0; repeat < plan.dbRepeats; repeat += 1) {
        sink.events = [];
        await spec.run!(db);
        const perText = new Map<string, { ms: number; calls: number; parameters: readonly unknown[] }>();
        for (const event of sink.events) {
          const entry = perText.get(event.query.sql) ?? { ms: 0, calls: 0, parameters: event.query.parameters };
          // The slowest call's parameters, for its plan.
          if (event.queryDurationMillis > entry.ms / Math.max(1, entry.calls)) {
            entry.parameters = event.query.parameters;
          }
          entry.ms += event.queryDurationMillis;
          entry.calls += 1;
          perText.set(event.query.sql, entry);
        }
        sink.events = null;
        for (const [text, entry] of perText) {
          const stored = byText.get(text) ?? { parameters: entry.parameters, runs: [], calls: entry.calls };
          stored.runs.push(entry.ms);
          byText.set(text, stored);
        }
      }
      const statements: Statement[] = [];
      for (const [text, entry] of byText) {
        statements.push({
          sql: text,
          parameters: entry.parameters,
          calls: entry.calls,
          medianMs: median(entry.runs),
          plan: /^\s*(select|with)\b/i.test(text) ? await explain(plans, text, entry.parameters) : '',
        });
      }
      result[spec.name] = statements.sort((a, b) => b.medianMs - a.medianMs);
    }
    return result;
  } finally {
    await plans.close();
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------
// Counting what arrives: one new appeal, a batch of 100

interface Incremental {
  single: Summary;
  batch: Summary;
  batchAppealsPerSecond: number;
}

async function timeIncremental(bench: BenchApp, database: BenchDatabase, district: District, firstIndex: number): Promise<Incremental> {
  const ids = await arrivals(database, bench.ctx, district, plan.singles + plan.batches * NEW_BATCH, firstIndex);
  await waitForQuiet();
  const single: number[] = [];
  for (const id of ids.slice(0, plan.singles)) {
    const started = performance.now();
    if ((await countAppeals(bench.ctx, [id])) !== 1) {
      throw new Error(`appeal ${id} was not counted`);
    }
    single.push(since(started));
  }
  const batch: number[] = [];
  for (let i = plan.singles; i < ids.length; i += NEW_BATCH) {
    const started = performance.now();
    if ((await countAppeals(bench.ctx, ids.slice(i, i + NEW_BATCH))) !== NEW_BATCH) {
      throw new Error('a batch of new appeals was not counted whole');
    }
    batch.push(since(started));
  }
  const summary = summarize(batch);
  return { single: summarize(single), batch: summary, batchAppealsPerSecond: NEW_BATCH / (summary.p50 / 1000) };
}

// ---------------------------------------------------------------------------------------------------
// What the refresh found

interface Findings {
  /** Alerts the first run of the job raised, and how long that run took (it also writes the notifications). */
  raised: number;
  firstRunMs: number;
  alerts: { org: string; term: string; day: string; observed: number; expected: number; pValue: number; relatedTerms: string[] }[];
  /** Alerts of the surge's organisation for the surge's terms: exactly one when the job found it. */
  surgeAlerts: number;
  risingAlerts: number;
  /** Hot topics of the overview, per scope; the rank (1 = first) of the surge's and the rising topic's. */
  topics: {
    scope: string;
    surgeRank: number | null;
    risingRank: number | null;
    top: { terms: string[]; recent: number; expected: number; score: number }[];
  }[];
}

const rankOf = (overview: OpinionOverview, terms: string[]) => {
  const index = overview.topics.findIndex((topic) => topic.terms.some((term) => terms.includes(term)));
  return index < 0 ? null : index + 1;
};

async function alertFindings(bench: BenchApp, surgeOrg: string): Promise<Omit<Findings, 'raised' | 'firstRunMs' | 'topics'>> {
  const rows = await bench.ctx.db
    .selectFrom('opinion_alerts')
    .innerJoin('orgs', 'orgs.id', 'opinion_alerts.org_id')
    .select(['orgs.name', 'opinion_alerts.org_id', 'term', 'day', 'observed', 'expected', 'p_value', 'related_terms'])
    .orderBy('p_value')
    .execute();
  const alerts = rows.map((row) => ({
    org: row.name,
    orgId: row.org_id,
    term: row.term,
    day: row.day,
    observed: row.observed,
    expected: row.expected,
    pValue: row.p_value,
    relatedTerms: JSON.parse(row.related_terms) as string[],
  }));
  return {
    alerts: alerts.map(({ orgId: _, ...alert }) => alert),
    surgeAlerts: alerts.filter((alert) => alert.orgId === surgeOrg && SURGE_TERMS.includes(alert.term)).length,
    risingAlerts: alerts.filter((alert) => RISING_TERMS.includes(alert.term)).length,
  };
}

// ---------------------------------------------------------------------------------------------------

const progress = new RunProgress('opinion', args, plan);

async function benchDialect(dialect: Dialect, loadgen: LoadGenerator) {
  console.log(`\n=== ${dialect}: setting up`);
  const started = performance.now();
  const durations: Record<string, number> = {};
  const step = progress.stepper(dialect, durations);
  const database = await createBenchDatabase(dialect);
  const clock = benchClock();
  const bench = await startBenchApp(database, { clock });
  const db = direct(database);
  try {
    const { ctx, app } = bench;
    const today = shanghaiDate(clock.now());
    const desk = await createDesk(ctx, app, seededRng(4242));
    const district = await loadDistrict(ctx, desk);
    const surgeCommunity = communityOf(district, `${SURGE_ESTATE}1号楼`);
    const surgeStreet = district.streets.find((street) => street.id === surgeCommunity.streetId)!;
    const leaderAll = await createTestUser(ctx, app, { orgId: district.root, role: 'leader', scope: 'all', name: '孙书记' });
    const streetLeader = await createTestUser(ctx, app, { orgId: surgeStreet.id, role: 'leader', scope: 'org', name: '周主任' });

    console.log(
      `${dialect}: building ${plan.appeals} appeals over ${DAYS} days up to ${clock.now().toISOString()} (${today} ${NOW_HOUR}:00 Shanghai)`,
    );
    await waitForQuiet();
    const seedMeter = cpuMeter();
    const history = await step('seed', () => buildHistory(database, ctx, district, plan.appeals));
    const seedCpu = seedMeter();
    console.log(
      `${dialect}: ${history.appeals} appeals generated in ${num(history.generateMs / 1000, 1)} s, inserted in ${num(history.insertMs / 1000, 1)} s ` +
        `(${num(history.rowsPerSecond)} rows/s); ${history.surge} of the surge, ${history.rising} of the rising topic; ` +
        `${num((100 * history.withAddress) / history.appeals)} % with an address, ${num((100 * history.dispatched) / history.appeals)} % at a unit`,
    );

    console.log(`${dialect}: counting, the newest ${plan.realPathAppeals} or so through countAppeals (${COUNT_BATCH} at a time)`);
    await waitForQuiet();
    const counting = await step('count', () => countAll(bench, database, history, plan.realPathAppeals));
    const { realPath } = counting;
    console.log(
      `${dialect}: counted ${realPath.appeals} appeals through countAppeals in ${num(realPath.countMs / 1000, 1)} s: ${num(realPath.appealsPerSecond)} appeals/s ` +
        `(terms ${num(100 * realPath.share.terms)} %, read ${num(100 * realPath.share.read)} %, writes ${num(100 * realPath.share.write)} %; other work ${num(realPath.cpu.otherCores, 2)} cores); ` +
        `bulk rows of ${counting.verified.day} identical to countAppeals's: ${counting.verified.identical}`,
    );
    const size = await step('sizes', () => sizes(db, database));
    const problems = checkCounts(history, size);
    if (problems.length > 0) {
      throw new Error(`the counts do not add up: ${problems.join('; ')}`);
    }

    console.log(`${dialect}: the alert job's first run`);
    await waitForQuiet();
    const t0 = performance.now();
    const raised = await raiseSurgeAlerts(ctx.db, clock);
    const firstRunMs = since(t0);
    const alerts = await alertFindings(bench, surgeStreet.id);
    console.log(
      `${dialect}: raised ${raised} alerts in ${ms(firstRunMs)} ms; ${alerts.surgeAlerts} for the surge (${SURGE_TERMS.join('/')} in ${surgeStreet.name}), ` +
        `${alerts.risingAlerts} for the rising topic`,
    );

    const [busiestUnit] = await ctx.db
      .selectFrom('opinion_appeals')
      .innerJoin('orgs', 'orgs.id', 'opinion_appeals.unit_id')
      .select(['orgs.id', 'orgs.name', (eb) => eb.fn.countAll<number>().as('appeals')])
      .groupBy(['orgs.id', 'orgs.name'])
      .orderBy('appeals', 'desc')
      .limit(1)
      .execute();
    const scopes: { name: string; scope: CountScope }[] = [
      { name: 'leader of everything (scope all)', scope: { orgs: 'all', facet: 'all', value: '' } },
      { name: `one receiving organisation (${surgeStreet.name})`, scope: { orgs: new Set([surgeStreet.id]), facet: 'all', value: '' } },
      { name: `place ${SURGE_ESTATE} (scope all)`, scope: { orgs: 'all', facet: 'place', value: SURGE_ESTATE } },
      { name: `unit ${busiestUnit.name} (scope all)`, scope: { orgs: 'all', facet: 'unit', value: busiestUnit.id } },
    ];
    const topics: Findings['topics'] = [];
    for (const { name, scope } of scopes) {
      const overview = await opinionOverview(ctx.db, scope, today);
      topics.push({
        scope: name,
        surgeRank: rankOf(overview, SURGE_TERMS),
        risingRank: rankOf(overview, RISING_TERMS),
        top: overview.topics.map(({ terms, recent, expected, score }) => ({ terms, recent, expected, score })),
      });
    }
    const findings: Findings = { raised, firstRunMs, ...alerts, topics };
    progress.note({ findings });

    const specs: StepSpec[] = [
      { name: 'raiseSurgeAlerts (the alert job, again)', run: (stepDb) => raiseSurgeAlerts(stepDb, clock) },
      ...scopes.map(({ name, scope }) => ({
        name: `opinionOverview, ${name}`,
        run: (stepDb: Kysely<Database>) => opinionOverview(stepDb, scope, today),
      })),
      { name: 'placeList (scope all)', run: (stepDb) => placeList(stepDb, 'all', today) },
      { name: `placeList (${surgeStreet.name})`, run: (stepDb) => placeList(stepDb, new Set([surgeStreet.id]), today) },
      { name: 'GET /api/opinion/overview, leader (scope all)', path: '/api/opinion/overview', userId: leaderAll.user.id },
      { name: `GET /api/opinion/overview, leader of ${surgeStreet.name}`, path: '/api/opinion/overview', userId: streetLeader.user.id },
    ];
    console.log(`${dialect}: timing the refresh`);
    const steps = await step('refresh', () => timeSteps(bench, loadgen, specs));
    console.log(`${dialect}: diagnosing (SQL, database time, plans)`);
    const statements = await step('diagnose', () => diagnose(database, specs));
    console.log(`${dialect}: counting new appeals: ${plan.singles} one at a time, ${plan.batches} batches of ${NEW_BATCH}`);
    const incremental = await step('incremental', () => timeIncremental(bench, database, district, history.appeals + 1));
    durations.total = since(started) / 1000;
    return {
      dialect,
      today,
      surgeOrg: surgeStreet.name,
      busiestUnit: busiestUnit.name,
      history,
      seedCpu,
      counting,
      size,
      findings,
      steps,
      statements,
      incremental,
      durations,
    };
  } finally {
    await db.close();
    await bench.close();
    if (plan.keepDatabase) {
      console.log(`${dialect}: kept the bench database ${database.file ?? database.url}`);
    } else {
      await database.drop();
    }
  }
}

type DialectResult = Awaited<ReturnType<typeof benchDialect>>;

const pct = (share: number) => `${num(100 * share)} %`;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const shortParameters = (parameters: readonly unknown[]) =>
  JSON.stringify(parameters.map((value) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 77)}…` : value)));

function report(r: DialectResult): void {
  const { history, counting, size, findings } = r;
  const { realPath } = counting;
  const weekdays = [0, 1, 2, 3, 4, 5, 6].map((weekday) => {
    const days = history.perDay.slice(0, -1).filter((day) => day.weekday === weekday);
    return days.reduce((sum, day) => sum + day.appeals, 0) / Math.max(1, days.length);
  });
  printTable(
    `${r.dialect}: history and counting (${history.appeals} appeals, ${DAYS} days up to ${r.today} ${NOW_HOUR}:00 Shanghai)`,
    ['step', 'value'],
    [
      [
        'appeals per day: mean Mon–Fri / Sat / Sun',
        `${num(weekdays.slice(1, 6).reduce((a, b) => a + b, 0) / 5)} / ${num(weekdays[6])} / ${num(weekdays[0])}`,
      ],
      [
        'appeals by receiving organisation',
        Object.entries(history.byOrg)
          .map(([name, n]) => `${name} ${n}`)
          .join(', '),
      ],
      [
        'with an address (a place) / at a unit',
        `${pct(history.withAddress / history.appeals)} / ${pct(history.dispatched / history.appeals)}`,
      ],
      ['injected: surge / rising topic', `${history.surge} (${SURGE_ESTATE}, ${r.surgeOrg}) / ${history.rising}`],
      ['seed: generate / insert (s)', `${num(history.generateMs / 1000, 1)} / ${num(history.insertMs / 1000, 1)}`],
      [
        'bulk fill of the older days: days, appeals, count rows',
        `${counting.bulk.days}, ${counting.bulk.appeals}, ${counting.bulk.countRows}`,
      ],
      [
        'bulk fill: read / terms / insert (s)',
        `${num(counting.bulk.readMs / 1000, 1)} / ${num(counting.bulk.termsMs / 1000, 1)} / ${num(counting.bulk.insertMs / 1000, 1)}`,
      ],
      [
        `bulk rows of ${counting.verified.day} = countAppeals's (${counting.verified.appealRows} appeals, ${counting.verified.countRows} count rows)`,
        counting.verified.identical ? 'identical' : 'DIFFERENT',
      ],
      [`countAppeals: appeals from ${realPath.from} (batches of ${COUNT_BATCH})`, realPath.appeals],
      ['countAppeals: time (s)', num(realPath.countMs / 1000, 1)],
      ['countAppeals: appeals/s', num(realPath.appealsPerSecond)],
      ['countAppeals: appeals/s by tenth', realPath.byTenth.map((rate) => num(rate)).join(' ')],
      [
        'countAppeals: terms (jieba, TF-IDF) / read / writes',
        `${pct(realPath.share.terms)} / ${pct(realPath.share.read)} / ${pct(realPath.share.write)}`,
      ],
      [`all ${history.appeals} at that rate (min)`, num(history.appeals / realPath.appealsPerSecond / 60, 1)],
      ['countAppeals: paging the ids (bench loop, s)', num(realPath.idsMs / 1000, 1)],
      [
        "backfill job's query: none / all but the newest / all counted (ms)",
        `${ms(counting.notCountedMs.none)} / ${ms(counting.notCountedMs.afterBulk)} / ${ms(counting.notCountedMs.all)}`,
      ],
      [
        r.dialect === 'postgres' ? 'vacuum (analyze) of the opinion tables (s)' : 'pragma optimize (s)',
        num(counting.maintenanceMs / 1000, 1),
      ],
      [
        'other work during seed / bulk / countAppeals (cores)',
        `${num(r.seedCpu.otherCores, 2)} / ${num(counting.bulk.cpu.otherCores, 2)} / ${num(realPath.cpu.otherCores, 2)}`,
      ],
      [
        'count one new appeal: p50 / p95 / max (ms)',
        `${ms(r.incremental.single.p50)} / ${ms(r.incremental.single.p95)} / ${ms(r.incremental.single.max)}`,
      ],
      [
        `count a batch of ${NEW_BATCH}: p50 / p95 / max (ms)`,
        `${ms(r.incremental.batch.p50)} / ${ms(r.incremental.batch.p95)} / ${ms(r.incremental.batch.max)} (${num(r.incremental.batchAppealsPerSecond)} appeals/s)`,
      ],
    ],
  );
  printTable(
    `${r.dialect}: sizes`,
    ['object', 'rows', 'MB'],
    [
      [r.dialect === 'sqlite' ? 'database file' : 'pg_database_size', '', num(mb(size.databaseBytes), 1)],
      ['appeals (table and indexes)', history.appeals, num(mb(size.appealsBytes), 1)],
      ...size.objects.map((object) => [
        `${object.kind === 'index' ? '  index ' : ''}${object.name}`,
        object.kind === 'table' && !object.name.includes('TOAST') ? size.rows[object.table] : '',
        num(mb(object.bytes), 1),
      ]),
      ...OPINION_TABLES.map((table) => [
        `${table}, all objects`,
        size.rows[table],
        num(mb(size.objects.filter((object) => object.table === table).reduce((sum, object) => sum + object.bytes, 0)), 1),
      ]),
      ...size.facets.map((facet) => [`opinion_counts, facet ${facet.facet}`, facet.rows, `${facet.appeals} appeals`]),
    ],
  );
  printTable(
    `${r.dialect}: the refresh, latency in ms (in this process unless GET; the route through real HTTP); first run of the alert job ${ms(findings.firstRunMs)} ms`,
    ['step', 'p50', 'p95', 'max', 'n', 'other cores', 'slowest statement (median ms)'],
    r.steps.map((s) => {
      const top = r.statements[s.name]?.[0];
      return [
        s.name,
        ms(s.latency.p50),
        ms(s.latency.p95),
        ms(s.latency.max),
        s.iterations,
        `${num(s.otherCores, 2)}${s.disturbed ? ' (noisy)' : ''}`,
        top ? `${ms(top.medianMs)}: ${oneLine(top.sql).slice(0, 60)}` : '',
      ];
    }),
  );
  printTable(
    `${r.dialect}: alerts (${findings.alerts.length}; surge found: ${findings.surgeAlerts === 1 ? 'yes, one alert' : `NO (${findings.surgeAlerts} alerts)`})`,
    ['organisation', 'term', 'observed', 'expected', 'p', 'related'],
    findings.alerts.map((alert) => [
      alert.org,
      alert.term,
      alert.observed,
      num(alert.expected, 1),
      alert.pValue.toExponential(1),
      alert.relatedTerms.join(' '),
    ]),
  );
  printTable(
    `${r.dialect}: hot topics (rank of the surge / the rising topic)`,
    ['scope', 'surge', 'rising', 'topics (terms: recent/expected)'],
    findings.topics.map((entry) => [
      entry.scope,
      entry.surgeRank ?? '-',
      entry.risingRank ?? '-',
      entry.top
        .slice(0, 5)
        .map((topic) => `${topic.terms.slice(0, 3).join('+')}: ${topic.recent}/${num(topic.expected, 1)}`)
        .join('; '),
    ]),
  );
  for (const s of r.steps) {
    const slow = (r.statements[s.name] ?? []).filter(
      (statement, index) => statement.plan && (statement.medianMs > SLOW_STATEMENT_MS || (s.latency.p95 > SLOW_STEP_P95_MS && index === 0)),
    );
    for (const statement of slow) {
      console.log(
        `\n--- ${r.dialect}: ${s.name}: ${statement.calls} call(s), ${ms(statement.medianMs)} ms\n${oneLine(statement.sql)}\n${shortParameters(statement.parameters)}\n${statement.plan}`,
      );
    }
  }
}

async function main() {
  const start = await startRun(args.dialects);
  const fullPlan = {
    ...plan,
    days: DAYS,
    countBatch: COUNT_BATCH,
    newBatch: NEW_BATCH,
    nowHourShanghai: NOW_HOUR,
    surge: { estate: SURGE_ESTATE, terms: SURGE_TERMS, ...SURGE_APPEALS },
    rising: { terms: RISING_TERMS, baselinePerDay: RISING_BASELINE_PER_DAY, days: RISING_DAYS },
    loadGenerator: 'child process (bench/loadgen.ts), one request at a time',
  };
  await runEachDialect(args, progress, { start, plan: fullPlan }, benchDialect, report);
}

await main();
