/**
 * Seeding for the benchmarks that need a full desk: the organisation tree of a district (4 streets of
 * 8 communities, 8 departments), 8 categories, two dispatchers and a unit handler who can sign in,
 * and generated appeals in the shapes submitAppeal and the workflow commands write, bulk-inserted
 * straight into the appeals table.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { WorkCalendar } from '../src/core/calendar';
import type { AppContext } from '../src/core/context';
import { createOrg, type OrgKind } from '../src/core/orgs';
import { NOTHING_DONE_YET } from '../src/modules/appeals/commands/submitAppeal';
import type { Appeal, Database } from '../src/db/schema';
import { dispatchDeadlines } from '../src/modules/appeals/deadlines';
import { DEFAULT_APPEAL_SETTINGS, type LimitKind, type Urgency } from '../src/modules/appeals/settings';
import type { AppealState } from '../src/modules/appeals/stateMachine';
import { createTestCategory, createTestUser } from '../test/factories';
import { appealContent, mobilePhone, personName, pick, REPLIES, seededRng, streetAddress, type Rng } from './content';
import { openSqlite, type BenchDatabase } from './support';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// ---------------------------------------------------------------------------------------------------
// Organisations, categories and workers

export interface Desk {
  root: string;
  streets: string[];
  units: string[];
  /** Share of dispatched appeals each unit receives (Zipf-like: a few busy units, many quiet ones). */
  unitWeights: number[];
  busiestUnit: string;
  handlerOfUnit: Map<string, string>;
  categories: { code: string; limitKind: LimitKind; appealType: string }[];
  cookies: { dispatcher: string; dispatcherAll: string; handler: string };
  userIds: { dispatcher: string; dispatcherAll: string; handler: string };
}

async function insertWorker(ctx: AppContext, orgId: string, name: string): Promise<string> {
  // Handlers of the other units never sign in: insert them directly instead of hashing a password each.
  const id = randomUUID();
  const now = new Date().toISOString();
  const username = `h_${randomBytes(5).toString('hex')}`;
  await ctx.db
    .insertInto('users')
    .values({
      id,
      username,
      username_lower: username,
      display_name: name,
      password_hash: 'not-a-login',
      password_changed_at: now,
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      admin_role: null,
      org_id: orgId,
      phone_enc: null,
      phone_index: null,
      last_login_at: null,
      created_at: now,
    })
    .execute();
  await ctx.db.insertInto('user_roles').values({ user_id: id, role: 'handler', org_id: orgId, scope: 'org' }).execute();
  return id;
}

export async function createDesk(ctx: AppContext, app: Parameters<typeof createTestUser>[1], rng: Rng): Promise<Desk> {
  const clock = ctx.clock;
  const org = (name: string, kind: OrgKind, parentId?: string) => createOrg(ctx.db, clock, { name, kind, parentId });
  const root = await org('城关区委', 'party_committee');
  const streets: string[] = [];
  const units: string[] = [];
  for (const street of ['东城街道', '西城街道', '南关街道', '北关街道']) {
    const s = await org(street, 'street', root.id);
    streets.push(s.id);
    for (let i = 1; i <= 8; i += 1) {
      units.push((await org(`${street.slice(0, 2)}第${i}社区`, 'community', s.id)).id);
    }
  }
  for (const department of ['住建局', '城管局', '水务局', '交通局', '市场监管局', '生态环境局', '民政局', '供热公司']) {
    units.push((await org(department, 'department', root.id)).id);
  }
  const order = units.map((unit) => ({ unit, key: rng() })).sort((a, b) => a.key - b.key);
  const raw = order.map((_, rank) => 1 / (rank + 1) ** 0.8);
  const sum = raw.reduce((a, b) => a + b, 0);
  const orderedUnits = order.map((entry) => entry.unit);
  const categories: Desk['categories'] = [];
  for (const [name, limitKind, appealType] of [
    ['物业管理', 'general', 'complaint'],
    ['市政设施', 'general', 'help'],
    ['环境卫生', 'general', 'complaint'],
    ['噪音扰民', 'general', 'report'],
    ['交通出行', 'general', 'suggestion'],
    ['供水供暖', 'utility', 'help'],
    ['安全隐患', 'emergency', 'report'],
    ['政策咨询', 'complex', 'consult'],
  ] as const) {
    categories.push({ code: await createTestCategory(ctx, { name, limitKind, appealType }), limitKind, appealType });
  }
  const busiestUnit = orderedUnits[0];
  const dispatcher = await createTestUser(ctx, app, { orgId: root.id, role: 'dispatcher', scope: 'subtree', name: '王受理' });
  const dispatcherAll = await createTestUser(ctx, app, { orgId: root.id, role: 'dispatcher', scope: 'all', name: '陈受理' });
  const handler = await createTestUser(ctx, app, { orgId: busiestUnit, role: 'handler', name: '李承办' });
  const handlerOfUnit = new Map<string, string>([[busiestUnit, handler.user.id]]);
  for (const unit of orderedUnits.slice(1)) {
    handlerOfUnit.set(unit, await insertWorker(ctx, unit, personName(rng)));
  }
  return {
    root: root.id,
    streets,
    units: orderedUnits,
    unitWeights: raw.map((weight) => weight / sum),
    busiestUnit,
    handlerOfUnit,
    categories,
    cookies: { dispatcher: dispatcher.client.cookie!, dispatcherAll: dispatcherAll.client.cookie!, handler: handler.client.cookie! },
    userIds: { dispatcher: dispatcher.user.id, dispatcherAll: dispatcherAll.user.id, handler: handler.user.id },
  };
}

