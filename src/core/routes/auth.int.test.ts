import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../users';
import { createTestOrgs, createTestUser, TEST_PASSWORD, type TestOrgs } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';

let env: TestEnv;
let orgs: TestOrgs;

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
});
afterAll(() => env.close());

const anonymous = () => client(env.app);

async function plainUser(password = TEST_PASSWORD, mustChangePassword = false) {
  const username = `p_${Math.random().toString(36).slice(2, 10)}`;
  const user = await createUser(env.ctx.db, env.ctx.clock, env.ctx.crypto, {
    username,
    displayName: '张三',
    password,
    orgId: orgs.committee.id,
    mustChangePassword,
  });
  return { user, username };
}

describe('POST /api/auth/login', () => {
  it('rejects a missing body field with the field named', async () => {
    const response = await anonymous().post('/api/auth/login', { username: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.password' });
  });

  it('rejects a wrong password with a Chinese message', async () => {
    const { username } = await plainUser();
    const response = await anonymous().post('/api/auth/login', { username, password: 'wrong-password' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
  });

  it('locks the account after five failures, even for the right password, for 30 minutes', async () => {
    const { username } = await plainUser();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await anonymous().post('/api/auth/login', { username, password: 'bad' })).statusCode).toBe(401);
    }
    const locked = await anonymous().post('/api/auth/login', { username, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    env.clock.advanceMinutes(31);
    expect((await anonymous().post('/api/auth/login', { username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('sets an httpOnly SameSite cookie and gives a new session each login', async () => {
    const { username } = await plainUser();
    const first = await anonymous().post('/api/auth/login', { username, password: TEST_PASSWORD });
    const second = await anonymous().post('/api/auth/login', { username, password: TEST_PASSWORD });
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie.split(';')[0]).not.toBe(String(second.headers['set-cookie']).split(';')[0]);
  });
});

describe('sessions', () => {
  it('answers 401 without a session', async () => {
    const response = await anonymous().get('/api/auth/me');
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHENTICATED');
  });

  it('ends after 30 idle minutes', async () => {
    const worker = await createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'handler' });
    expect((await worker.client.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advanceMinutes(31);
    expect((await worker.client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends after 15 idle minutes for an admin', async () => {
    const admin = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, adminRole: 'auditadmin' });
    env.clock.advanceMinutes(16);
    expect((await admin.client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends after 12 hours however active', async () => {
    const worker = await createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'handler' });
    for (let step = 0; step < 25; step += 1) {
      env.clock.advanceMinutes(29);
      const status = (await worker.client.get('/api/auth/me')).statusCode;
      expect(status).toBe(step < 24 ? 200 : 401);
    }
  });

  it('ends at logout, and the old cookie no longer works', async () => {
    const worker = await createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'handler' });
    expect((await worker.client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await worker.client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends when the account is disabled', async () => {
    const worker = await createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'handler' });
    await env.ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', worker.user.id).execute();
    expect((await worker.client.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('first login and password change', () => {
  it('forces a password change before anything else, under the policy', async () => {
    const { username } = await plainUser(TEST_PASSWORD, true);
    const login = await anonymous().post('/api/auth/login', { username, password: TEST_PASSWORD });
    expect(login.json()).toEqual({ mustChangePassword: true });
    const session = client(env.app, String(login.headers['set-cookie']).split(';')[0]);
    expect((await session.get('/api/auth/me')).json().mustChangePassword).toBe(true);

    const weak = await session.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword' });

    const reused = await session.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(reused.json().code).toBe('PASSWORD_REUSED');

    const changed = await session.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Xin-Lian#2027' });
    expect(changed.statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).json().mustChangePassword).toBe(false);
  });
});
