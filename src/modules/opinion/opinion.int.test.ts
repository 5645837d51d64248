import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, createTestUser, type AppealsDesk } from '../../../test/factories';
import { client, startTestApp, TEST_START, type TestEnv } from '../../../test/harness';
import { submitAppeal } from '../appeals';
import { SubmitAppealBody } from '../appeals/schemas';
import { backfillOpinionCounts, countAppeals } from './counting';
import { raiseSurgeAlerts } from './surges';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestApp();
});
afterAll(() => env.close());

const DAY_MS = 86_400_000;

/** Files an appeal `daysAgo` days before the test's start and lets the outbox count it. */
async function file(desk: AppealsDesk, content: string, options: { daysAgo?: number; address?: string } = {}) {
  env.clock.set(new Date(Date.parse(TEST_START) - (options.daysAgo ?? 0) * DAY_MS));
  const body = SubmitAppealBody.parse(appealBody(desk, { content, address: options.address ?? '幸福路 12 号院东门' }));
  const { appealId } = await submitAppeal(env.ctx, body, {
    actor: null,
    meta: { ip: null, requestId: null },
    channel: 'h5',
    orgId: desk.orgs.committee.id,
  });
  await env.ctx.events.drain();
  env.clock.set(TEST_START);
  return appealId!;
}

async function countOf(orgId: string, facet: string, value: string, term: string) {
  const rows = await env.ctx.db
    .selectFrom('opinion_counts')
    .select(['count'])
    .where('org_id', '=', orgId)
    .where('facet', '=', facet)
    .where('value', '=', value)
    .where('term', '=', term)
    .execute();
  return rows.reduce((sum, row) => sum + row.count, 0);
}

async function act(desk: AppealsDesk, id: string, action: string, body: Record<string, unknown>, as = desk.dispatcher) {
  const { version } = (await as.client.get(`/api/appeals/${id}`)).json();
  const response = await as.client.post(`/api/appeals/${id}/${action}`, { version, ...body });
  expect(response.statusCode).toBe(200);
  await env.ctx.events.drain();
}

describe('counting what arrives', () => {
  let desk: AppealsDesk;
  let id: string;

  beforeAll(async () => {
    desk = await createAppealsDesk(env.ctx, env.app);
    id = await file(desk, '小区停车难，晚上车位不够，很多车停在消防通道上。', { address: '明远家园二期15号楼2单元' });
  });

  it('counts an appeal once, under its terms, its category and its place', async () => {
    const org = desk.orgs.committee.id;
    expect(await countOf(org, 'all', '', '')).toBe(1);
    expect(await countOf(org, 'all', '', '停车难')).toBe(1);
    expect(await countOf(org, 'category', desk.categoryCode, '消防通道')).toBe(1);
    expect(await countOf(org, 'place', '明远家园二期', '')).toBe(1);
    expect(await countAppeals(env.ctx, [id])).toBe(0);
    expect(await backfillOpinionCounts(env.ctx)).toBe(0);
    expect(await countOf(org, 'all', '', '停车难')).toBe(1);
  });

  it('counts the unit on dispatch and moves the count when a return sends it to another unit', async () => {
    const org = desk.orgs.committee.id;
    await act(desk, id, 'dispatch', { unitId: desk.orgs.unitA.id });
    expect(await countOf(org, 'unit', desk.orgs.unitA.id, '停车难')).toBe(1);
    await act(desk, id, 'request-return', { reason: '不属于本单位职责范围' }, desk.handlerA);
    await act(desk, id, 'approve-return', { unitId: desk.orgs.unitB.id });
    expect(await countOf(org, 'unit', desk.orgs.unitA.id, '停车难')).toBe(0);
    expect(await countOf(org, 'unit', desk.orgs.unitB.id, '停车难')).toBe(1);
    expect(await countOf(org, 'unit', desk.orgs.unitB.id, '')).toBe(1);
  });

  it('counts the appeals the outbox missed once, in the backfill', async () => {
    const missed = await file(desk, '食堂饭菜太咸，希望少放盐。');
    await env.ctx.db.deleteFrom('opinion_appeals').where('appeal_id', '=', missed).execute();
    await env.ctx.db.deleteFrom('opinion_counts').where('org_id', '=', desk.orgs.committee.id).where('term', '=', '饭菜').execute();
    expect(await backfillOpinionCounts(env.ctx)).toBe(1);
    expect(await countOf(desk.orgs.committee.id, 'all', '', '饭菜')).toBe(1);
  });
});

const LIFT_TEXTS = [
  '3号楼电梯故障停运两天了，老人上下楼很困难。',
  '电梯又坏了，电梯故障报修没人来修。',
  '我们楼的电梯故障频繁，经常卡在半层，太吓人了。',
  '电梯故障停了一整天，孩子上学只能走楼梯。',
  '反映5号楼电梯故障问题，按钮失灵门关不上。',
  '电梯故障好几次了，物业说在等配件。',
];

