import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, type AppealsDesk } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { submitAppeal } from './commands/submitAppeal';
import { SubmitAppealBody } from './schemas';

let env: TestEnv;
let desk: AppealsDesk;

beforeAll(async () => {
  env = await startTestApp();
  desk = await createAppealsDesk(env.ctx, env.app);
});
afterAll(() => env.close());

async function file(content: string, overrides: Record<string, unknown> = {}) {
  const body = SubmitAppealBody.parse(appealBody(desk, { content, ...overrides }));
  const { appealId, result } = await submitAppeal(env.ctx, body, { actor: null, meta: { ip: null, requestId: null }, channel: 'h5' });
  await env.ctx.events.drain();
  return { id: appealId!, trackingNo: result.trackingNo };
}

async function act(id: string, action: string, body: Record<string, unknown>, as = desk.dispatcher) {
  const { version } = (await as.client.get(`/api/appeals/${id}`)).json();
  return as.client.post(`/api/appeals/${id}/${action}`, { version, ...body });
}

const similarTo = async (content: string) => {
  const response = await client(env.app).post('/api/public/appeals/similar', { content, orgId: desk.orgs.committee.id });
  expect(response.statusCode).toBe(200);
  return response.json().items as { trackingNo: string; similarity: number; content: string; supportCount: number }[];
};

let lamp: { id: string; trackingNo: string };
let privateLamp: { id: string; trackingNo: string };

beforeAll(async () => {
  lamp = await file('翠竹园8栋2单元门口的路灯坏了一个多月，晚上出行很不方便，请尽快维修。', { address: '翠竹园8栋' });
  privateLamp = await file('翠竹园8栋门前路灯一直不亮，晚上很黑。', { address: '翠竹园8栋', publicable: false });
  await file('农贸市场东侧垃圾清运不及时，气味很大，影响周边居民生活。', { address: '农贸市场' });
});

describe('POST /api/public/appeals/similar', () => {
  it('answers 400 for too little text', async () => {
    const response = await client(env.app).post('/api/public/appeals/similar', { content: '路灯' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.content' });
  });

  it('offers the open public appeal about the same problem, and nothing about other problems', async () => {
    const items = await similarTo('翠竹园8栋的路灯坏了，晚上出门太黑了');
    expect(items.map((item) => item.trackingNo)).toEqual([lamp.trackingNo]);
    expect(items[0].similarity).toBeGreaterThanOrEqual(0.3);
    // What the other citizen kept private is never offered.
    expect(items.map((item) => item.trackingNo)).not.toContain(privateLamp.trackingNo);
    expect(await similarTo('小区楼道里堆放了很多杂物，存在消防隐患')).toEqual([]);
  });
});

describe('POST /api/public/appeals/support', () => {
  it('counts a supporter once a day per address, and refuses unknown or private appeals', async () => {
    const support = (trackingNo: string) => client(env.app).post('/api/public/appeals/support', { trackingNo });
    expect((await support(lamp.trackingNo)).json()).toEqual({ supportCount: 1 });
    expect((await support(lamp.trackingNo)).json()).toEqual({ supportCount: 1 });
    expect((await support('20260302999999')).statusCode).toBe(404);
    expect((await support(privateLamp.trackingNo)).statusCode).toBe(404);
    expect((await similarTo('翠竹园8栋的路灯坏了，晚上出门太黑了'))[0].supportCount).toBe(1);
  });
});

describe('GET /api/appeals/:id/similar', () => {
  it('answers 401 without a session and 404 for an appeal outside the viewer scope', async () => {
    expect((await client(env.app).get(`/api/appeals/${lamp.id}/similar`)).statusCode).toBe(401);
    expect((await desk.handlerB.client.get(`/api/appeals/${lamp.id}/similar`)).statusCode).toBe(404);
  });

  it('shows the dispatcher the likely duplicates with a score, which one action merges', async () => {
    const again = await file('翠竹园8栋2单元路灯坏了很久了，晚上很不方便，希望尽快修好。', { address: '翠竹园8栋' });
    const response = await desk.dispatcher.client.get(`/api/appeals/${again.id}/similar`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: string; similarity: number }[];
    expect(items.map((item) => item.id)).toEqual(expect.arrayContaining([lamp.id, privateLamp.id]));
    const scores = items.map((item) => item.similarity);
    expect(scores).toEqual(scores.toSorted((a, b) => b - a));
    expect(items.every((item) => item.similarity >= 0.3 && item.similarity <= 1)).toBe(true);

    expect((await act(again.id, 'merge', { masterId: lamp.id })).statusCode).toBe(200);
    const after = (await desk.dispatcher.client.get(`/api/appeals/${privateLamp.id}/similar`)).json().items as { id: string }[];
    expect(after.map((item) => item.id)).not.toContain(again.id);
  });
});
