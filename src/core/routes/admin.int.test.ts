import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAdmins, createTestOrgs, createTestUser, TEST_PASSWORD, type TestAdmins, type TestOrgs } from '../../../test/factories';
import { client, startTestApp, type Client, type TestEnv } from '../../../test/harness';
import { ADMIN_ROLES, type AdminRole } from '../roles';

let env: TestEnv;
let orgs: TestOrgs;
let admins: TestAdmins;

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
  admins = await createTestAdmins(env.ctx, env.app, orgs.committee.id);
});
afterAll(() => env.close());

const anonymous = () => client(env.app);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const businessUser = (options: { phone?: string; name?: string } = {}) =>
  createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'handler', ...options });

const login = (username: string, password: string) => anonymous().post('/api/auth/login', { username, password });

const auditRows = (eventType: string, targetId?: string) => {
  let query = env.ctx.db.selectFrom('audit_log').selectAll().where('event_type', '=', eventType);
  if (targetId) {
    query = query.where('target_id', '=', targetId);
  }
  return query.orderBy('seq').execute();
};

function expectError(response: LightMyRequestResponse, status: number, code: string, field?: string) {
  expect(response.statusCode).toBe(status);
  expect(response.json()).toMatchObject({ code, ...(field ? { field } : {}) });
}

describe('GET /api/admin/users', () => {
  it('answers 401 without a session', async () => {
    expectError(await anonymous().get('/api/admin/users'), 401, 'UNAUTHENTICATED');
  });

  it('rejects a malformed organisation filter', async () => {
    expectError(await admins.sysadmin.client.get('/api/admin/users?orgId=abc'), 400, 'VALIDATION_FAILED', 'querystring.orgId');
    expectError(await admins.sysadmin.client.get(`/api/admin/users?orgId=${UNKNOWN_ID}`), 400, 'UNKNOWN_ORG', 'orgId');
  });

  it('lets the security admin look accounts up, to grant roles and correct voter rolls, and refuses the audit admin', async () => {
    const listed = await admins.secadmin.client.get('/api/admin/users');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().total).toBeGreaterThan(0);
    expectError(await admins.auditadmin.client.get('/api/admin/users'), 403, 'FORBIDDEN');
  });

  it('lists the accounts of an organisation and below it, filtered by text, with phones masked', async () => {
    const local = await createTestOrgs(env.ctx);
    const worker = await createTestUser(env.ctx, env.app, { orgId: local.unitA.id, role: 'handler', name: '李小红', phone: '13812345678' });
    const other = await createTestUser(env.ctx, env.app, { orgId: local.unitB.id, name: '王五' });

    const all = await admins.sysadmin.client.get(`/api/admin/users?orgId=${local.committee.id}`);
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(2);
    const listed = all.json().items.find((item: { id: string }) => item.id === worker.user.id);
    expect(listed).toMatchObject({
      username: worker.user.username,
      displayName: '李小红',
      orgName: local.unitA.name,
      roles: [{ role: 'handler', orgId: local.unitA.id, scope: 'org' }],
      phone: '138****5678',
      disabled: false,
      mustChangePassword: false,
    });
    expect(all.body).not.toContain('13812345678');

    const unitB = await admins.sysadmin.client.get(`/api/admin/users?orgId=${local.unitB.id}`);
    expect(unitB.json().items.map((item: { id: string }) => item.id)).toEqual([other.user.id]);

    const byName = await admins.sysadmin.client.get(`/api/admin/users?orgId=${local.committee.id}&q=${encodeURIComponent('小红')}`);
    expect(byName.json().items.map((item: { id: string }) => item.id)).toEqual([worker.user.id]);
    const byPhone = await admins.sysadmin.client.get('/api/admin/users?q=13812345678');
    expect(byPhone.json().items.map((item: { id: string }) => item.id)).toEqual([worker.user.id]);
    const wildcard = await admins.sysadmin.client.get(`/api/admin/users?orgId=${local.committee.id}&q=${encodeURIComponent('%')}`);
    expect(wildcard.json().total).toBe(0);

    const paged = await admins.sysadmin.client.get(`/api/admin/users?orgId=${local.committee.id}&page=2&pageSize=1`);
    expect(paged.json()).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.json().items).toHaveLength(1);
    const searches = (await auditRows('admin.user_list')).map((row) => JSON.parse(row.detail!).q);
    expect(searches).toContain('138****5678');
    expect(searches).not.toContain('13812345678');
  });
});

