/**
 * Full-text search over 1,000,000 appeals: seeding (varied text, bench/search-content.ts), building
 * the index through the app's own code path (indexAppeals → indexDocuments, in batches of 500),
 * indexing throughput and where its time goes (segmentation against database work), the index's
 * size, and GET /api/appeals/search for one- and two-word queries (frequent, medium and rare words, a
 * place name, a query in Traditional script) through real HTTP, one request at a time, as the top
 * dispatcher (scope all) and as a unit's handler; per query the SQL the repository ran, its database
 * time and plan; then the same queries as a LIKE scan of appeals.content, for the ratio.
 *
 *   npx tsx bench/search.ts [--db sqlite|postgres|both] [--quick]
 *
 * Targets (from the issue): p95 < 50 ms on SQLite, and at least 100 times faster than the scan.
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql, type LogEvent } from 'kysely';
import { loadActor } from '../src/core/actor';
import { indexTerms, queryWords, withBigrams } from '../src/core/search';
import { textSegmenter } from '../src/core/textDictionary';
import { appealsNotIndexed, appealsToIndex } from '../src/modules/appeals/repository';
import { searchAppeals } from '../src/modules/appeals/searchRepository';
import { AppealSearchQuery } from '../src/modules/appeals/schemas';
import { indexAppeals } from '../src/modules/appeals/search';
import { loadAppealSettings } from '../src/modules/appeals/settings';
import { TEST_PASSWORD } from '../test/factories';
import { normalizeText } from '../src/text';
import { seededRng } from './content';
import { variedAppealTexts } from './search-content';
import { appealIdBatches, createDesk, fillAppeals, type Desk } from './seed';
import { direct, explain, loggingDb, type Direct } from './direct';
import { summarize, type Summary } from './stats';
import {
  cpuMeter,
  createBenchDatabase,
  DISTURBED_CORES,
  LoadGenerator,
  ms,
  num,
  parseArgs,
  printTable,
  startBenchApp,
  waitForQuiet,
  type BenchApp,
  type BenchDatabase,
  type CpuReading,
  type Dialect,
  RunProgress,
  runEachDialect,
  measureUndisturbed,
  startRun,
} from './support';

const args = parseArgs();
const plan = {
  ...(args.quick
    ? { appeals: 50_000, warmup: 3, iterations: 30, dbRepeats: 3, scanRepeats: 2 }
    : { appeals: 1_000_000, warmup: 3, iterations: 100, dbRepeats: 3, scanRepeats: 5 }),
  // Overrides for side experiments; the reported runs leave both unset.
  ...(process.env.BENCH_APPEALS ? { appeals: Number(process.env.BENCH_APPEALS) } : {}),
  /**
   * SQLite: the app connection's page cache in MB (PRAGMA cache_size) while the index is built, then
   * set back; unset = the app's setting (better-sqlite3's default, 16 MB) throughout.
   */
  sqliteIndexCacheMB: process.env.BENCH_SQLITE_INDEX_CACHE_MB ? Number(process.env.BENCH_SQLITE_INDEX_CACHE_MB) : null,
  /** Leave the bench database behind (its file or URL is printed), for queries and profiles afterwards. */
  keepDatabase: process.env.BENCH_KEEP_DATABASE === '1',
};
const TARGET_P95_MS = 50;
const TARGET_RATIO = 100;
const PAGE_SIZE = 20;
/** As backfillAppealSearch (src/modules/appeals/search.ts). */
const INDEX_BATCH = 500;
/** Every this many batches, segmentation and the read are also timed on their own. */
const SAMPLE_EVERY = 10;
/** A query slower than this per request gets fewer iterations (at least 20), so no query takes much more than half a minute. */
const QUERY_BUDGET_MS = 30_000;

/** The search box's text, and what it stands for. */
const QUERIES: { q: string; kind: string }[] = [
  { q: '物业', kind: 'frequent' },
  { q: '小区', kind: 'frequent' },
  { q: '垃圾', kind: 'frequent' },
  { q: '路灯', kind: 'medium' },
  { q: '暖气', kind: 'medium' },
  { q: '噪音', kind: 'medium' },
  { q: '井盖', kind: 'rare' },
  { q: '下水道', kind: 'rare, 3 characters (word or pair phrase)' },
  { q: '河道', kind: 'rare' },
  { q: '梧桐苑', kind: 'place name (two words)' },
  { q: '路灯 不亮', kind: 'two words' },
  { q: '物业 收费', kind: 'two words' },
  { q: '暖气 不热', kind: 'two words' },
  { q: '垃圾 清运', kind: 'two words' },
  { q: '路燈', kind: 'Traditional script' },
];

