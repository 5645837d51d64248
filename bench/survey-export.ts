/**
 * The streamed xlsx export of a survey, GET /api/consult/surveys/:id/export.xlsx, with 250,000
 * answers (the Decidim report that prompted it: a 250k-answer export ran out of memory): rows, time,
 * rows/s and the server's memory while it streams. As in bench/appeals-export.ts the app serves from
 * a child process (bench/export-server.ts), so its memory is the export's alone; this process seeds
 * the database (the survey through the API, the answers in bulk), downloads the file over HTTP and
 * reads it back.
 *
 *   npx tsx bench/survey-export.ts [--db sqlite|postgres|both] [--quick]
 *
 * The questionnaire is the 满意度调查 template (rating, a 4-row matrix, a choice, two free-text
 * questions) plus a ranking, so the sheet has 13 columns of answers. Memory: the child's RSS from
 * /proc/<pid>/status every 50 ms, and process.memoryUsage() sampled inside the child every 50 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { createOrg } from '../src/core/orgs';
import { createUser } from '../src/core/users';
import { insertChunks } from '../src/db/dialect';
import { SURVEY_TEMPLATES } from '../src/modules/consult/surveys';
import { seededRng, type Rng } from './content';
import type { ExportServerMessage, MemoryFigures } from './export-server';
import {
  BENCH_DIR,
  benchEnv,
  createBenchDatabase,
  describeMachine,
  machineInfo,
  num,
  parseArgs,
  printTable,
  sleep,
  startBenchApp,
  waitForQuiet,
  writeResult,
  type Dialect,
} from './support';

const args = parseArgs();
const plan = { answers: args.quick ? 20_000 : 250_000 };
const TARGET_RSS_GROWTH_MB = 200;
const MB = 1024 * 1024;
const PASSWORD = 'Bench#Survey2026';

const template = SURVEY_TEMPLATES[0];
const DEFINITION = {
  pages: [
    {
      name: 'page1',
      elements: [
        ...template.definition.pages[0].elements,
        { type: 'ranking', name: 'priority', title: '改进的先后', choices: ['窗口', '流程', '环境', '线上办理'] },
      ],
    },
  ],
};

const ADVICE = [
  '希望延长周末开放时间',
  '办事窗口再多开几个',
  '线上预约很方便，希望推广',
  '停车位太少',
  '工作人员态度很好',
  '希望材料一次告知清楚',
];

function answerData(rng: Rng) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)];
  const overall = 1 + Math.floor(rng() * 5);
  const ranking = ['窗口', '流程', '环境', '线上办理'].sort(() => rng() - 0.5);
  return {
    overall,
    aspects: {
      attitude: pick(['good', 'fair', 'poor']),
      speed: pick(['good', 'fair', 'poor']),
      environment: 'good',
      information: pick(['good', 'fair']),
    },
    visits: pick(['none', 'few', 'many']),
    ...(overall <= 2 ? { unsatisfied: `${pick(ADVICE)}，第${Math.floor(rng() * 1000)}次来办事` } : {}),
    ...(rng() < 0.4 ? { suggestions: pick(ADVICE) } : {}),
    priority: ranking,
  };
}

/** The answers written straight into the table in multi-row inserts, one transaction per 10,000. */
async function fillAnswers(bench: Awaited<ReturnType<typeof startBenchApp>>, surveyId: string, orgId: string, count: number) {
  const rng = seededRng(2026);
  const started = performance.now();
  for (let done = 0; done < count;) {
    const size = Math.min(10_000, count - done);
    const rows = Array.from({ length: size }, (_, index) => ({
      id: randomUUID(),
      survey_id: surveyId,
      org_id: orgId,
      user_id: null,
      data: JSON.stringify(answerData(rng)),
      submitted_on: `2026-03-${String(1 + ((done + index) % 28)).padStart(2, '0')}`,
      submitted_at: null,
    }));
    await bench.ctx.db.transaction().execute(async (trx) => {
      for (const chunk of insertChunks(rows)) {
        await trx.insertInto('survey_answers').values(chunk).execute();
      }
    });
    done += size;
  }
  return performance.now() - started;
}

/** The app in a child process, with its memory readable from here and its own peaks over IPC. */
class ExportServer {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: ExportServerMessage) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: ExportServerMessage) => {
      if ('id' in message) {
        this.waiting.get(message.id)?.(message);
        this.waiting.delete(message.id);
      }
    });
  }

  static async start(env: Record<string, string>): Promise<ExportServer> {
    const child = fork(path.join(BENCH_DIR, 'export-server.ts'), [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: ExportServerMessage) =>
        message.kind === 'listening' ? resolve(message.port) : reject(new Error('unexpected')),
      );
      child.once('exit', (code) => reject(new Error(`export server exited with code ${code}`)));
    });
    return new ExportServer(child, `http://127.0.0.1:${port}`);
  }

  private ask<T extends ExportServerMessage>(kind: 'mark' | 'peaks'): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, resolve as (message: ExportServerMessage) => void);
      this.child.send({ kind, id });
    });
  }

  mark = () => this.ask<Extract<ExportServerMessage, { kind: 'marked' }>>('mark');
  peaks = () => this.ask<Extract<ExportServerMessage, { kind: 'peaks' }>>('peaks');

  rss(): number {
    try {
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
    } catch {
      return NaN;
    }
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ kind: 'close', id: 0 });
    await Promise.race([exited, sleep(5000)]);
    if (this.child.exitCode === null) {
      this.child.kill();
    }
  }
}