// ---------------------------------------------------------------------------------------------------
// Generated appeals, in the shapes submitAppeal and the workflow commands write

type Weights = [AppealState, number][];

/** Where an appeal of a given age stands: recent ones are still open, old ones mostly closed. */
function stateWeights(ageDays: number): Weights {
  if (ageDays < 0.5) {
    return [
      ['received', 35],
      ['dispatched', 40],
      ['signed', 10],
      ['in_progress', 10],
      ['rejected', 3],
      ['merged', 2],
    ];
  }
  if (ageDays < 3) {
    return [
      ['received', 3],
      ['dispatched', 12],
      ['return_requested', 2],
      ['signed', 8],
      ['in_progress', 50],
      ['review', 3],
      ['callback', 12],
      ['closed', 5],
      ['rejected', 3],
      ['merged', 2],
    ];
  }
  if (ageDays < 15) {
    return [
      ['in_progress', 25],
      ['extension_requested', 3],
      ['review', 2],
      ['callback', 20],
      ['closed', 45],
      ['rejected', 3],
      ['merged', 2],
    ];
  }
  if (ageDays < 30) {
    return [
      ['in_progress', 4],
      ['extension_requested', 1],
      ['callback', 10],
      ['closed', 80],
      ['rejected', 3],
      ['merged', 2],
    ];
  }
  return [
    ['in_progress', 0.5],
    ['callback', 1.5],
    ['closed', 93],
    ['rejected', 3],
    ['merged', 2],
  ];
}

function weighted<T>(rng: Rng, weights: [T, number][]): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng() * total;
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) {
      return value;
    }
  }
  return weights[weights.length - 1][0];
}

function pickUnit(rng: Rng, desk: Desk): string {
  let roll = rng();
  for (const [i, weight] of desk.unitWeights.entries()) {
    roll -= weight;
    if (roll < 0) {
      return desk.units[i];
    }
  }
  return desk.units[desk.units.length - 1];
}

/** Deadlines of (date, limit) pairs repeat endlessly: remember them. */
class MemoCalendar extends WorkCalendar {
  private readonly memo = new Map<string, string>();
  override addWorkdays(date: string, n: number): string {
    const key = `${date}/${n}`;
    let found = this.memo.get(key);
    if (found === undefined) {
      found = super.addWorkdays(date, n);
      this.memo.set(key, found);
    }
    return found;
  }
}

const HANDLED: ReadonlySet<AppealState> = new Set(['dispatched', 'return_requested', 'signed', 'in_progress', 'extension_requested']);
const SIGNED: ReadonlySet<AppealState> = new Set(['signed', 'in_progress', 'extension_requested', 'review', 'callback', 'closed']);
const CONTACTED: ReadonlySet<AppealState> = new Set(['in_progress', 'extension_requested', 'review', 'callback', 'closed']);
const REPLIED: ReadonlySet<AppealState> = new Set(['review', 'callback', 'closed']);

/** Where the seeded appeals' texts come from: the citizen's content, and the unit's reply to it. */
export interface AppealTexts {
  content(rng: Rng): string;
  /** The reply to the appeal whose content was generated last. */
  reply(rng: Rng): string;
}

/** The texts of the inbox and export benchmarks: short, from a small set of phrases. */
export const PLAIN_TEXTS: AppealTexts = { content: appealContent, reply: (rng) => pick(rng, REPLIES) };

