/**
 * A burst of ballots: 10,000 voters on the frozen roll of one election cast their votes within one
 * minute (an offered 167 ballots/s, open loop) through real HTTP, each with their own session made
 * beforehand; 1 % of them tap twice. Afterwards the count is checked: ballots = voted = accepted
 * casts = 10,000, every receipt a voter got is stored once, and the tally's sums match what the
 * voters chose.
 *
 *   npx tsx bench/ballots.ts [--db sqlite|postgres|both] [--quick]
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { verifyAuditChain } from '../src/core/audit';
import { newId } from '../src/core/ids';
import { hashPassword } from '../src/core/passwords';
import { SESSION_COOKIE, startSession } from '../src/core/sessions';
import { insertChunks } from '../src/db/dialect';
import { receiptHash } from '../src/modules/consult/ballots/seal';
import { createTestOrgs, createTestUser } from '../test/factories';
import type { VoterJob, VoterResult } from './ballot-voters';
import {
  BENCH_DIR,
  cpuMeter,
  createBenchDatabase,
  describeMachine,
  machineInfo,
  ms,
  num,
  parseArgs,
  printTable,
  startBenchApp,
  waitForQuiet,
  writeResult,
  type CpuReading,
  type Dialect,
} from './support';

const args = parseArgs();
const VOTERS = args.quick ? 1_000 : 10_000;
const SECONDS = args.quick ? 6 : 60;
const RATE = VOTERS / SECONDS;
const DOUBLE_TAP_EVERY = 100;
const CANDIDATES = 8;
const MAX_CHOICES = 3;

/** Voter i's choice: up to three of the eight candidates, spread so every candidate gets a different total. */
const choiceOf = (index: number): number[] => [...new Set([index % CANDIDATES, (index * 3 + 1) % CANDIDATES, (index % 5) % CANDIDATES])];

/** Forks the voters (bench/ballot-voters.ts) and hands them the job; `pid` lets the CPU meter tell their share apart. */
function startVoters(job: VoterJob): { pid: number | undefined; done: Promise<VoterResult> } {
  const child = fork(path.join(BENCH_DIR, 'ballot-voters.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<VoterResult>((resolve, reject) => {
    child.on('message', (message: VoterResult | { error: string }) =>
      'error' in message ? reject(new Error(message.error)) : resolve(message),
    );
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`voters exited with code ${code}`))));
    child.send(job);
  });
  return { pid: child.pid, done };
}

interface DialectResult {
  dialect: Dialect;
  voters: number;
  offeredRate: number;
  result: Omit<VoterResult, 'receipts'>;
  cpu: CpuReading;
  checks: {
    accepted: number;
    refusedDoubles: number;
    ballots: number;
    voted: number;
    distinctReceipts: number;
    receiptsStored: number;
    tallyMatches: boolean;
    auditCasts: number;
    auditChainOk: boolean;
  };
}