type ActorKey = 'dispatcherAll' | 'handler';
const ACTORS: Record<ActorKey, string> = { dispatcherAll: 'dispatcher (scope all)', handler: 'handler (busiest unit)' };

const searchPath = (q: string) => `/api/appeals/search?q=${encodeURIComponent(q)}&page=1&pageSize=${PAGE_SIZE}`;
const since = (started: number) => performance.now() - started;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const mb = (bytes: number) => bytes / 1e6;

const progress = new RunProgress('search', args, plan);

// ---------------------------------------------------------------------------------------------------
// Direct access to the bench database (sizes, scans, plans)

interface TextFigures {
  appeals: number;
  withReply: number;
  withAddress: number;
  /** UTF-8 bytes and characters of what indexAppeals indexes: content, address and reply. */
  bytes: number;
  chars: number;
  contentChars: { mean: number; min: number; max: number };
  traditional: number;
}

async function textFigures(db: Direct, traditional: number): Promise<TextFigures> {
  const b = (column: string) => (db.dialect === 'postgres' ? `octet_length(${column})` : `length(cast(${column} as blob))`);
  const row = await db.one<Record<string, number | string>>(
    `select count(*) as appeals, count(reply_text) as with_reply, count(address) as with_address,
            sum(${b('content')}) + coalesce(sum(${b('address')}), 0) + coalesce(sum(${b('reply_text')}), 0) as bytes,
            sum(length(content)) + coalesce(sum(length(address)), 0) + coalesce(sum(length(reply_text)), 0) as chars,
            avg(length(content)) as mean, min(length(content)) as min, max(length(content)) as max
       from appeals`,
  );
  return {
    appeals: Number(row.appeals),
    withReply: Number(row.with_reply),
    withAddress: Number(row.with_address),
    bytes: Number(row.bytes),
    chars: Number(row.chars),
    contentChars: { mean: Number(row.mean), min: Number(row.min), max: Number(row.max) },
    traditional,
  };
}

interface SizeFigures {
  /** SQLite: the database file after a WAL checkpoint; PostgreSQL: pg_database_size. */
  databaseBytes: number;
  appealsBytes: number;
  /** Every object of the search index, by name (tables, shadow tables, indexes). */
  objects: Record<string, number>;
  /** Sum of the objects. */
  searchBytes: number;
  documents: number;
  /** Characters and UTF-8 bytes of search_documents.terms. */
  termsChars: number;
  termsBytes: number;
}

const SQLITE_SEARCH_OBJECTS = [
  'search_documents',
  'sqlite_autoindex_search_documents_1',
  'search_fts_data',
  'search_fts_idx',
  'search_fts_docsize',
  'search_fts_config',
];