describe('POST /api/admin/users', () => {
  const body = (overrides: Record<string, unknown> = {}) => ({
    username: `new_${Math.random().toString(36).slice(2, 10)}`,
    displayName: '赵六',
    orgId: orgs.unitA.id,
    phone: '13900001111',
    password: 'Chu-Shi#2026',
    ...overrides,
  });

  it('answers 401 without a session', async () => {
    expectError(await anonymous().post('/api/admin/users', body()), 401, 'UNAUTHENTICATED');
  });

  it('rejects a bad username, a weak initial password and an unknown organisation', async () => {
    expectError(
      await admins.sysadmin.client.post('/api/admin/users', body({ username: 'a b' })),
      400,
      'VALIDATION_FAILED',
      'body.username',
    );
    expectError(await admins.sysadmin.client.post('/api/admin/users', body({ password: 'password' })), 400, 'WEAK_PASSWORD', 'password');
    expectError(await admins.sysadmin.client.post('/api/admin/users', body({ orgId: UNKNOWN_ID })), 400, 'UNKNOWN_ORG', 'orgId');
  });

  it('refuses the security admin, who grants roles but creates no accounts', async () => {
    expectError(await admins.secadmin.client.post('/api/admin/users', body()), 403, 'FORBIDDEN');
  });

  it('creates an account without roles that must change its password at first login', async () => {
    const input = body();
    const response = await admins.sysadmin.client.post('/api/admin/users', input);
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      username: input.username,
      orgId: orgs.unitA.id,
      roles: [],
      phone: '139****1111',
      mustChangePassword: true,
      adminRole: null,
    });

    const first = await login(input.username, input.password);
    expect(first.json()).toEqual({ mustChangePassword: true });
    const [entry] = await auditRows('admin.user_create', created.id);
    expect(entry).toMatchObject({ actor_id: admins.sysadmin.user.id, actor_role: 'sysadmin', outcome: 'success' });
    expect(entry.detail).not.toContain(input.password);

    const duplicate = await admins.sysadmin.client.post('/api/admin/users', body({ username: input.username.toUpperCase() }));
    expectError(duplicate, 409, 'USERNAME_TAKEN');
  });
});

