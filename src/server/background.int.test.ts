import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, type AppealsDesk } from '../../test/factories';
import { client, startTestApp, unhandledEventIds, type TestEnv } from '../../test/harness';
import { verifyAuditChain } from '../core/audit';

// Events handled in the background thread, as `npm start` runs the app: the request thread only writes.
let env: TestEnv;
let desk: AppealsDesk;

beforeAll(async () => {
  env = await startTestApp({ ANONYMOUS_SUBMITS_PER_HOUR: '1000' }, { backgroundThread: true });
  desk = await createAppealsDesk(env.ctx, env.app);
});
afterAll(() => env.close());

const submit = (content: string) => client(env.app).post('/api/public/appeals', appealBody(desk, { content }));

describe('the background thread', () => {
  it('handles what the request thread committed: the new appeal is searchable and the dispatcher notified', async () => {
    const response = await submit('梧桐街二十号院的下水道堵了三天，污水漫到了楼道口，请尽快疏通。');
    expect(response.statusCode).toBe(201);
    await env.ctx.events.drain();

    expect(await unhandledEventIds(env.ctx.db)).toEqual([]);
    const found = await desk.dispatcher.client.get(`/api/appeals/search?q=${encodeURIComponent('下水道')}`);
    expect(found.json().items.map((item: { trackingNo: string }) => item.trackingNo)).toContain(response.json().trackingNo);
    const notifications = await desk.dispatcher.client.get('/api/notifications');
    expect(notifications.statusCode).toBe(200);
    expect(notifications.json().items.map((item: { kind: string }) => item.kind)).toEqual(['appeals.submitted']);
  });

  it('writes beside the request thread without either failing: submissions and dispatches while it handles events', async () => {
    // Waves, so that the thread is handling one wave's events while the next is written; the
    // dispatches read the appeal before they write it, which a transaction begun without the write
    // lock could not do once the other connection had committed (SQLITE_BUSY_SNAPSHOT: a 500).
    const statuses: number[] = [];
    const toDispatch: string[] = [];
    for (let wave = 0; wave < 12; wave++) {
      const [submitted, dispatched] = await Promise.all([
        Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            submit(`第${wave + 1}批第${i + 1}件：${STREETS[i % STREETS.length]}的路灯不亮已经${i + 2}天了，夜里出门看不清路。`),
          ),
        ),
        Promise.all(toDispatch.splice(0).map(dispatch)),
      ]);
      statuses.push(...submitted.map((response) => response.statusCode), ...dispatched);
      toDispatch.push(...(await Promise.all(submitted.slice(0, 4).map((response) => idOf(response.json().trackingNo)))));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(statuses.filter((status) => status >= 300)).toEqual([]);
    await env.ctx.events.drain();

    expect(await unhandledEventIds(env.ctx.db)).toEqual([]);
    const indexed = await desk.dispatcher.client.get(`/api/appeals/search?q=${encodeURIComponent('路灯')}&pageSize=50`);
    expect(indexed.json().total).toBe(120);
    expect((await verifyAuditChain(env.ctx.db, env.ctx.crypto.auditKey)).ok).toBe(true);
  });
});

const STREETS = ['梧桐街', '银杏路', '丁香巷', '海棠里', '玉兰道', '紫藤街'];

const idOf = async (trackingNo: string) =>
  (await env.ctx.db.selectFrom('appeals').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow()).id;

async function dispatch(id: string): Promise<number> {
  const { version } = (await desk.dispatcher.client.get(`/api/appeals/${id}`)).json();
  return (await desk.dispatcher.client.post(`/api/appeals/${id}/dispatch`, { version, unitId: desk.orgs.unitA.id })).statusCode;
}
