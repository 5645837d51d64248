import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { loadConfig } from './config';
import { verifyAuditChain, type ChainVerdict } from './core/audit';
import { createAccount, generateTemporaryPassword, USERNAME_PATTERN } from './core/commands/createAccount';
import { audit, type AppContext, type RequestMeta } from './core/context';
import { FieldCrypto } from './core/crypto';
import { AppError } from './core/errors';
import { createOrg } from './core/orgs';
import { ADMIN_ROLES, ROLE_LABELS, type AdminRole } from './core/roles';
import { dialectOfUrl } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Database, Org } from './db/schema';
import { isDemoLoaded, printDemo, seedDemo } from './demo';
import { rebuildAppealTriage } from './modules/appeals';
import { createContext } from './server/context';

/** What a run of the CLI produced; `main` prints it, tests read it. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

type OptionValues = ReturnType<typeof parseArgs>['values'];

const textOption = (value: OptionValues[string]) => (typeof value === 'string' ? value.trim() : '');

export interface CliCommand {
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  /** Resolves to the exit code: 0 done, 1 failed, 2 wrong usage. */
  run(options: OptionValues, io: CliIo): Promise<number>;
}

/** A mistake in how the command was called: answered with its usage and exit code 2. */
class UsageError extends Error {}

const TOP_ORG_NAME = '本单位';

async function withContext<T>(env: NodeJS.ProcessEnv, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = createContext(loadConfig(env), { connect: { poolSize: 2 } });
  try {
    return await work(ctx);
  } finally {
    await ctx.db.destroy();
  }
}

// Audit rows written from the command line carry no IP; the request id marks them as such.
const cliMeta = (): RequestMeta => ({ ip: null, requestId: `cli:${randomUUID()}` });

/** The root of the organisation tree, created as 本单位 on a fresh install. */
async function topOrganisation(ctx: AppContext, meta: RequestMeta): Promise<Org> {
  const roots = await ctx.db.selectFrom('orgs').selectAll().where('parent_id', 'is', null).execute();
  if (roots.length > 1) {
    throw new UsageError(`已有 ${roots.length} 个顶级组织，请用 --org 指定管理员所属组织`);
  }
  if (roots.length === 1) {
    return roots[0];
  }
  return ctx.db.transaction().execute(async (trx) => {
    const org = await createOrg(trx, ctx.clock, { name: TOP_ORG_NAME, kind: 'party_committee' });
    await audit(ctx, trx, meta, null, {
      eventType: 'admin.org_create',
      outcome: 'success',
      targetType: 'org',
      targetId: org.id,
      detail: { name: org.name },
    });
    return org;
  });
}

/** 2026-03-02T02:00:00.000Z → 20260302T020000Z, safe in a file name. */
const timestamp = (now: Date) => `${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

function sqliteFile(databaseUrl: string): string {
  return databaseUrl.replace(/^sqlite:(\/\/)?/, '');
}

/** Reopens a backup copy on its own and reports what it holds, as a restore would find it (DP-05). */
async function inspectSqliteCopy(file: string, auditKey: Buffer): Promise<{ counts: [string, number][]; verdict: ChainVerdict }> {
  const copy = new SqliteDatabase(file);
  // The copy inherits the live database's WAL mode; a backup should be one self-contained file.
  copy.pragma('journal_mode = DELETE');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: copy }) });
  try {
    const tables = (await db.introspection.getTables()).map((table) => table.name).sort();
    const counts: [string, number][] = [];
    for (const table of tables) {
      const { rows } = await db
        .selectFrom(table as keyof Database)
        .select((eb) => eb.fn.countAll().as('rows'))
        .executeTakeFirstOrThrow();
      counts.push([table, Number(rows)]);
    }
    return { counts, verdict: await verifyAuditChain(db, auditKey) };
  } finally {
    await db.destroy();
  }
}

function runPgDump(databaseUrl: string, out: string, env: NodeJS.ProcessEnv): Promise<void> {
  // The password goes through the environment, not the command line where `ps` would show it.
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn('pg_dump', ['-Fc', '-f', out, `--dbname=${url.toString()}`], {
      env: { ...env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error('找不到 pg_dump，请安装 PostgreSQL 客户端（postgresql-client）') : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump 失败（退出码 ${code}）：${stderr.trim()}`))));
  });
}

