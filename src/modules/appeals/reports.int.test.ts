import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../core/calendar';
import { claimJobSlot, intervalSlot } from '../../core/jobs';
import { appealBody, createAppealsDesk, createTestUser, type AppealsDesk } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { submitAppeal } from './commands/submitAppeal';
import { SubmitAppealBody } from './schemas';
import { sweepOverdueAppeals } from './sweep';

let env: TestEnv;
let desk: AppealsDesk;

beforeAll(async () => {
  env = await startTestApp();
  desk = await createAppealsDesk(env.ctx, env.app);
});
afterAll(() => env.close());

async function submitted(content: string) {
  const response = await client(env.app).post('/api/public/appeals', appealBody(desk, { content }));
  const { trackingNo, queryCode } = response.json();
  const { id } = await env.ctx.db.selectFrom('appeals').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
  return { id, trackingNo, queryCode };
}

async function act(id: string, action: string, body: Record<string, unknown>, as = desk.dispatcher) {
  const { version } = (await as.client.get(`/api/appeals/${id}`)).json();
  const response = await as.client.post(`/api/appeals/${id}/${action}`, { version, ...body });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function handledAndRated(content: string, satisfaction: string, resolved: boolean) {
  const appeal = await submitted(content);
  await act(appeal.id, 'dispatch', { unitId: desk.orgs.unitA.id });
  await act(appeal.id, 'sign', {}, desk.handlerA);
  await act(appeal.id, 'reply', { text: '已处理完毕。' }, desk.handlerA);
  await client(env.app).post('/api/public/appeals/rate', {
    trackingNo: appeal.trackingNo,
    queryCode: appeal.queryCode,
    satisfaction,
    resolved,
  });
  return appeal;
}

describe('GET /api/dashboard/appeals', () => {
  it('refuses without a session and for a handler', async () => {
    expect((await client(env.app).get('/api/dashboard/appeals')).statusCode).toBe(401);
    expect((await desk.handlerA.client.get('/api/dashboard/appeals')).statusCode).toBe(403);
    expect((await desk.leader.client.get('/api/dashboard/appeals?month=2026-13')).json().field).toBe('querystring.month');
  });

  it('computes the three rates and the weighted score per unit, and the drill-down lists the same appeals', async () => {
    await handledAndRated('办公楼三层卫生间水龙头漏水严重。', 'satisfied', true);
    await handledAndRated('食堂窗口排队时间太长，建议增加窗口。', 'unsatisfied', false);
    const report = (await desk.leader.client.get('/api/dashboard/appeals?month=2026-03')).json();
    const unit = report.units.find((row: { unitId: string }) => row.unitId === desk.orgs.unitA.id);
    expect(unit).toMatchObject({
      dispatched: 2,
      responseDue: 2,
      responded: 2,
      rated: 2,
      resolved: 1,
      satisfied: 1,
      responseRate: 100,
      resolutionRate: 50,
      satisfactionRate: 50,
      rank: 1,
    });
    expect(unit.score).toBe(0.3 * 100 + 0.35 * 50 + 0.35 * 50);
    expect(report.trend.at(-1)).toMatchObject({ month: '2026-03', received: 2 });

    const behind = (await desk.leader.client.get(`/api/appeals?unitId=${desk.orgs.unitA.id}&month=2026-03&kpi=unsatisfied`)).json();
    expect(behind.total).toBe(1);
    expect(behind.items[0].preview).toContain('食堂窗口');
  });
});

describe('GET /api/appeals/export.xlsx', () => {
  it('refuses a resident, and streams the filtered list with masked contacts', async () => {
    expect((await desk.resident.client.get('/api/appeals/export.xlsx')).statusCode).toBe(403);
    const response = await desk.dispatcher.client.request({ method: 'GET', url: '/api/appeals/export.xlsx?box=all' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('群众诉求')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('受理编号');
    expect(sheet.rowCount).toBeGreaterThanOrEqual(3);
    const phones = sheet.getColumn(8).values.slice(2);
    expect(phones.every((phone) => /^1\d{2}\*{4}\d{4}$/.test(String(phone)))).toBe(true);
    const audited = await env.ctx.db
      .selectFrom('audit_log')
      .select('event_type')
      .where('actor_id', '=', desk.dispatcher.user.id)
      .where('event_type', '=', 'appeal.export')
      .execute();
    expect(audited).toHaveLength(1);
  });
});

describe('overdue sweep', () => {
  it('escalates overdue appeals to supervision once, and notifies the unit', async () => {
    const appeal = await submitted('宿舍楼热水器坏了一周没人修。');
    await act(appeal.id, 'dispatch', { unitId: desk.orgs.unitA.id });
    env.clock.advanceMinutes(60 * 24 * 12);
    expect(await sweepOverdueAppeals(env.ctx)).toBeGreaterThanOrEqual(1);
    expect(await sweepOverdueAppeals(env.ctx)).toBe(0);
    const row = await env.ctx.db.selectFrom('appeals').selectAll().where('id', '=', appeal.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ supervised: 1, state: 'dispatched' });
    const event = await env.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('subject_id', '=', appeal.id)
      .where('type', '=', 'appeals.supervise')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ automatic: true });
    await env.ctx.events.drain();
    const notified = await env.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', desk.headA.user.id)
      .where('kind', '=', 'appeals.supervise')
      .execute();
    expect(notified.length).toBeGreaterThanOrEqual(1);
  });

  it('gives each schedule slot to exactly one of several instances', async () => {
    const slot = intervalSlot(env.ctx.clock.now(), 60);
    const claims = await Promise.all(
      Array.from({ length: 4 }, () => claimJobSlot(env.ctx.db, 'appeals.overdue-sweep', slot, env.ctx.clock.now())),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});

describe('lists and exports longer than one batch', () => {
  it('pages through every appeal once, newest first, and exports each of them', async () => {
    for (let index = 0; index < 260; index += 1) {
      env.clock.advanceMinutes(1);
      const body = SubmitAppealBody.parse(appealBody(desk, { content: `分批核对的第 ${index} 件诉求` }));
      await submitAppeal(env.ctx, body, { actor: null, meta: { ip: null, requestId: null }, channel: 'h5', orgId: desk.orgs.committee.id });
    }
    // Earlier tests moved the clock on by days: a fresh session for this one.
    const dispatcher = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.committee.id, role: 'dispatcher', scope: 'subtree' });
    const seen: { trackingNo: string; receivedAt: string }[] = [];
    let total = 0;
    for (let page = 1; page === 1 || seen.length < total; page += 1) {
      const response = await dispatcher.client.get(`/api/appeals?box=all&pageSize=100&page=${page}`);
      expect(response.statusCode).toBe(200);
      const body = response.json() as { items: { trackingNo: string; receivedAt: string }[]; total: number };
      total = body.total;
      expect(body.items.length).toBeGreaterThan(0);
      seen.push(...body.items);
    }
    expect(total).toBeGreaterThan(260);
    expect(new Set(seen.map((item) => item.trackingNo)).size).toBe(total);
    const times = seen.map((item) => item.receivedAt);
    expect(times).toEqual([...times].sort().reverse());

    const exported = await dispatcher.client.request({ method: 'GET', url: '/api/appeals/export.xlsx?box=all' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const numbers = workbook.getWorksheet('群众诉求')!.getColumn(1).values.slice(2).map(String);
    expect(numbers).toEqual(seen.map((item) => item.trackingNo));
  });
});

describe('the response rate over time', () => {
  it('counts a signed appeal for the response rate only once its first-contact limit has passed', async () => {
    const unitB = async () => {
      // The clock moves by a day in this test: a fresh session for each look.
      const leader = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.committee.id, role: 'leader', scope: 'subtree' });
      const report = (await leader.client.get(`/api/dashboard/appeals?month=${shanghaiDate(env.clock.now()).slice(0, 7)}`)).json();
      return report.units.find((row: { unitId: string }) => row.unitId === desk.orgs.unitB.id);
    };
    const appeal = await submitted('宿舍楼热水器坏了，洗不了澡。');
    const dispatcher = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.committee.id, role: 'dispatcher', scope: 'subtree' });
    const handler = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.unitB.id, role: 'handler' });
    await act(appeal.id, 'dispatch', { unitId: desk.orgs.unitB.id }, dispatcher);
    await act(appeal.id, 'sign', {}, handler);
    expect(await unitB()).toMatchObject({ dispatched: 1, responseDue: 0, responded: 0, responseRate: null });
    env.clock.advanceMinutes(25 * 60);
    expect(await unitB()).toMatchObject({ responseDue: 1, responded: 0, responseRate: 0 });
  });
});