function generateAppeal(
  rng: Rng,
  ctx: AppContext,
  desk: Desk,
  calendar: WorkCalendar,
  now: number,
  index: number,
  earlier: string[],
  texts: AppealTexts,
): Appeal {
  // Spread over 90 days, a little busier recently.
  const ageDays = 90 * rng() ** 1.3;
  const received = now - ageDays * DAY_MS;
  let state = weighted(rng, stateWeights(ageDays));
  if (state === 'merged' && earlier.length === 0) {
    state = 'rejected';
  }
  const category = pick(rng, desk.categories);
  const roll = rng();
  const urgency: Urgency = roll < 0.9 ? 'normal' : roll < 0.98 ? 'urgent' : 'emergency';
  const anonymous = rng() < 0.1;
  const phone = anonymous ? null : mobilePhone(rng);
  const iso = (at: number) => new Date(Math.min(at, now)).toISOString();
  const receivedAt = new Date(received);
  const appeal: Appeal = {
    id: randomUUID(),
    tracking_no: `${new Date(received + 8 * HOUR_MS).toISOString().slice(0, 10).replaceAll('-', '')}${String(index).padStart(8, '0')}`,
    query_code_hash: ctx.crypto.hashCode(`Q${index}`),
    org_id: rng() < 0.85 ? desk.root : pick(rng, desk.streets),
    category_code: category.code,
    appeal_type: category.appealType,
    urgency,
    content: texts.content(rng),
    address: rng() < 0.8 ? streetAddress(rng) : null,
    lat: rng() < 0.5 ? 39.8 + rng() * 0.2 : null,
    lng: null,
    contact_name_enc: anonymous ? null : ctx.crypto.encrypt(personName(rng)),
    contact_phone_enc: phone ? ctx.crypto.encrypt(phone) : null,
    phone_index: phone ? ctx.crypto.blindIndex(phone) : null,
    anonymous: anonymous ? 1 : 0,
    publicable: rng() < 0.5 ? 1 : 0,
    submitter_id: null,
    channel: weighted(rng, [
      ['h5', 80],
      ['console', 15],
      ['open311', 5],
    ]),
    ...NOTHING_DONE_YET,
    state,
    received_at: receivedAt.toISOString(),
    updated_at: receivedAt.toISOString(),
  };
  appeal.lng = appeal.lat === null ? null : 116.3 + rng() * 0.2;
  let last = received;
  if (state === 'rejected' || state === 'merged') {
    last = received + (0.2 + rng() * 6) * HOUR_MS;
    appeal.closed_at = iso(last);
    appeal.close_reason = state === 'rejected' ? 'out_of_scope' : 'merged';
    appeal.merged_into_id = state === 'merged' ? pick(rng, earlier) : null;
    appeal.version = 2;
  } else if (state !== 'received') {
    const unit = pickUnit(rng, desk);
    const dispatched = Math.min(received + (0.2 + rng() * 6) * HOUR_MS, now - 60_000);
    const deadlines = dispatchDeadlines(calendar, DEFAULT_APPEAL_SETTINGS, new Date(dispatched), category.limitKind, urgency);
    appeal.unit_id = unit;
    appeal.dispatched_at = iso(dispatched);
    appeal.sign_due_at = deadlines.signDueAt.toISOString();
    appeal.due_at = deadlines.dueAt.toISOString();
    appeal.version = 2;
    last = dispatched;
    if (state === 'return_requested') {
      appeal.pending_reason = '不属于本单位职责范围';
      appeal.version += 1;
    }
    if (SIGNED.has(state)) {
      const signed = Math.min(dispatched + (0.1 + rng() * 2) * HOUR_MS, now - 30_000);
      appeal.signed_at = iso(signed);
      appeal.handler_id = desk.handlerOfUnit.get(unit)!;
      appeal.contact_due_at = iso(signed + 24 * HOUR_MS);
      appeal.version += 1;
      last = signed;
      if (CONTACTED.has(state)) {
        last = Math.min(signed + (1 + rng() * 20) * HOUR_MS, now - 20_000);
        appeal.contacted_at = iso(last);
        appeal.version += 1;
      }
      if (state === 'extension_requested') {
        appeal.pending_reason = '需协调多个部门，申请延期';
        appeal.extension_due_at = new Date(Date.parse(appeal.due_at) + 5 * DAY_MS).toISOString();
        appeal.version += 1;
      }
      if (REPLIED.has(state)) {
        last = Math.min(last + (0.5 + rng() * 8) * DAY_MS, now - 10_000);
        appeal.replied_at = iso(last);
        appeal.reply_text = texts.reply(rng);
        appeal.version += 1;
      }
      if (state === 'closed') {
        last = Math.min(last + (0.5 + rng() * 3) * DAY_MS, now - 5_000);
        appeal.closed_at = iso(last);
        appeal.close_reason = 'rated';
        appeal.satisfaction = weighted(rng, [
          ['satisfied', 75],
          ['basically_satisfied', 15],
          ['unsatisfied', 10],
        ]);
        appeal.resolved = appeal.satisfaction === 'unsatisfied' ? 0 : 1;
        appeal.rated_at = appeal.closed_at;
        appeal.version += 1;
      }
    }
    if (HANDLED.has(state) && rng() < 0.03) {
      appeal.supervised = 1;
      appeal.supervised_at = iso(last + HOUR_MS);
    }
  }
  appeal.updated_at = iso(last);
  return appeal;
}