async function sizes(db: Direct, database: BenchDatabase): Promise<SizeFigures> {
  const objects: Record<string, number> = {};
  let databaseBytes: number;
  let appealsBytes: number;
  let terms: { documents: number | string; chars: number | string | null; bytes: number | string | null };
  if (database.dialect === 'sqlite') {
    await db.all('pragma wal_checkpoint(truncate)');
    databaseBytes = statSync(database.file!).size;
    const size = async (name: string) =>
      Number(
        (await db.one<{ bytes: number | null }>('select sum(pgsize) as bytes from dbstat where name = ? and aggregate = 1', [name]))
          ?.bytes ?? 0,
      );
    appealsBytes = 0;
    for (const { name } of await db.all<{ name: string }>(
      "select name from sqlite_schema where tbl_name = 'appeals' and name not like 'sqlite_stat%'",
    )) {
      appealsBytes += await size(name);
    }
    for (const name of SQLITE_SEARCH_OBJECTS) {
      objects[name] = await size(name);
    }
    terms = await db.one(
      'select count(*) as documents, sum(length(terms)) as chars, sum(length(cast(terms as blob))) as bytes from search_documents',
    );
  } else {
    databaseBytes = Number((await db.one<{ bytes: string }>('select pg_database_size(current_database()) as bytes')).bytes);
    appealsBytes = Number((await db.one<{ bytes: string }>("select pg_total_relation_size('appeals') as bytes")).bytes);
    const table = await db.one<{ heap: string; toast: string }>(
      `select pg_relation_size('search_documents') as heap,
              pg_table_size('search_documents') - pg_relation_size('search_documents') as toast`,
    );
    objects['search_documents (heap)'] = Number(table.heap);
    objects['search_documents (TOAST, FSM, VM)'] = Number(table.toast);
    for (const row of await db.all<{ name: string; bytes: string }>(
      `select c.relname as name, pg_relation_size(c.oid) as bytes from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'search_documents'::regclass order by c.relname`,
    )) {
      objects[row.name] = Number(row.bytes);
    }
    terms = await db.one(
      'select count(*) as documents, sum(length(terms)) as chars, sum(octet_length(terms)) as bytes from search_documents',
    );
  }
  return {
    databaseBytes,
    appealsBytes,
    objects,
    searchBytes: Object.values(objects).reduce((sum, bytes) => sum + bytes, 0),
    documents: Number(terms.documents),
    termsChars: Number(terms.chars ?? 0),
    termsBytes: Number(terms.bytes ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------------
// Indexing, through indexAppeals (the outbox handler's and backfill's path)

interface IndexFigures {
  documents: number;
  batches: number;
  /** Time inside indexAppeals (read the appeals, segment, write search_documents and its index). */
  indexMs: number;
  /** Time to page through the appeals' ids (the bench's keyset loop, not part of the app's path). */
  idsMs: number;
  docsPerSecond: number;
  textMBPerSecond: number;
  /** From the sampled batches, extrapolated to all: where indexAppeals's time goes. */
  sample: {
    batches: number;
    documents: number;
    readMs: number;
    normalizeMs: number;
    jiebaMs: number;
    indexTermsMs: number;
    indexAppealsMs: number;
  };
  share: { read: number; segmentation: number; normalize: number; jieba: number; bigramsAndJoin: number; write: number };
  /** Documents per second over each tenth of the run: does writing slow down as the index grows? */
  byTenth: number[];
  /** appealsNotIndexed(db, 500), the backfill's query, with none, half and all of the appeals indexed. */
  notIndexedMs: { none: number; half: number; all: number };
  /** PostgreSQL: VACUUM (ANALYZE) search_documents, as autovacuum would; SQLite: PRAGMA optimize, as the hourly job does. */
  maintenanceMs: number;
  cpu: CpuReading;
}

async function timeNotIndexed(bench: BenchApp): Promise<number> {
  const started = performance.now();
  await appealsNotIndexed(bench.ctx.db, INDEX_BATCH);
  return since(started);
}

async function buildIndex(bench: BenchApp, database: BenchDatabase, total: number, textBytes: number): Promise<IndexFigures> {
  const { ctx } = bench;
  const segmenter = await textSegmenter(ctx);
  const notIndexedMs = { none: await timeNotIndexed(bench), half: NaN, all: NaN };
  const sample = { batches: 0, documents: 0, readMs: 0, normalizeMs: 0, jiebaMs: 0, indexTermsMs: 0, indexAppealsMs: 0 };
  const byTenth: number[] = [];
  let tenthStarted = performance.now();
  let tenthDocuments = 0;
  let indexMs = 0;
  let idsMs = 0;
  let documents = 0;
  let batches = 0;
  const meter = cpuMeter();
  for await (const { ids, readMs } of appealIdBatches(ctx.db, INDEX_BATCH)) {
    idsMs += readMs;
    const sampled = batches % SAMPLE_EVERY === 0;
    if (sampled) {
      // The same read and segmentation indexAppeals does, timed on their own.
      const t1 = performance.now();
      const appeals = await appealsToIndex(ctx.db, ids);
      sample.readMs += since(t1);
      for (const appeal of appeals) {
        const text = [appeal.content, appeal.address, appeal.reply_text].filter(Boolean).join('\n');
        const t2 = performance.now();
        const normalized = normalizeText(text);
        const t3 = performance.now();
        segmenter.indexWords(normalized);
        const t4 = performance.now();
        indexTerms(segmenter, text);
        const t5 = performance.now();
        sample.normalizeMs += t3 - t2;
        sample.jiebaMs += t4 - t3;
        sample.indexTermsMs += t5 - t4;
      }
    }
    const t6 = performance.now();
    await indexAppeals(ctx, ids);
    const batchMs = since(t6);
    indexMs += batchMs;
    if (sampled) {
      sample.batches += 1;
      sample.documents += ids.length;
      sample.indexAppealsMs += batchMs;
    }
    documents += ids.length;
    tenthDocuments += ids.length;
    batches += 1;
    if (documents * 10 >= (byTenth.length + 1) * total) {
      byTenth.push(tenthDocuments / (since(tenthStarted) / 1000));
      console.log(
        `  ${String(byTenth.length * 10).padStart(3)} %: ${documents} documents, ${num(byTenth[byTenth.length - 1])}/s over the last tenth, ${num(indexMs / 1000, 1)} s in indexAppeals`,
      );
      if (byTenth.length === 5) {
        // The backfill job's query, with half the appeals indexed (in the order it indexes them).
        notIndexedMs.half = await timeNotIndexed(bench);
      }
      tenthStarted = performance.now();
      tenthDocuments = 0;
    }
  }
  const cpu = meter();
  notIndexedMs.all = await timeNotIndexed(bench);
  const t7 = performance.now();
  if (database.dialect === 'postgres') {
    await sql`vacuum (analyze) search_documents`.execute(ctx.db);
  } else {
    await sql`pragma optimize = 0x10002`.execute(ctx.db);
  }
  const maintenanceMs = since(t7);
  const perSample = (value: number) => value / sample.indexAppealsMs;
  const segmentation = perSample(sample.indexTermsMs);
  const read = perSample(sample.readMs);
  return {
    documents,
    batches,
    indexMs,
    idsMs,
    docsPerSecond: documents / (indexMs / 1000),
    textMBPerSecond: mb(textBytes) / (indexMs / 1000),
    sample,
    share: {
      read,
      segmentation,
      normalize: perSample(sample.normalizeMs),
      jieba: perSample(sample.jiebaMs),
      bigramsAndJoin: perSample(sample.indexTermsMs - sample.normalizeMs - sample.jiebaMs),
      write: 1 - read - segmentation,
    },
    byTenth,
    notIndexedMs,
    maintenanceMs,
    cpu,
  };
}

const REINDEX_BATCHES = 10;

/**
 * The newest appeals indexed again (as after a reply: the upsert replaces their terms), with the app's
 * connection settings: what keeping the full index in step costs per appeal.
 */
async function reindexNewest(bench: BenchApp): Promise<{ documents: number; ms: number; docsPerSecond: number }> {
  const rows = await bench.ctx.db
    .selectFrom('appeals')
    .select('id')
    .orderBy('received_at', 'desc')
    .limit(REINDEX_BATCHES * INDEX_BATCH)
    .execute();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += INDEX_BATCH) {
    await indexAppeals(
      bench.ctx,
      rows.slice(i, i + INDEX_BATCH).map((row) => row.id),
    );
  }
  const took = since(started);
  return { documents: rows.length, ms: took, docsPerSecond: rows.length / (took / 1000) };
}

// ---------------------------------------------------------------------------------------------------
// Queries: HTTP latency, then the statements, their database time and plans

interface QuerySpec {
  name: string;
  q: string;
  kind: string;
  actor: ActorKey;
  path: string;
}

interface Statement {
  role: 'page' | 'count' | 'rows';
  sql: string;
  parameters: readonly unknown[];
  medianMs: number;
  plan: string;
}

interface QueryResult extends QuerySpec {
  words: string[];
  total: number | null;
  latency: Summary;
  iterations: number;
  disturbed: boolean;
  attempts: number;
  statements: Statement[];
  /** The count statement's median time over the sum of the statements' medians. */
  countShare: number;
}

/**
 * The page statement: the ranked ids of a page (limit), or for a small window the page's rows with the
 * total and the window's count; a count statement counts the window's matches or, past the end, the
 * total.
 */
const roleOf = (statement: string): Statement['role'] => {
  if (/"m"\."rank"/.test(statement)) {
    return 'page';
  }
  return /count\(\*\)/i.test(statement) ? 'count' : /\blimit\b/i.test(statement) ? 'page' : 'rows';
};

async function diagnose(database: BenchDatabase, desk: Desk, bench: BenchApp, specs: QuerySpec[]): Promise<Statement[][]> {
  const sink: { events: LogEvent[] | null } = { events: null };
  const db = loggingDb(database, sink);
  const plans = direct(database);
  try {
    const settings = await loadAppealSettings(db);
    const segmenter = await textSegmenter(bench.ctx);
    const actors = new Map<ActorKey, Awaited<ReturnType<typeof loadActor>>>();
    for (const key of Object.keys(ACTORS) as ActorKey[]) {
      const user = await db.selectFrom('users').selectAll().where('id', '=', desk.userIds[key]).executeTakeFirstOrThrow();
      actors.set(key, await loadActor(db, user, 'bench'));
    }
    const result: Statement[][] = [];
    for (const spec of specs) {
      const { q, ...filters } = AppealSearchQuery.parse({ q: spec.q, page: 1, pageSize: PAGE_SIZE });
      const words = queryWords(segmenter, q).map(withBigrams);
      const runs: LogEvent[][] = [];
      for (let repeat = 0; repeat < plan.dbRepeats; repeat += 1) {
        sink.events = [];
        await searchAppeals(db, actors.get(spec.actor)!, words, filters, bench.ctx.clock.now(), settings);
        runs.push(sink.events);
        sink.events = null;
      }
      const statements: Statement[] = [];
      for (const [i, event] of runs[0].entries()) {
        statements.push({
          role: roleOf(event.query.sql),
          sql: event.query.sql,
          parameters: event.query.parameters,
          medianMs: median(runs.map((run) => run[i]?.queryDurationMillis ?? NaN)),
          plan: await explain(plans, event.query.sql, event.query.parameters),
        });
      }
      result.push(statements);
    }
    return result;
  } finally {
    await plans.close();
    await db.destroy();
  }
}

/** One request from this process: the query's total, and how long one request takes (to size the run). */
async function probe(bench: BenchApp, path: string, cookie: string): Promise<{ total: number; words: string[]; ms: number }> {
  let body: { total: number; words: string[] } | undefined;
  let took = NaN;
  for (let i = 0; i < 2; i += 1) {
    const started = performance.now();
    const response = await fetch(`${bench.url}${path}`, { headers: { cookie } });
    if (response.status !== 200) {
      throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    }
    body = (await response.json()) as { total: number; words: string[] };
    took = since(started);
  }
  return { total: body!.total, words: body!.words, ms: took };
}

/**
 * A fresh session for the user: the desk's sessions were opened before seeding and indexing, which
 * take longer than the idle timeout (30 minutes) on a full run.
 */
async function signIn(bench: BenchApp, userId: string): Promise<string> {
  const { username } = await bench.ctx.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
  const response = await bench.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in failed: ${response.body}`);
  }
  return String(response.headers['set-cookie']).split(';')[0];
}

async function timeQueries(bench: BenchApp, desk: Desk, loadgen: LoadGenerator, specs: QuerySpec[]) {
  const timed = [];
  await waitForQuiet();
  for (const spec of specs) {
    const cookie = await signIn(bench, desk.userIds[spec.actor]);
    const first = await probe(bench, spec.path, cookie);
    const iterations = Math.max(20, Math.min(plan.iterations, Math.floor(QUERY_BUDGET_MS / Math.max(1, first.ms))));
    const entry = await measureUndisturbed(3, async () => {
      const result = await loadgen.timeRequests({
        url: bench.url,
        request: { name: spec.name, path: spec.path, cookie },
        warmup: plan.warmup,
        iterations,
      });
      return { latency: result.latency, total: result.total, otherCores: result.otherCores };
    });
    if (entry.otherCores > DISTURBED_CORES) {
      console.log(`  ${spec.name}: other work used ${num(entry.otherCores, 2)} cores during all 3 attempts; kept and flagged`);
    }
    console.log(
      `  ${spec.name.padEnd(34)} ${String(entry.total).padStart(8)} hits  p50 ${ms(entry.latency.p50).padStart(7)}  p95 ${ms(entry.latency.p95).padStart(7)} ms  (${iterations} requests)`,
    );
    timed.push({ ...entry, words: first.words, iterations });
  }
  return timed;
}

/** The full-text index alone, without the join to appeals: how far below the route's statements the floor is. */
interface IndexAlone {
  q: string;
  countMs: number;
  top20Ms: number;
  matches: number;
}

async function indexAlone(db: Direct, specs: QuerySpec[], statements: Statement[][]): Promise<IndexAlone[]> {
  const results: IndexAlone[] = [];
  for (const [i, spec] of specs.entries()) {
    if (spec.actor !== 'dispatcherAll') {
      continue;
    }
    // The match expression searchMatches built: the first parameter of the page statement.
    const match = statements[i].find((s) => s.role === 'page')!.parameters[0];
    const [count, top] =
      db.dialect === 'sqlite'
        ? [
            'select count(*) as n from search_fts where search_fts match ?',
            'select rowid from search_fts where search_fts match ? order by rank limit 20',
          ]
        : [
            "select count(*) as n from search_documents where tsv @@ to_tsquery('simple', $1)",
            "select id from search_documents where tsv @@ to_tsquery('simple', $1) order by ts_rank(tsv, to_tsquery('simple', $1)) desc limit 20",
          ];
    const countTimes: number[] = [];
    const topTimes: number[] = [];
    let matches = 0;
    for (let repeat = 0; repeat < plan.dbRepeats; repeat += 1) {
      const t0 = performance.now();
      matches = Number((await db.one<{ n: number | string }>(count, [match])).n);
      const t1 = performance.now();
      await db.all(top, [match]);
      topTimes.push(since(t1));
      countTimes.push(t1 - t0);
    }
    results.push({ q: spec.q, countMs: median(countTimes), top20Ms: median(topTimes), matches });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------
// The LIKE scan the search replaces

interface ScanResult {
  q: string;
  hits: number;
  listMs: Summary;
  countMs: Summary;
  /** Median list + median count. */
  totalMs: number;
}

async function likeScans(db: Direct): Promise<ScanResult[]> {
  const results: ScanResult[] = [];
  for (const { q } of QUERIES) {
    const words = q.split(/\s+/).filter(Boolean);
    const where = words.map((_, i) => (db.dialect === 'postgres' ? `content like $${i + 1}` : 'content like ?')).join(' and ');
    const patterns = words.map((word) => `%${word}%`);
    const list: number[] = [];
    const count: number[] = [];
    let hits = 0;
    for (let repeat = 0; repeat < plan.scanRepeats; repeat += 1) {
      const t0 = performance.now();
      await db.all(`select id from appeals where ${where} order by received_at desc limit ${PAGE_SIZE}`, patterns);
      const t1 = performance.now();
      hits = Number((await db.one<{ n: number | string }>(`select count(*) as n from appeals where ${where}`, patterns)).n);
      count.push(since(t1));
      list.push(t1 - t0);
    }
    const entry = { q, hits, listMs: summarize(list), countMs: summarize(count), totalMs: median(list) + median(count) };
    console.log(
      `  ${q.padEnd(10)} ${String(hits).padStart(8)} rows  list ${ms(entry.listMs.p50).padStart(7)}  count ${ms(entry.countMs.p50).padStart(7)} ms`,
    );
    results.push(entry);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------

async function benchDialect(dialect: Dialect, loadgen: LoadGenerator) {
  console.log(`\n=== ${dialect}: setting up`);
  const started = performance.now();
  const durations: Record<string, number> = {};
  const step = progress.stepper(dialect, durations);
  const database = await createBenchDatabase(dialect);
  const bench = await startBenchApp(database);
  const db = direct(database);
  try {
    const cacheSize =
      dialect === 'sqlite' ? (await sql<{ cache_size: number }>`pragma cache_size`.execute(bench.ctx.db)).rows[0].cache_size : null;
    const setCache = (size: number) => sql.raw(`pragma cache_size = ${size}`).execute(bench.ctx.db);
    const desk = await createDesk(bench.ctx, bench.app, seededRng(4242));
    const texts = variedAppealTexts();
    await waitForQuiet();
    const seedMeter = cpuMeter();
    const fill = await step('seed', () => fillAppeals(database, bench.ctx, desk, plan.appeals, texts));
    const seedCpu = seedMeter();
    const text = await step('text', () => textFigures(db, texts.stats().traditional));
    console.log(
      `${dialect}: ${fill.rows} appeals generated in ${num(fill.generateMs / 1000, 1)} s, inserted in ${num(fill.insertMs / 1000, 1)} s ` +
        `(${num(fill.rowsPerSecond)} rows/s)${dialect === 'postgres' ? `, vacuum analyze ${num(fill.analyzeMs / 1000, 1)} s` : ''}; ` +
        `${num(mb(text.bytes), 1)} MB of text, content ${num(text.contentChars.mean)} characters on average (${text.contentChars.min}–${text.contentChars.max}), ` +
        `${num((100 * text.traditional) / text.appeals, 1)} % Traditional, ${num((100 * text.withReply) / text.appeals)} % with a reply`,
    );
    const before = await step('size before', () => sizes(db, database));
    // What the planner believes of the FTS5 data table when indexing starts (see keepSearchStatisticsUsable).
    const ftsDataStat =
      dialect === 'sqlite'
        ? ((await db.all<{ stat: string }>("select stat from sqlite_stat1 where tbl = 'search_fts_data' and idx is null"))[0]?.stat ?? null)
        : null;

    console.log(`${dialect}: indexing ${plan.appeals} appeals through indexAppeals, ${INDEX_BATCH} at a time`);
    await waitForQuiet();
    const indexCacheSize = cacheSize !== null && plan.sqliteIndexCacheMB !== null ? -Math.round(plan.sqliteIndexCacheMB * 1024) : cacheSize;
    if (indexCacheSize !== cacheSize) {
      await setCache(indexCacheSize!);
    }
    const index = await step('index', () => buildIndex(bench, database, plan.appeals, text.bytes));
    if (indexCacheSize !== cacheSize) {
      await setCache(cacheSize!);
    }
    console.log(
      `${dialect}: indexed ${index.documents} documents in ${num(index.indexMs / 1000, 1)} s: ${num(index.docsPerSecond)} documents/s, ` +
        `${num(index.textMBPerSecond, 2)} MB of text/s (other work: ${num(index.cpu.otherCores, 2)} cores)`,
    );
    const after = await step('size after', () => sizes(db, database));
    if (after.documents !== plan.appeals) {
      throw new Error(`search_documents holds ${after.documents} documents, expected ${plan.appeals}`);
    }
    const reindex = await step('reindex', () => reindexNewest(bench));
    console.log(
      `${dialect}: re-indexed the ${reindex.documents} newest appeals with the app's settings: ${num(reindex.docsPerSecond)} documents/s`,
    );

    const specs: QuerySpec[] = [];
    for (const actor of Object.keys(ACTORS) as ActorKey[]) {
      for (const { q, kind } of QUERIES) {
        specs.push({ name: `${actor} ${q}`, q, kind, actor, path: searchPath(q) });
      }
    }
    console.log(`${dialect}: timing ${specs.length} searches through HTTP, one at a time`);
    const timed = await step('queries', () => timeQueries(bench, desk, loadgen, specs));
    console.log(`${dialect}: diagnosing (SQL, database time, plans)`);
    const statements = await step('diagnose', () => diagnose(database, desk, bench, specs));
    const alone = await step('index alone', () => indexAlone(db, specs, statements));
    console.log(`${dialect}: LIKE scans of appeals.content, ${plan.scanRepeats} times each`);
    await waitForQuiet();
    const scans = await step('scans', () => likeScans(db));

    const queries: QueryResult[] = specs.map((spec, i) => {
      const sum = statements[i].reduce((total, s) => total + s.medianMs, 0);
      const count = statements[i].find((s) => s.role === 'count')?.medianMs ?? 0;
      return {
        ...spec,
        words: timed[i].words,
        total: timed[i].total,
        latency: timed[i].latency,
        iterations: timed[i].iterations,
        disturbed: timed[i].otherCores > DISTURBED_CORES,
        attempts: timed[i].attempts,
        statements: statements[i],
        countShare: count / sum,
      };
    });
    durations.total = since(started) / 1000;
    return {
      dialect,
      cacheSize,
      indexCacheSize,
      ftsDataStat,
      fill,
      seedCpu,
      text,
      before,
      index,
      after,
      reindex,
      queries,
      alone,
      scans,
      durations,
    };
  } finally {
    await db.close();
    await bench.close();
    if (plan.keepDatabase) {
      console.log(`${dialect}: kept the bench database ${database.file ?? database.url} (LIANXIN_SECRET ${bench.secret})`);
    } else {
      await database.drop();
    }
  }
}

