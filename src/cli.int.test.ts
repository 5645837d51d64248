import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { loadConfig } from './config';
import { verifyPassword } from './core/passwords';
import { connect, type Db } from './db/database';

// The CLI always runs on its own SQLite database in a temporary data directory, whichever suite runs it.
let dataDir: string;
let env: NodeJS.ProcessEnv;
let db: Db;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-cli-'));
  env = { LIANXIN_DATA_DIR: dataDir };
  db = connect(loadConfig(env).databaseUrl);
});
afterAll(async () => {
  await db.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const temporaryPasswordIn = (stdout: string) => /临时密码：(\S+)/.exec(stdout)?.[1] ?? '';

describe('lianxin CLI', () => {
  it('prints help, and refuses an unknown command with exit code 2', async () => {
    const help = await runCli(['help'], env);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('create-admin --username');
    const unknown = await runCli(['frobnicate'], env);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('未知命令：frobnicate');
  });

  it('migrates a fresh database, then finds nothing left to do', async () => {
    const first = await runCli(['migrate'], env);
    expect(first).toMatchObject({ exitCode: 0, stderr: '' });
    expect(first.stdout).toContain('0001_core');
    expect((await runCli(['migrate'], env)).stdout).toBe('数据库结构已是最新');
  });

  it('refuses create-admin without a valid role or username, or with an unknown option', async () => {
    const badRole = await runCli(['create-admin', '--username', 'root', '--role', 'leader'], env);
    expect(badRole.exitCode).toBe(2);
    expect(badRole.stderr).toContain('--role');
    expect((await runCli(['create-admin', '--username', 'a b', '--role', 'sysadmin'], env)).exitCode).toBe(2);
    expect((await runCli(['create-admin', '--username', 'root', '--role', 'sysadmin', '--force'], env)).exitCode).toBe(2);
    expect(await db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('creates an admin in a new top organisation with a strong temporary password that must be changed', async () => {
    const result = await runCli(['create-admin', '--username', 'root', '--role', 'sysadmin'], env);
    expect(result.exitCode, result.stderr).toBe(0);
    const password = temporaryPasswordIn(result.stdout);
    expect(password.length).toBeGreaterThanOrEqual(16);

    const user = await db.selectFrom('users').selectAll().where('username', '=', 'root').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ admin_role: 'sysadmin', must_change_password: 1, display_name: '系统管理员', disabled: 0 });
    expect(await verifyPassword(user.password_hash, password)).toBe(true);
    const top = await db.selectFrom('orgs').selectAll().where('id', '=', user.org_id).executeTakeFirstOrThrow();
    expect(top).toMatchObject({ name: '本单位', parent_id: null });

    const second = await runCli(['create-admin', '--username', 'auditor', '--role', 'auditadmin', '--name', '审计员'], env);
    expect(second.exitCode).toBe(0);
    expect(await db.selectFrom('orgs').select('id').execute()).toHaveLength(1);
    const audited = await db.selectFrom('audit_log').select(['event_type', 'actor_id', 'request_id']).orderBy('seq').execute();
    expect(audited.map((row) => row.event_type)).toEqual(['admin.org_create', 'admin.user_create', 'admin.user_create']);
    expect(audited.every((row) => row.actor_id === null && row.request_id?.startsWith('cli:'))).toBe(true);
  });

  it('refuses a taken username or an unknown organisation with exit code 1', async () => {
    const taken = await runCli(['create-admin', '--username', 'ROOT', '--role', 'secadmin'], env);
    expect(taken).toMatchObject({ exitCode: 1, stderr: '用户名已被使用' });
    const unknownOrg = await runCli(['create-admin', '--username', 'sec', '--role', 'secadmin', '--org', 'nowhere'], env);
    expect(unknownOrg).toMatchObject({ exitCode: 1, stderr: '所属组织不存在' });
  });

  it('forgets the triage models and learns them again from the dispatched appeals (none here)', async () => {
    await db.insertInto('triage_labels').values({ model: 'unit', label: 'stale', appeals: 3, terms: 12 }).execute();
    const result = await runCli(['triage-rebuild'], env);
    expect(result).toMatchObject({ exitCode: 0, stdout: '已重新学习 0 件已派单诉求' });
    expect(await db.selectFrom('triage_labels').selectAll().execute()).toEqual([]);
  });

  it('verifies an intact audit chain', async () => {
    const result = await runCli(['verify-audit'], env);
    expect(result).toMatchObject({ exitCode: 0, stdout: '审计日志哈希链完整（3 条）' });
  });

  it('backs up online, then reports the copy’s row counts and audit chain', async () => {
    const out = path.join(dataDir, 'drill', 'copy.db');
    const result = await runCli(['backup', '--out', out], env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(result.stdout).toContain('  users: 2');
    expect(result.stdout).toContain('  orgs: 1');
    expect(result.stdout).toContain('审计日志哈希链完整（3 条）');

    const byDefault = await runCli(['backup'], env);
    expect(byDefault.exitCode).toBe(0);
    expect(byDefault.stdout).toMatch(new RegExp(`已备份到 ${path.join(dataDir, 'backups', 'lianxin-')}\\d{8}T\\d{6}Z\\.db`));
  });

  it('exits with 1 once the audit chain is tampered with', async () => {
    // Only a database owner can do this: the append-only trigger has to go first.
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`update audit_log set reason = 'edited' where seq = 2`.execute(db);
    const result = await runCli(['verify-audit'], env);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('第 2 条处断开');
  });
});