const migrate: CliCommand = {
  usage: 'migrate',
  summary: '把数据库结构升级到最新版本',
  run: (_options, io) =>
    withContext(io.env, async (ctx) => {
      const applied = await migrateToLatest(ctx.db);
      io.out(applied.length > 0 ? `已执行迁移：${applied.join('，')}` : '数据库结构已是最新');
      return 0;
    }),
};

const createAdmin: CliCommand = {
  usage: 'create-admin --username 用户名 --role sysadmin|secadmin|auditadmin [--org 组织ID] [--name 显示名]',
  summary: '创建系统/安全/审计管理员账号，打印一次性临时密码（首次登录须修改）',
  options: { username: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' } },
  run: async (options, io) => {
    const username = textOption(options.username);
    const role = textOption(options.role) as AdminRole;
    if (!USERNAME_PATTERN.test(username)) {
      throw new UsageError('--username 须为 3–32 位字母、数字、下划线、点或连字符');
    }
    if (!ADMIN_ROLES.includes(role)) {
      throw new UsageError(`--role 须为 ${ADMIN_ROLES.join('、')} 之一`);
    }
    return withContext(io.env, async (ctx) => {
      const meta = cliMeta();
      const orgId = textOption(options.org) || (await topOrganisation(ctx, meta)).id;
      const password = generateTemporaryPassword(ctx.config.passwordPolicy, username);
      const displayName = textOption(options.name) || ROLE_LABELS[role];
      await createAccount(ctx, meta, null, { username, displayName, orgId, password, adminRole: role });
      io.out(`已创建${ROLE_LABELS[role]}账号：${username}`);
      io.out(`临时密码：${password}`);
      io.out('此密码只显示这一次，请当面交给本人；首次登录后必须修改。');
      return 0;
    });
  },
};

const backup: CliCommand = {
  usage: 'backup [--out 文件]',
  summary: '在线备份数据库（SQLite 备份后校验行数与审计链；PostgreSQL 用 pg_dump -Fc）',
  options: { out: { type: 'string' } },
  run: async (options, io) => {
    const config = loadConfig(io.env);
    const stamp = timestamp(new Date());
    const chosen = textOption(options.out) ? path.resolve(textOption(options.out)) : undefined;
    if (dialectOfUrl(config.databaseUrl) === 'postgres') {
      const out = chosen ?? path.join(config.dataDir, 'backups', `lianxin-${stamp}.dump`);
      mkdirSync(path.dirname(out), { recursive: true });
      await runPgDump(config.databaseUrl, out, io.env);
      io.out(`已用 pg_dump -Fc 备份 PostgreSQL 数据库到 ${out}`);
      io.out(`恢复演练：pg_restore --dbname=<空数据库> ${out}，再运行 verify-audit 核对审计链。`);
      return 0;
    }
    const source = sqliteFile(config.databaseUrl);
    if (!existsSync(source)) {
      io.err(`数据库文件不存在：${source}`);
      return 1;
    }
    const out = chosen ?? path.join(config.dataDir, 'backups', `lianxin-${stamp}.db`);
    mkdirSync(path.dirname(out), { recursive: true });
    // better-sqlite3's online backup copies a consistent snapshot while the app keeps writing.
    const live = new SqliteDatabase(source, { fileMustExist: true });
    try {
      await live.backup(out);
    } finally {
      live.close();
    }
    const { counts, verdict } = await inspectSqliteCopy(out, new FieldCrypto(config.masterSecret).auditKey);
    io.out(`已备份到 ${out}，重新打开副本核对：`);
    for (const [table, rows] of counts) {
      io.out(`  ${table}: ${rows}`);
    }
    if (!verdict.ok) {
      io.err(`副本的审计日志哈希链在第 ${verdict.brokenAt} 条处断开`);
      return 1;
    }
    io.out(`审计日志哈希链完整（${verdict.checked} 条）`);
    io.out('请另行保管密钥（data/secret.key 或 LIANXIN_SECRET）：没有它，副本中的个人信息无法解密，审计链也无法校验。');
    return 0;
  },
};

const verifyAudit: CliCommand = {
  usage: 'verify-audit',
  summary: '校验审计日志的哈希链，断开时退出码为 1',
  run: (_options, io) =>
    withContext(io.env, async (ctx) => {
      const verdict = await verifyAuditChain(ctx.db, ctx.crypto.auditKey);
      if (!verdict.ok) {
        io.err(`审计日志哈希链在第 ${verdict.brokenAt} 条处断开（此前 ${verdict.checked} 条完整），可能被篡改`);
        return 1;
      }
      io.out(`审计日志哈希链完整（${verdict.checked} 条）`);
      return 0;
    }),
};

const seed: CliCommand = {
  usage: 'seed',
  summary: '载入演示数据（演示组织、各角色账号、约 2000 件诉求）；已有组织时不做任何改动',
  run: (_options, io) =>
    withContext(io.env, async (ctx) => {
      await migrateToLatest(ctx.db);
      if ((await ctx.db.selectFrom('orgs').select('id').limit(1).execute()).length > 0) {
        io.err((await isDemoLoaded(ctx)) ? '演示数据已载入，未做改动' : '数据库中已有组织，为免混入演示数据，未做改动');
        return 1;
      }
      const demo = await seedDemo(ctx);
      printDemo(demo, io.out);
      return 0;
    }),
};

const triageRebuild: CliCommand = {
  usage: 'triage-rebuild',
  summary: '按全部已派单诉求重新学习派单智能建议（修改领域词典后运行）；学完前暂不给建议',
  run: (_options, io) =>
    withContext(io.env, async (ctx) => {
      const learned = await rebuildAppealTriage(ctx);
      io.out(`已重新学习 ${learned} 件已派单诉求`);
      return 0;
    }),
};

const help: CliCommand = {
  usage: 'help',
  summary: '显示本帮助',
  run: async (_options, io) => {
    printHelp(io.out);
    return 0;
  },
};

/** Every command by name, listed by `help` in this order. */
const COMMANDS = new Map<string, CliCommand>([
  ['migrate', migrate],
  ['seed', seed],
  ['create-admin', createAdmin],
  ['backup', backup],
  ['verify-audit', verifyAudit],
  ['triage-rebuild', triageRebuild],
  ['help', help],
]);

function printHelp(write: (line: string) => void): void {
  write('连心 LianXin 命令行');
  write('用法：npm run cli -- <命令> [参数]   或   npx lianxin <命令> [参数]');
  write('');
  for (const command of COMMANDS.values()) {
    write(`  ${command.usage}`);
    write(`      ${command.summary}`);
  }
  write('');
  write('配置与服务端相同：DATABASE_URL、LIANXIN_DATA_DIR、LIANXIN_SECRET 等环境变量。');
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const command = COMMANDS.get(name);
  if (!command) {
    io.err(`未知命令：${name}`);
    printHelp(io.err);
    return 2;
  }
  try {
    const { values } = parseArgs({ args: rest, options: command.options ?? {}, strict: true, allowPositionals: false });
    return await command.run(values, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`参数不正确：${(error as Error).message}`);
      io.err(`用法：lianxin ${command.usage}`);
      return 2;
    }
    io.err(error instanceof AppError ? error.message : `命令失败：${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Runs one command line; output is collected, not printed, so tests can read it. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exitCode = await dispatch(argv, { env, out: (line) => stdout.push(line), err: (line) => stderr.push(line) });
  return { exitCode, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const result = await runCli(argv);
  if (result.stdout) {
    process.stdout.write(`${result.stdout}\n`);
  }
  if (result.stderr) {
    process.stderr.write(`${result.stderr}\n`);
  }
  process.exitCode = result.exitCode;
}

// `npm run cli` runs this file directly; bin/lianxin.mjs imports it and calls main() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  await main();
}