describe('POST /api/admin/users/:id/disable and /enable', () => {
  it('answers 401 without a session', async () => {
    const { user } = await businessUser();
    expectError(await anonymous().post(`/api/admin/users/${user.id}/disable`), 401, 'UNAUTHENTICATED');
    expectError(await anonymous().post(`/api/admin/users/${user.id}/enable`), 401, 'UNAUTHENTICATED');
  });

  it('rejects a malformed id', async () => {
    expectError(await admins.sysadmin.client.post('/api/admin/users/123/disable'), 400, 'VALIDATION_FAILED', 'params.id');
    expectError(await admins.sysadmin.client.post('/api/admin/users/123/enable'), 400, 'VALIDATION_FAILED', 'params.id');
  });

  it('answers 404 for an unknown account and 403 for disabling oneself or for another admin', async () => {
    expectError(await admins.sysadmin.client.post(`/api/admin/users/${UNKNOWN_ID}/disable`), 404, 'NOT_FOUND');
    expectError(await admins.sysadmin.client.post(`/api/admin/users/${admins.sysadmin.user.id}/disable`), 403, 'FORBIDDEN');
    const { user } = await businessUser();
    expectError(await admins.auditadmin.client.post(`/api/admin/users/${user.id}/disable`), 403, 'FORBIDDEN');
  });

  it('disables an account and ends its sessions at once, then enables it again', async () => {
    const worker = await businessUser();
    expect((await worker.client.get('/api/auth/me')).statusCode).toBe(200);

    const disabled = await admins.sysadmin.client.post(`/api/admin/users/${worker.user.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    expect(await env.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', worker.user.id).execute()).toEqual([]);
    expectError(await worker.client.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await login(worker.user.username, TEST_PASSWORD), 403, 'ACCOUNT_DISABLED');

    const enabled = await admins.sysadmin.client.post(`/api/admin/users/${worker.user.id}/enable`);
    expect(enabled.json().disabled).toBe(false);
    expect((await login(worker.user.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await auditRows('admin.user_disable', worker.user.id)).toHaveLength(1);
    expect(await auditRows('admin.user_enable', worker.user.id)).toHaveLength(1);
  });
});

describe('POST /api/admin/users/:id/reset-password', () => {
  it('answers 401 without a session', async () => {
    const { user } = await businessUser();
    expectError(await anonymous().post(`/api/admin/users/${user.id}/reset-password`), 401, 'UNAUTHENTICATED');
  });

  it('rejects a malformed id', async () => {
    expectError(await admins.sysadmin.client.post('/api/admin/users/nope/reset-password'), 400, 'VALIDATION_FAILED', 'params.id');
  });

  it("refuses an admin account's password, so the system admin cannot take over another duty", async () => {
    expectError(await admins.sysadmin.client.post(`/api/admin/users/${admins.secadmin.user.id}/reset-password`), 403, 'FORBIDDEN');
    expectError(await admins.sysadmin.client.post(`/api/admin/users/${UNKNOWN_ID}/reset-password`), 404, 'NOT_FOUND');
  });

  it('sets a temporary password that must be changed, lifts a lockout and ends sessions', async () => {
    const worker = await businessUser();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await login(worker.user.username, 'wrong');
    }
    const response = await admins.sysadmin.client.post(`/api/admin/users/${worker.user.id}/reset-password`);
    expect(response.statusCode).toBe(200);
    const { temporaryPassword } = response.json();
    expect(temporaryPassword).toMatch(/^\S{16,}$/);

    expectError(await worker.client.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await login(worker.user.username, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
    const fresh = await login(worker.user.username, temporaryPassword);
    expect(fresh.json()).toEqual({ mustChangePassword: true });
    const [entry] = await auditRows('admin.password_reset', worker.user.id);
    expect(JSON.stringify(entry)).not.toContain(temporaryPassword);
  });
});

describe('PUT /api/admin/users/:id/roles', () => {
  it('answers 401 without a session', async () => {
    const { user } = await businessUser();
    expectError(await anonymous().put(`/api/admin/users/${user.id}/roles`, { grants: [] }), 401, 'UNAUTHENTICATED');
  });

  it('rejects admin roles, unknown organisations and duplicate grants', async () => {
    const { user } = await businessUser();
    const url = `/api/admin/users/${user.id}/roles`;
    const grant = { role: 'dispatcher', orgId: orgs.committee.id, scope: 'subtree' };
    expectError(
      await admins.secadmin.client.put(url, { grants: [{ ...grant, role: 'sysadmin' }] }),
      400,
      'VALIDATION_FAILED',
      'body.grants.0.role',
    );
    expectError(
      await admins.secadmin.client.put(url, { grants: [grant, { ...grant, orgId: UNKNOWN_ID }] }),
      400,
      'UNKNOWN_ORG',
      'grants.1.orgId',
    );
    expectError(await admins.secadmin.client.put(url, { grants: [grant, { ...grant, scope: 'org' }] }), 400, 'DUPLICATE_GRANT', 'grants.1');
  });

  it('refuses the system admin, and business roles for any admin account', async () => {
    const { user } = await businessUser();
    const grants = [{ role: 'leader', orgId: orgs.committee.id, scope: 'all' }];
    expectError(await admins.sysadmin.client.put(`/api/admin/users/${user.id}/roles`, { grants }), 403, 'FORBIDDEN');
    expectError(await admins.secadmin.client.put(`/api/admin/users/${admins.secadmin.user.id}/roles`, { grants }), 403, 'FORBIDDEN');
    expectError(await admins.secadmin.client.put(`/api/admin/users/${admins.auditadmin.user.id}/roles`, { grants }), 403, 'FORBIDDEN');
    expectError(await admins.secadmin.client.put(`/api/admin/users/${UNKNOWN_ID}/roles`, { grants }), 404, 'NOT_FOUND');
  });

  it('replaces the grants, effective on the next request, and records before and after', async () => {
    const worker = await businessUser();
    expectError(await worker.client.get('/api/orgs/units'), 403, 'FORBIDDEN');
    const grants = [{ role: 'dispatcher', orgId: orgs.committee.id, scope: 'subtree' }];
    const response = await admins.secadmin.client.put(`/api/admin/users/${worker.user.id}/roles`, { grants });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ roles: grants });
    expect((await worker.client.get('/api/orgs/units')).statusCode).toBe(200);

    const [entry] = await auditRows('admin.roles_change', worker.user.id);
    expect(JSON.parse(entry.detail!)).toEqual({ before: [{ role: 'handler', orgId: orgs.unitA.id, scope: 'org' }], after: grants });
  });
});

describe('GET /api/admin/audit', () => {
  it('answers 401 without a session', async () => {
    expectError(await anonymous().get('/api/admin/audit'), 401, 'UNAUTHENTICATED');
  });

  it('rejects a malformed time and an empty range', async () => {
    expectError(await admins.auditadmin.client.get('/api/admin/audit?from=yesterday'), 400, 'VALIDATION_FAILED', 'querystring.from');
    const range = 'from=2026-03-02T10:00:00%2B08:00&to=2026-03-02T02:00:00Z';
    expectError(await admins.auditadmin.client.get(`/api/admin/audit?${range}`), 400, 'INVALID_RANGE', 'to');
  });

  it('refuses the system admin', async () => {
    expectError(await admins.sysadmin.client.get('/api/admin/audit'), 403, 'FORBIDDEN');
  });

  it('pages newest first and filters by event, actor, target and time', async () => {
    const worker = await businessUser();
    await admins.sysadmin.client.post(`/api/admin/users/${worker.user.id}/disable`);
    await admins.sysadmin.client.post(`/api/admin/users/${worker.user.id}/enable`);

    const byTarget = await admins.auditadmin.client.get(`/api/admin/audit?targetId=${worker.user.id}&actorId=${admins.sysadmin.user.id}`);
    expect(byTarget.statusCode).toBe(200);
    expect(byTarget.json().items.map((item: { eventType: string }) => item.eventType)).toEqual(['admin.user_enable', 'admin.user_disable']);
    expect(byTarget.json().items[0]).toMatchObject({ actorRole: 'sysadmin', outcome: 'success', targetType: 'user' });

    const logins = await admins.auditadmin.client.get('/api/admin/audit?eventType=auth.login&pageSize=2');
    const { items, total } = logins.json();
    expect(items).toHaveLength(2);
    expect(total).toBeGreaterThan(2);
    expect(items[0].seq).toBeGreaterThan(items[1].seq);

    env.clock.advanceMinutes(1);
    const later = env.clock.now().toISOString();
    await admins.sysadmin.client.post(`/api/admin/users/${worker.user.id}/disable`);
    const recent = await admins.auditadmin.client.get(`/api/admin/audit?targetId=${worker.user.id}&from=${later}`);
    expect(recent.json().items.map((item: { eventType: string }) => item.eventType)).toEqual(['admin.user_disable']);
    const earlier = await admins.auditadmin.client.get(
      `/api/admin/audit?targetId=${worker.user.id}&actorId=${admins.sysadmin.user.id}&to=${later}`,
    );
    expect(earlier.json().items.map((item: { eventType: string }) => item.eventType)).toEqual(['admin.user_enable', 'admin.user_disable']);
  });

  it('never holds a password', async () => {
    const rows = await env.ctx.db.selectFrom('audit_log').select('detail').execute();
    expect(rows.map((row) => row.detail ?? '').join('\n')).not.toContain(TEST_PASSWORD);
  });
});

describe('GET /api/admin/audit/verify', () => {
  it('answers 401 without a session', async () => {
    expectError(await anonymous().get('/api/admin/audit/verify'), 401, 'UNAUTHENTICATED');
  });

  it('takes no input: an unknown query parameter is ignored', async () => {
    expect((await admins.auditadmin.client.get('/api/admin/audit/verify?x=1')).statusCode).toBe(200);
  });

  it('refuses the security admin', async () => {
    expectError(await admins.secadmin.client.get('/api/admin/audit/verify'), 403, 'FORBIDDEN');
  });

  it('verifies the whole chain and records that it did', async () => {
    const response = await admins.auditadmin.client.get('/api/admin/audit/verify');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, brokenAt: null });
    expect(response.json().checked).toBeGreaterThan(0);
    expect(await auditRows('admin.audit_verify')).not.toHaveLength(0);
  });
});

describe('three separate admins (三员分立): only the owning admins pass each admin endpoint', () => {
  type Caller = 'business' | AdminRole;
  interface Endpoint {
    owners: AdminRole[];
    name: string;
    call(client: Client): Promise<LightMyRequestResponse>;
  }
  const target = async () => (await businessUser()).user.id;
  const endpoints: Endpoint[] = [
    { owners: ['sysadmin', 'secadmin'], name: 'GET /api/admin/users', call: (c) => c.get('/api/admin/users') },
    {
      owners: ['sysadmin'],
      name: 'POST /api/admin/users',
      call: (c) =>
        c.post('/api/admin/users', {
          username: `m_${Math.random().toString(36).slice(2, 10)}`,
          displayName: '矩阵',
          orgId: orgs.unitA.id,
          password: 'Ju-Zhen#2026',
        }),
    },
    {
      owners: ['sysadmin'],
      name: 'POST /api/admin/users/:id/disable',
      call: async (c) => c.post(`/api/admin/users/${await target()}/disable`),
    },
    {
      owners: ['sysadmin'],
      name: 'POST /api/admin/users/:id/enable',
      call: async (c) => c.post(`/api/admin/users/${await target()}/enable`),
    },
    {
      owners: ['sysadmin'],
      name: 'POST /api/admin/users/:id/reset-password',
      call: async (c) => c.post(`/api/admin/users/${await target()}/reset-password`),
    },
    {
      owners: ['secadmin'],
      name: 'PUT /api/admin/users/:id/roles',
      call: async (c) =>
        c.put(`/api/admin/users/${await target()}/roles`, { grants: [{ role: 'member', orgId: orgs.branch.id, scope: 'org' }] }),
    },
    { owners: ['auditadmin'], name: 'GET /api/admin/audit', call: (c) => c.get('/api/admin/audit') },
    { owners: ['auditadmin'], name: 'GET /api/admin/audit/verify', call: (c) => c.get('/api/admin/audit/verify') },
    { owners: ['sysadmin'], name: 'GET /api/admin/calendar', call: (c) => c.get('/api/admin/calendar?year=2026') },
    {
      owners: ['sysadmin'],
      name: 'PUT /api/admin/calendar/:date',
      call: (c) => c.put('/api/admin/calendar/2031-01-02', { isWorkday: false, note: '矩阵' }),
    },
    {
      owners: ['sysadmin'],
      name: 'DELETE /api/admin/calendar/:date',
      call: async (c) => {
        await admins.sysadmin.client.put('/api/admin/calendar/2031-01-03', { isWorkday: false });
        return c.request({ method: 'DELETE', url: '/api/admin/calendar/2031-01-03' });
      },
    },
  ];
  const callers: Caller[] = [...ADMIN_ROLES, 'business'];

  for (const endpoint of endpoints) {
    for (const caller of callers) {
      const passes = caller !== 'business' && endpoint.owners.includes(caller);
      it(`${endpoint.name}: ${caller} ${passes ? 'passes' : 'gets 403'}`, async () => {
        const account =
          caller === 'business'
            ? await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'leader', scope: 'all' })
            : admins[caller];
        const response = await endpoint.call(account.client);
        if (passes) {
          expect(response.statusCode, response.body).toBeLessThan(300);
          return;
        }
        expectError(response, 403, 'FORBIDDEN');
        const last = await env.ctx.db
          .selectFrom('audit_log')
          .select(['event_type', 'target_id'])
          .where('actor_id', '=', account.user.id)
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow();
        expect(last).toEqual({ event_type: 'authz.denied', target_id: endpoint.name });
      });
    }
  }
});
