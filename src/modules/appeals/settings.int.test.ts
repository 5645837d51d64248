import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, createTestUser, type AppealsDesk, type TestUser } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { DEFAULT_APPEAL_SETTINGS } from './settings';

let env: TestEnv;
let desk: AppealsDesk;
let sysadmin: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  desk = await createAppealsDesk(env.ctx, env.app);
  sysadmin = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.committee.id, adminRole: 'sysadmin' });
});
afterAll(() => env.close());

describe('appeal settings (system admin)', () => {
  it('refuses business roles and the other admins', async () => {
    expect((await desk.dispatcher.client.get('/api/admin/appeals/settings')).statusCode).toBe(403);
    const auditor = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.committee.id, adminRole: 'auditadmin' });
    expect((await auditor.client.put('/api/admin/appeals/settings', DEFAULT_APPEAL_SETTINGS)).statusCode).toBe(403);
  });

  it('rejects weights that do not add up to 100, naming the field', async () => {
    const body = {
      ...DEFAULT_APPEAL_SETTINGS,
      kpi: { ...DEFAULT_APPEAL_SETTINGS.kpi, weights: { response: 50, resolution: 50, satisfaction: 50 } },
    };
    const response = await sysadmin.client.put('/api/admin/appeals/settings', body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'WEIGHTS_NOT_100', field: 'body.kpi.weights' });
  });

  it('applies a new time limit to the next dispatch, and audits the change', async () => {
    const body = { ...DEFAULT_APPEAL_SETTINGS, limits: { ...DEFAULT_APPEAL_SETTINGS.limits, general: { workdays: 3 } } };
    expect((await sysadmin.client.put('/api/admin/appeals/settings', body)).statusCode).toBe(200);
    const submitted = (await client(env.app).post('/api/public/appeals', appealBody(desk))).json();
    const { id } = await env.ctx.db
      .selectFrom('appeals')
      .select('id')
      .where('tracking_no', '=', submitted.trackingNo)
      .executeTakeFirstOrThrow();
    const dispatched = await desk.dispatcher.client.post(`/api/appeals/${id}/dispatch`, { version: 1, unitId: desk.orgs.unitA.id });
    expect(dispatched.json().dueAt).toBe('2026-03-05T15:59:59.000Z');
    const changes = await env.ctx.db
      .selectFrom('audit_log')
      .select('event_type')
      .where('actor_id', '=', sysadmin.user.id)
      .where('event_type', '=', 'config.change')
      .execute();
    expect(changes).toHaveLength(1);
  });

  it('creates and edits a category with its time limit', async () => {
    const category = {
      name: '供暖',
      appealType: 'help',
      limitKind: 'utility',
      defaultUnitId: desk.orgs.unitB.id,
      description: null,
      sort: 5,
      active: true,
    };
    expect((await sysadmin.client.put('/api/admin/appeals/categories/heating', category)).statusCode).toBe(200);
    expect((await sysadmin.client.put('/api/admin/appeals/categories/Bad-Code', category)).json().field).toBe('params.code');
    const listed = (await client(env.app).get('/api/appeals/categories')).json();
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'heating', name: '供暖', limitKind: 'utility' })]));
  });

  it('refuses submissions in a category the moment it is switched off, and takes new danger words at once', async () => {
    const category = {
      name: '临时类别',
      appealType: 'complaint',
      limitKind: 'general',
      defaultUnitId: null,
      description: null,
      sort: 9,
      active: true,
    };
    await sysadmin.client.put('/api/admin/appeals/categories/temporary', category);
    const submit = (content: string) =>
      desk.resident.client.post('/api/public/appeals', appealBody(desk, { categoryCode: 'temporary', content }));
    expect((await submit('临时类别下的第一件诉求，内容足够长。')).statusCode).toBe(201);
    await sysadmin.client.put('/api/admin/appeals/categories/temporary', { ...category, active: false });
    expect((await submit('临时类别下的第二件诉求，内容足够长。')).json().code).toBe('UNKNOWN_CATEGORY');

    const settings = (await sysadmin.client.get('/api/admin/appeals/settings')).json();
    await sysadmin.client.put('/api/admin/appeals/settings', { ...settings, dangerWords: ['化学品泄漏'] });
    const urgent = await desk.resident.client.post(
      '/api/public/appeals',
      appealBody(desk, { content: '厂区东侧疑似化学品泄漏，气味刺鼻。' }),
    );
    const stored = await env.ctx.db
      .selectFrom('appeals')
      .select('urgency')
      .where('tracking_no', '=', urgent.json().trackingNo)
      .executeTakeFirstOrThrow();
    expect(stored.urgency).toBe('emergency');
  });
});