type DialectResult = Awaited<ReturnType<typeof benchDialect>>;

const slowestStatement = (q: QueryResult) => q.statements.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
const pct = (share: number) => `${num(100 * share)} %`;

function report(r: DialectResult): void {
  const { index, before, after, text } = r;
  printTable(
    `${r.dialect}: seeding and indexing ${r.fill.rows} appeals`,
    ['step', 'value'],
    [
      ['seed: generate (s)', num(r.fill.generateMs / 1000, 1)],
      ['seed: insert (s)', num(r.fill.insertMs / 1000, 1)],
      ['seed: rows/s (insert)', num(r.fill.rowsPerSecond)],
      ['text indexed (MB, UTF-8; content + address + reply)', num(mb(text.bytes), 1)],
      ['content length (characters: mean, min–max)', `${num(text.contentChars.mean)} (${text.contentChars.min}–${text.contentChars.max})`],
      ['Traditional / with a reply', `${pct(text.traditional / text.appeals)} / ${pct(text.withReply / text.appeals)}`],
      ['index: time in indexAppeals (s)', num(index.indexMs / 1000, 1)],
      ['index: documents/s', num(index.docsPerSecond)],
      ['index: MB of text/s', num(index.textMBPerSecond, 2)],
      ['index: documents/s by tenth', index.byTenth.map((rate) => num(rate)).join(' ')],
      ['index: read appeals', pct(index.share.read)],
      [
        'index: segmentation (normalise / jieba / pairs+join)',
        `${pct(index.share.segmentation)} (${pct(index.share.normalize)} / ${pct(index.share.jieba)} / ${index.share.bigramsAndJoin < 0.005 ? '< 1 %' : pct(index.share.bigramsAndJoin)})`,
      ],
      ['index: database writes (rest)', pct(index.share.write)],
      ['index: paging the ids (bench loop, s)', num(index.idsMs / 1000, 1)],
      [r.dialect === 'postgres' ? 'vacuum (analyze) search_documents (s)' : 'pragma optimize (s)', num(index.maintenanceMs / 1000, 1)],
      [
        'appealsNotIndexed(500) with 0 / half / all indexed (ms)',
        `${ms(index.notIndexedMs.none)} / ${ms(index.notIndexedMs.half)} / ${ms(index.notIndexedMs.all)}`,
      ],
      ...(r.cacheSize === null
        ? []
        : [
            ['SQLite page cache (PRAGMA cache_size): app / while indexing', `${r.cacheSize} / ${r.indexCacheSize}`],
            ['sqlite_stat1 rows of search_fts_data when indexing starts', r.ftsDataStat ?? 'none'],
          ]),
      ['re-index the newest appeals, app settings (documents/s)', `${num(r.reindex.docsPerSecond)} (${r.reindex.documents})`],
      ['other work during seed / index (cores)', `${num(r.seedCpu.otherCores, 2)} / ${num(index.cpu.otherCores, 2)}`],
    ],
  );
  printTable(
    `${r.dialect}: sizes (MB)`,
    ['object', 'before', 'after'],
    [
      [r.dialect === 'sqlite' ? 'database file' : 'pg_database_size', num(mb(before.databaseBytes), 1), num(mb(after.databaseBytes), 1)],
      ['appeals (table and indexes)', num(mb(before.appealsBytes), 1), num(mb(after.appealsBytes), 1)],
      ...Object.keys(after.objects).map((name) => [name, num(mb(before.objects[name] ?? 0), 1), num(mb(after.objects[name]), 1)]),
      ['search index, all objects', num(mb(before.searchBytes), 1), num(mb(after.searchBytes), 1)],
      ['terms text (UTF-8)', '', num(mb(after.termsBytes), 1)],
      ['text indexed (UTF-8)', '', num(mb(text.bytes), 1)],
    ],
  );
  const scans = new Map(r.scans.map((scan) => [scan.q, scan]));
  printTable(
    `${r.dialect}: GET /api/appeals/search, latency in ms; db = the slowest statement's median; count = its share of the statements' time; ` +
      `scan = LIKE list + count (medians); ratio = scan / search p50; targets p95 < ${TARGET_P95_MS} ms, ratio ≥ ${TARGET_RATIO}`,
    [
      'query',
      'actor',
      'hits',
      'p50',
      'p95',
      'p99',
      'n',
      'db stmt',
      'db ms',
      'count',
      'p95 target',
      'scan hits',
      'scan ms',
      'ratio',
      'ratio target',
    ],
    r.queries.map((q) => {
      const top = slowestStatement(q);
      const scan = scans.get(q.q)!;
      const ratio = scan.totalMs / q.latency.p50;
      return [
        q.q,
        q.actor,
        q.total ?? '',
        ms(q.latency.p50),
        ms(q.latency.p95),
        ms(q.latency.p99),
        q.iterations,
        top.role,
        ms(top.medianMs),
        pct(q.countShare),
        `${q.latency.p95 < TARGET_P95_MS ? 'ok' : 'MISS'}${q.disturbed ? ' (noisy)' : ''}`,
        scan.hits,
        num(scan.totalMs),
        num(ratio, 1),
        ratio >= TARGET_RATIO ? 'ok' : 'MISS',
      ];
    }),
  );
  printTable(
    `${r.dialect}: the full-text index alone (no join to appeals, no scope), database time in ms (median of ${plan.dbRepeats})`,
    ['query', 'matches', 'count', 'top 20 by rank'],
    r.alone.map((a) => [a.q, a.matches, ms(a.countMs), ms(a.top20Ms)]),
  );
  const worst = r.queries.reduce((a, b) => (b.latency.p95 > a.latency.p95 ? b : a));
  console.log(
    `\n--- ${r.dialect}: plans of the slowest search, ${worst.name} (p95 ${ms(worst.latency.p95)} ms, words ${worst.words.join(' ')})`,
  );
  for (const statement of worst.statements) {
    console.log(
      `\n[${statement.role}, ${ms(statement.medianMs)} ms] ${statement.sql}\n${JSON.stringify(statement.parameters)}\n${statement.plan}`,
    );
  }
}

async function main() {
  const start = await startRun(args.dialects);
  const fullPlan = {
    ...plan,
    pageSize: PAGE_SIZE,
    indexBatch: INDEX_BATCH,
    sampleEvery: SAMPLE_EVERY,
    targetP95Ms: TARGET_P95_MS,
    targetRatio: TARGET_RATIO,
    queries: QUERIES,
    loadGenerator: 'child process (bench/loadgen.ts), one request at a time',
  };
  await runEachDialect(args, progress, { start, plan: fullPlan }, benchDialect, report);
}

await main();
