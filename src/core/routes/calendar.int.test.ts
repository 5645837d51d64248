import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAdmins, createTestOrgs, type TestAdmins } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { WorkCalendar } from '../calendar';

let env: TestEnv;
let admins: TestAdmins;

beforeAll(async () => {
  env = await startTestApp();
  const orgs = await createTestOrgs(env.ctx);
  admins = await createTestAdmins(env.ctx, env.app, orgs.committee.id);
});
afterAll(() => env.close());

const anonymous = () => client(env.app);
const remove = (date: string, session = admins.sysadmin.client) =>
  session.request({ method: 'DELETE', url: `/api/admin/calendar/${date}` });

describe('GET /api/admin/calendar', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous().get('/api/admin/calendar?year=2026')).statusCode).toBe(401);
  });

  it('rejects a missing or impossible year', async () => {
    const missing = await admins.sysadmin.client.get('/api/admin/calendar');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.year' });
    expect((await admins.sysadmin.client.get('/api/admin/calendar?year=1999')).json().field).toBe('querystring.year');
  });

  it('refuses the security admin', async () => {
    expect((await admins.secadmin.client.get('/api/admin/calendar?year=2026')).statusCode).toBe(403);
  });

  it("lists the days that differ from Monday–Friday, official and the admin's own", async () => {
    await admins.sysadmin.client.put('/api/admin/calendar/2026-02-24', { isWorkday: false, note: '延长春节假期' });
    await admins.sysadmin.client.put('/api/admin/calendar/2026-07-01', { isWorkday: false, note: '建党节调休' });
    const response = await admins.sysadmin.client.get('/api/admin/calendar?year=2026');
    expect(response.statusCode).toBe(200);
    const { year, officialData, days } = response.json();
    expect({ year, officialData }).toEqual({ year: 2026, officialData: true });
    const byDate = new Map(days.map((day: { date: string }) => [day.date, day]));
    expect(byDate.get('2026-02-14')).toEqual({ date: '2026-02-14', isWorkday: true, note: '春节', source: 'official' });
    expect(byDate.get('2026-02-16')).toEqual({ date: '2026-02-16', isWorkday: false, note: '春节', source: 'official' });
    expect(byDate.get('2026-02-24')).toEqual({ date: '2026-02-24', isWorkday: false, note: '延长春节假期', source: 'override' });
    expect(byDate.get('2026-07-01')).toMatchObject({ source: 'override' });
    // An ordinary Saturday is not a difference.
    expect(byDate.has('2026-03-07')).toBe(false);
    expect(days.map((day: { date: string }) => day.date)).toEqual([...byDate.keys()].sort());
    await remove('2026-02-24');
    await remove('2026-07-01');
  });

  it('says when a year has no official data yet', async () => {
    const response = await admins.sysadmin.client.get('/api/admin/calendar?year=2031');
    expect(response.json()).toEqual({ year: 2031, officialData: false, days: [] });
  });
});

describe('PUT /api/admin/calendar/:date', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous().put('/api/admin/calendar/2027-02-08', { isWorkday: false })).statusCode).toBe(401);
  });

  it('rejects an impossible date and a missing flag', async () => {
    const badDate = await admins.sysadmin.client.put('/api/admin/calendar/2027-02-30', { isWorkday: false });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.date' });
    const noFlag = await admins.sysadmin.client.put('/api/admin/calendar/2027-02-08', { note: '春节' });
    expect(noFlag.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.isWorkday' });
  });

  it('refuses the audit admin', async () => {
    expect((await admins.auditadmin.client.put('/api/admin/calendar/2027-02-08', { isWorkday: false })).statusCode).toBe(403);
  });

  it('sets and changes a day, moves deadlines with it, and audits both', async () => {
    const first = await admins.sysadmin.client.put('/api/admin/calendar/2027-02-08', { isWorkday: false, note: '春节' });
    expect(first.json()).toEqual({ date: '2027-02-08', isWorkday: false, note: '春节', source: 'override' });
    const second = await admins.sysadmin.client.put('/api/admin/calendar/2027-02-08', { isWorkday: true });
    expect(second.json()).toEqual({ date: '2027-02-08', isWorkday: true, note: null, source: 'override' });
    const stored = await env.ctx.db.selectFrom('calendar_overrides').selectAll().where('date', '=', '2027-02-08').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ is_workday: 1, note: null, updated_by: admins.sysadmin.user.id });

    await admins.sysadmin.client.put('/api/admin/calendar/2027-02-09', { isWorkday: false });
    expect((await WorkCalendar.load(env.ctx.db)).addWorkdays('2027-02-05', 2)).toBe('2027-02-10');

    const audited = await env.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('event_type', '=', 'admin.calendar_set')
      .where('target_id', '=', '2027-02-08')
      .orderBy('seq')
      .execute();
    expect(audited.map((row) => JSON.parse(row.detail!).previous)).toEqual([null, { isWorkday: false, note: '春节' }]);
  });
});

describe('DELETE /api/admin/calendar/:date', () => {
  it('answers 401 without a session', async () => {
    expect((await remove('2027-10-08', anonymous())).statusCode).toBe(401);
  });

  it('rejects a malformed date', async () => {
    expect((await remove('2027-1-8')).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.date' });
  });

  it('refuses the security admin and answers 404 for a day without an override', async () => {
    await admins.sysadmin.client.put('/api/admin/calendar/2027-10-08', { isWorkday: false });
    expect((await remove('2027-10-08', admins.secadmin.client)).statusCode).toBe(403);
    const missing = await remove('2027-10-09');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
  });

  it('removes the override, so the official calendar applies again, and audits it', async () => {
    const response = await remove('2027-10-08');
    expect(response.statusCode).toBe(200);
    expect((await WorkCalendar.load(env.ctx.db)).isWorkday('2027-10-08')).toBe(true);
    const audited = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event_type', '=', 'admin.calendar_clear')
      .where('target_id', '=', '2027-10-08')
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0].actor_id).toBe(admins.sysadmin.user.id);
  });
});