function download(url: string, cookie: string, file: string) {
  return new Promise<{ status: number; totalMs: number }>((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, { headers: { cookie } }, (response) => {
        pipeline(response, createWriteStream(file)).then(
          () => resolve({ status: response.statusCode ?? 0, totalMs: performance.now() - started }),
          reject,
        );
      })
      .on('error', reject);
  });
}

async function countRows(file: string): Promise<{ rows: number; columns: number }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  let columns = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      rows += 1;
      if (rows === 1) {
        columns = (row.values as unknown[]).length - 1;
      }
    }
  }
  return { rows: rows - 1, columns };
}

async function benchDialect(dialect: Dialect) {
  console.log(`\n=== ${dialect}: setting up`);
  const database = await createBenchDatabase(dialect);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-survey-'));
  let server: ExportServer | null = null;
  try {
    const bench = await startBenchApp(database);
    const org = await createOrg(bench.ctx.db, bench.ctx.clock, { name: '基准测试党委', kind: 'party_committee' });
    const username = `organizer_${randomBytes(3).toString('hex')}`;
    await createUser(bench.ctx.db, bench.ctx.clock, bench.ctx.crypto, {
      username,
      displayName: '党群干事',
      password: PASSWORD,
      orgId: org.id,
      adminRole: null,
      phone: null,
      mustChangePassword: false,
      grants: [{ role: 'organizer', orgId: org.id, scope: 'subtree' }],
    });
    const login = await bench.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const created = await bench.app.inject({
      method: 'POST',
      url: '/api/consult/surveys',
      headers: { cookie },
      payload: { title: template.title, definition: DEFINITION, audience: { kind: 'public' }, anonymous: true },
    });
    const survey = created.json() as { id: string; version: number };
    await bench.app.inject({
      method: 'POST',
      url: `/api/consult/surveys/${survey.id}/publish`,
      headers: { cookie },
      payload: { version: survey.version },
    });
    const insertMs = await fillAnswers(bench, survey.id, org.id, plan.answers);
    console.log(`${dialect}: ${plan.answers} answers inserted in ${num(insertMs / 1000, 1)} s`);
    const secret = bench.secret;
    await bench.close();

    server = await ExportServer.start(benchEnv(database, dataDir, secret));
    const exportUrl = `${server.url}/api/consult/surveys/${survey.id}/export.xlsx`;
    await waitForQuiet();
    const baseline = await server.mark();
    const baselineRss = server.rss();
    let peakRss = baselineRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, server!.rss());
    }, 50);
    const file = path.join(dataDir, 'answers.xlsx');
    const got = await download(exportUrl, cookie, file);
    clearInterval(sampler);
    const peaks = await server.peaks();
    peakRss = Math.max(peakRss, peaks.peak.rss);
    const bytes = statSync(file).size;
    const check = await countRows(file);
    const result = {
      dialect,
      status: got.status,
      rows: check.rows,
      expectedRows: plan.answers,
      columns: check.columns,
      bytes,
      insertSeconds: insertMs / 1000,
      totalSeconds: got.totalMs / 1000,
      rowsPerSecond: check.rows / (got.totalMs / 1000),
      baseline: { rss: baselineRss, heapUsed: baseline.now.heapUsed },
      peak: { rss: peakRss, heapUsed: peaks.peak.heapUsed, external: peaks.peak.external } satisfies Partial<MemoryFigures>,
      rssGrowthMb: (peakRss - baselineRss) / MB,
      heapGrowthMb: (peaks.peak.heapUsed - baseline.now.heapUsed) / MB,
      eventLoopDelay: peaks.eventLoopDelay,
    };
    console.log(
      `${dialect}: HTTP ${result.status}, ${result.rows} rows × ${result.columns} columns, ${num(bytes / MB, 1)} MB in ${num(result.totalSeconds, 1)} s; ` +
        `RSS ${num(baselineRss / MB)} -> ${num(peakRss / MB)} MB, heap ${num(baseline.now.heapUsed / MB)} -> ${num(peaks.peak.heapUsed / MB)} MB`,
    );
    return result;
  } finally {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

async function main() {
  const info = await machineInfo(args.dialects);
  console.log(describeMachine(info));
  const results = [];
  for (const dialect of args.dialects) {
    results.push(await benchDialect(dialect));
  }
  printTable(
    `GET /api/consult/surveys/:id/export.xlsx, ${plan.answers} answers (rows counted by reading the file back); MB = 2^20 bytes; target: RSS growth < ${TARGET_RSS_GROWTH_MB} MB`,
    [
      'db',
      'status',
      'rows',
      'columns',
      'file MB',
      'total s',
      'rows/s',
      'RSS before',
      'RSS peak',
      'heap before',
      'heap peak',
      'loop delay max ms',
      'target met',
    ],
    results.map((r) => [
      r.dialect,
      r.status,
      r.rows,
      r.columns,
      num(r.bytes / MB, 1),
      num(r.totalSeconds, 1),
      num(r.rowsPerSecond),
      num(r.baseline.rss / MB),
      num(r.peak.rss / MB),
      num(r.baseline.heapUsed / MB),
      num(r.peak.heapUsed / MB),
      num(r.eventLoopDelay.max),
      r.rssGrowthMb < TARGET_RSS_GROWTH_MB && r.rows === r.expectedRows ? 'yes' : 'NO',
    ]),
  );
  const file = writeResult('survey-export', args, { benchmark: 'survey-export', quick: args.quick, machine: info, plan, results });
  console.log(`\nwrote ${file}`);
}

await main();