const INT_COLUMNS = new Set(['anonymous', 'publicable', 'version', 'resolved', 'supervised', 'redo_count', 'support_count']);
const FLOAT_COLUMNS = new Set(['lat', 'lng']);

/**
 * Bulk INSERT straight into the appeals table, over one connection of its own: one transaction per
 * call on SQLite, unnest() arrays on PostgreSQL.
 */
export function appealInserter(database: BenchDatabase) {
  const sqlite = database.dialect === 'sqlite' ? openSqlite(database.file!) : null;
  const pool = database.dialect === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 1 }) : null;
  let columns: string[] = [];
  return {
    async insert(rows: Appeal[]): Promise<void> {
      if (rows.length === 0) {
        return;
      }
      columns = columns.length ? columns : Object.keys(rows[0]);
      if (sqlite) {
        const statement = sqlite.prepare(`insert into appeals (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
        sqlite.transaction((batch: Appeal[]) => {
          for (const row of batch) {
            statement.run(row);
          }
        })(rows);
      } else {
        const types = columns.map((c) => (INT_COLUMNS.has(c) ? 'int4' : FLOAT_COLUMNS.has(c) ? 'float8' : 'text'));
        await pool!.query(
          `insert into appeals (${columns.join(', ')}) select * from unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})`,
          columns.map((column) => rows.map((row) => row[column as keyof Appeal])),
        );
      }
    },
    /** Planner statistics after the bulk load; returns the milliseconds it took. */
    async analyze(): Promise<number> {
      const started = performance.now();
      if (pool) {
        // What autovacuum does for a table after a bulk load: statistics and the visibility map.
        await pool.query('vacuum (analyze) appeals');
      }
      // What the app's hourly planner-statistics job (core.planner-statistics) does on SQLite.
      sqlite?.pragma('optimize = 0x10002');
      return performance.now() - started;
    },
    async close(): Promise<void> {
      sqlite?.close();
      await pool?.end();
    },
  };
}

/** Generated appeals bulk-inserted (appealInserter), in chunks of 5,000. */
export async function fillAppeals(database: BenchDatabase, ctx: AppContext, desk: Desk, count: number, texts = PLAIN_TEXTS) {
  const rng = seededRng(90_000 + count);
  const calendar = new MemoCalendar();
  const now = Date.now();
  const earlier: string[] = [];
  const chunk = 5000;
  let generateMs = 0;
  let insertMs = 0;
  const inserter = appealInserter(database);
  try {
    for (let start = 0; start < count; start += chunk) {
      const t0 = performance.now();
      const rows: Appeal[] = [];
      for (let i = start; i < Math.min(count, start + chunk); i += 1) {
        rows.push(generateAppeal(rng, ctx, desk, calendar, now, i + 1, earlier, texts));
      }
      const t1 = performance.now();
      await inserter.insert(rows);
      insertMs += performance.now() - t1;
      generateMs += t1 - t0;
      // Later chunks may merge into appeals already stored.
      for (let i = 0; i < rows.length; i += 50) {
        earlier.push(rows[i].id);
      }
    }
    const analyzeMs = await inserter.analyze();
    return { rows: count, generateMs, insertMs, analyzeMs, rowsPerSecond: count / (insertMs / 1000) };
  } finally {
    await inserter.close();
  }
}

/**
 * The ids of the appeals received since `since` (all when absent), in arrival order, `size` at a time,
 * read by the (received_at, id) keyset: what the outbox handlers would meet, without a deep OFFSET.
 * Each batch comes with the time its read took.
 */
export async function* appealIdBatches(
  db: Kysely<Database>,
  size: number,
  since?: string,
): AsyncGenerator<{ ids: string[]; readMs: number }> {
  let cursor: { received_at: string; id: string } | null = null;
  for (;;) {
    const started = performance.now();
    let page = db.selectFrom('appeals').select(['id', 'received_at']).orderBy('received_at').orderBy('id').limit(size);
    if (since) {
      page = page.where('received_at', '>=', since);
    }
    if (cursor) {
      const after: { received_at: string; id: string } = cursor;
      page = page.where((eb) => eb(eb.refTuple('received_at', 'id'), '>', eb.tuple(after.received_at, after.id)));
    }
    const rows = await page.execute();
    if (rows.length === 0) {
      return;
    }
    cursor = rows[rows.length - 1];
    yield { ids: rows.map((row) => row.id), readMs: performance.now() - started };
  }
}