async function benchDialect(dialect: Dialect): Promise<DialectResult> {
  console.log(`\n=== ${dialect}: ${VOTERS} voters with sessions`);
  const database = await createBenchDatabase(dialect);
  const bench = await startBenchApp(database);
  const { ctx, app } = bench;
  try {
    const orgs = await createTestOrgs(ctx);
    const organizer = await createTestUser(ctx, app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree', name: '林组织' });
    const passwordHash = await hashPassword('Lianxin#2026');
    const now = new Date().toISOString();
    const voterIds = Array.from({ length: VOTERS }, () => newId());
    const cookies = await ctx.db.transaction().execute(async (trx) => {
      const users = voterIds.map((id, index) => ({
        id,
        username: `voter${index}`,
        username_lower: `voter${index}`,
        display_name: `党员${index}`,
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: 0,
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        admin_role: null,
        org_id: orgs.branch.id,
        phone_enc: null,
        phone_index: null,
        last_login_at: null,
        created_at: now,
      }));
      for (const chunk of insertChunks(users)) {
        await trx.insertInto('users').values(chunk).execute();
      }
      const grants = voterIds.map((id) => ({ user_id: id, role: 'member', org_id: orgs.branch.id, scope: 'org' }));
      for (const chunk of insertChunks(grants)) {
        await trx.insertInto('user_roles').values(chunk).execute();
      }
      const tokens: string[] = [];
      for (const id of voterIds) {
        tokens.push((await startSession(trx, ctx.clock, id, { ip: '127.0.0.1', userAgent: 'bench' })).token);
      }
      return tokens.map((token) => `${SESSION_COOKIE}=${token}`);
    });

    const created = await organizer.client.post('/api/consult/elections', {
      orgId: orgs.committee.id,
      title: '压力测试评选',
      description: '',
      audienceMembers: true,
      audienceMasses: false,
      maxChoices: MAX_CHOICES,
      nominationStartsOn: '2026-01-01',
      nominationEndsOn: '2026-01-10',
      votingStartsOn: '2026-01-11',
      votingEndsOn: '2026-01-20',
      publicityDays: 5,
    });
    const electionId = created.json().id as string;
    for (let index = 0; index < CANDIDATES; index += 1) {
      await organizer.client.post(`/api/consult/elections/${electionId}/nominations`, {
        name: `候选人${index + 1}`,
        reason: '服务群众成绩突出，群众口碑好。',
      });
    }
    const opened = await organizer.client.post(`/api/consult/elections/${electionId}/open`, { version: created.json().version });
    if (opened.statusCode !== 200) {
      throw new Error(`open failed: ${opened.body}`);
    }
    const candidateIds = (opened.json().candidates as { id: string }[]).map((candidate) => candidate.id);
    const voters = cookies.map((cookie, index) => ({
      cookie,
      body: JSON.stringify({ candidateIds: choiceOf(index).map((choice) => candidateIds[choice]) }),
      repeats: index % DOUBLE_TAP_EVERY === 0 ? 2 : 1,
    }));

    await waitForQuiet();
    console.log(`${dialect}: casting ${VOTERS} ballots over ${SECONDS} s`);
    const run = startVoters({ url: bench.url, path: `/api/consult/elections/${electionId}/ballots`, rate: RATE, maxSockets: 64, voters });
    const meter = cpuMeter(run.pid);
    const { receipts, ...result } = await run.done;
    const cpu = meter();

    const { version } = (await organizer.client.get(`/api/consult/elections/${electionId}`)).json();
    await organizer.client.post(`/api/consult/elections/${electionId}/close`, { version });
    const tally = (await organizer.client.get(`/api/consult/elections/${electionId}/results`)).json() as {
      candidates: { id: string; votes: number }[];
    };
    const expected = new Map<string, number>();
    voters.forEach((_, index) =>
      choiceOf(index).forEach((choice) => expected.set(candidateIds[choice], (expected.get(candidateIds[choice]) ?? 0) + 1)),
    );
    const stored = new Set(
      (await ctx.db.selectFrom('ballots').select('receipt_hash').where('box_id', '=', electionId).execute()).map((row) => row.receipt_hash),
    );
    const given = receipts.filter((receipt): receipt is string => receipt !== null);
    const count = async (status: string | null) =>
      Number(
        (
          await ctx.db
            .selectFrom('ballot_voters')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('box_id', '=', electionId)
            .$if(status !== null, (qb) => qb.where('status', '=', status!))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditCasts = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_type', '=', 'consult.ballot.cast')
      .where('target_id', '=', electionId)
      .executeTakeFirstOrThrow();
    const checks = {
      accepted: result.statusCodes['201'] ?? 0,
      refusedDoubles: result.statusCodes['409'] ?? 0,
      ballots: stored.size,
      voted: await count('voted'),
      distinctReceipts: new Set(given).size,
      receiptsStored: given.filter((receipt) => stored.has(receiptHash(receipt))).length,
      tallyMatches: tally.candidates.every((candidate) => candidate.votes === (expected.get(candidate.id) ?? 0)),
      auditCasts: Number(auditCasts.n),
      auditChainOk: (await verifyAuditChain(ctx.db, ctx.crypto.auditKey)).ok,
    };
    const ok =
      checks.accepted === VOTERS &&
      checks.ballots === VOTERS &&
      checks.voted === VOTERS &&
      checks.distinctReceipts === VOTERS &&
      checks.receiptsStored === VOTERS &&
      checks.refusedDoubles === VOTERS / DOUBLE_TAP_EVERY &&
      checks.tallyMatches &&
      checks.auditCasts === VOTERS &&
      checks.auditChainOk;
    console.log(
      `${dialect}: ${num(result.achievedRps)} ballots/s accepted, p50 ${ms(result.latency.p50)} ms, p95 ${ms(result.latency.p95)} ms, p99 ${ms(result.latency.p99)} ms, ` +
        `errors ${result.errors}, statuses ${JSON.stringify(result.statusCodes)}; cores: server ${num(cpu.serverCores, 2)} ` +
        `(event loop ${num(cpu.serverEventLoop * 100)} %) voters ${num(cpu.loadgenCores, 2)} pg ${num(cpu.postgresCores, 2)} other ${num(cpu.otherCores, 2)}; checks ${ok ? 'all hold' : 'FAILED'} ${JSON.stringify(checks)}`,
    );
    if (!ok) {
      process.exitCode = 1;
    }
    return { dialect, voters: VOTERS, offeredRate: RATE, result, cpu, checks };
  } finally {
    await bench.close();
    await database.drop();
  }
}

const machine = await machineInfo(args.dialects);
console.log(describeMachine(machine));
const results: DialectResult[] = [];
for (const dialect of args.dialects) {
  results.push(await benchDialect(dialect));
}
printTable(
  `Ballot burst: ${VOTERS} voters in ${SECONDS} s (offered ${num(RATE)}/s), 1 in ${DOUBLE_TAP_EVERY} tapping twice`,
  ['db', 'accepted/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', '201', '409', 'ballots', 'voted', 'tally', 'server cores'],
  results.map(({ dialect, result, checks, cpu }) => [
    dialect,
    num(result.achievedRps),
    ms(result.latency.p50),
    ms(result.latency.p95),
    ms(result.latency.p99),
    ms(result.latency.max),
    result.errors,
    checks.accepted,
    checks.refusedDoubles,
    checks.ballots,
    checks.voted,
    checks.tallyMatches ? 'matches' : 'WRONG',
    num(cpu.serverCores, 2),
  ]),
);
console.log(`\nsaved ${writeResult('ballots', args, { machine, voters: VOTERS, seconds: SECONDS, results })}`);