describe('hot topics and surge alerts', () => {
  let desk: AppealsDesk;
  let other: AppealsDesk;
  const path = '/api/opinion/overview';

  beforeAll(async () => {
    desk = await createAppealsDesk(env.ctx, env.app);
    other = await createAppealsDesk(env.ctx, env.app);
    // A steady baseline: rubbish collection every other day for four weeks, and again this week.
    for (let daysAgo = 34; daysAgo >= 0; daysAgo -= 2) {
      await file(desk, `垃圾清运不及时，垃圾桶满了没人收，第${daysAgo}天。`, { daysAgo });
    }
    // Today, six people write about a broken lift, never mentioned before.
    for (const text of LIFT_TEXTS) {
      await file(desk, text, { address: '明远家园3号楼' });
    }
    expect(await raiseSurgeAlerts(env.ctx.db, env.ctx.clock)).toBe(1);
  });

  it('answers 401 without a session, 403 to a handler, 400 to a facet without a value', async () => {
    expect((await client(env.app).get(path)).statusCode).toBe(401);
    expect((await desk.handlerA.client.get(path)).statusCode).toBe(403);
    const bad = await desk.leader.client.get(`${path}?facet=place`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('ranks the new topic first, its words joined, and keeps the steady one out', async () => {
    const overview = (await desk.leader.client.get(path)).json();
    expect(overview.topics[0].terms).toEqual(expect.arrayContaining(['电梯', '故障']));
    expect(overview.topics[0].recent).toBe(6);
    expect(overview.topics[0].appeals).toHaveLength(5);
    expect(overview.topics.flatMap((topic: { terms: string[] }) => topic.terms)).not.toContain('垃圾清运');
    expect(overview.cloud.map((entry: { term: string }) => entry.term)).toEqual(expect.arrayContaining(['电梯', '垃圾清运']));
    expect(overview.appeals.recent).toBe(10);
    const all = overview.trend.series.find((series: { term: string }) => series.term === '');
    expect(all.counts.at(-1)).toBe(7);
    expect(overview.places[0]).toMatchObject({ place: '明远家园', count: 6 });
    expect(overview.rule).toContain('泊松');
  });

  it('filters by place, and shows nothing of another organisation', async () => {
    const place = (await desk.leader.client.get(`${path}?facet=place&value=${encodeURIComponent('明远家园')}`)).json();
    expect(place.appeals.recent).toBe(6);
    const elsewhere = (await other.leader.client.get(path)).json();
    expect(elsewhere.appeals.recent).toBe(0);
    expect(elsewhere.alerts).toEqual([]);
  });

  it('raises one alert, tells the dispatcher and the leader, and does not raise it again', async () => {
    const { alerts } = (await desk.dispatcher.client.get(path)).json();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ observed: 6, expected: 0.5, state: 'open', day: '2026-03-02' });
    expect(['电梯', '故障']).toContain(alerts[0].term);
    for (const person of [desk.dispatcher, desk.leader]) {
      const notes = (await person.client.get('/api/notifications')).json();
      expect(JSON.stringify(notes)).toContain('舆情预警');
    }
    expect(await raiseSurgeAlerts(env.ctx.db, env.ctx.clock)).toBe(0);
  });

  it('lets a worker acknowledge and respond, refuses stale or outside requests, and publishes the response', async () => {
    const list = (await desk.dispatcher.client.get('/api/opinion/alerts?state=open')).json();
    expect(list.total).toBe(1);
    const alert = list.items[0];
    const url = `/api/opinion/alerts/${alert.id}`;
    expect((await client(env.app).post(`${url}/acknowledge`, { version: alert.version })).statusCode).toBe(401);
    expect((await other.dispatcher.client.post(`${url}/acknowledge`, { version: alert.version })).statusCode).toBe(404);
    const handler = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.unitA.id, role: 'handler' });
    expect((await handler.client.get('/api/opinion/alerts')).statusCode).toBe(403);
    // Outside the organisations their roles reach, the alert does not exist for them.
    expect((await handler.client.post(`${url}/acknowledge`, { version: alert.version })).statusCode).toBe(404);
    expect((await desk.dispatcher.client.post(`${url}/acknowledge`, {})).statusCode).toBe(400);

    const acknowledged = await desk.dispatcher.client.post(`${url}/acknowledge`, { version: alert.version });
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: '王受理' });
    expect((await desk.leader.client.post(`${url}/acknowledge`, { version: 2 })).json()).toMatchObject({ code: 'ALERT_NOT_OPEN' });

    const tooShort = await desk.leader.client.post(`${url}/respond`, { version: 2, text: '已处理', publish: true });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().message).toContain('至少 10 个字');
    const stale = await desk.leader.client.post(`${url}/respond`, {
      version: 1,
      text: '已安排维保单位检修电梯，周五前恢复。',
      publish: false,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const text = '明远家园电梯故障已联系维保单位全面检修，3号楼电梯周五前恢复运行，期间安排人员协助老人上下楼。';
    const responded = await desk.leader.client.post(`${url}/respond`, { version: 2, text, publish: true });
    expect(responded.statusCode).toBe(200);
    expect(responded.json()).toMatchObject({ state: 'responded', respondedBy: '孙书记', responseText: text });
    const published = (await client(env.app).get('/api/public/opinion/responses')).json();
    expect(published.items[0]).toMatchObject({ id: alert.id, text });

    await desk.leader.client.post(`${url}/respond`, { version: 3, text, publish: false });
    const after = (await client(env.app).get('/api/public/opinion/responses')).json();
    expect(after.items.map((item: { id: string }) => item.id)).not.toContain(alert.id);

    const audit = await env.ctx.db.selectFrom('audit_log').select('event_type').where('target_id', '=', alert.id).execute();
    expect(audit.map((row) => row.event_type).sort()).toEqual(['opinion.acknowledge', 'opinion.respond', 'opinion.respond']);
  });
});
