import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser, type TestOrgs, type TestUser } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { notifyDigest, notifyUsers } from '../notifications';

let env: TestEnv;
let orgs: TestOrgs;

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
});
afterAll(() => env.close());

const anonymous = () => client(env.app);
const worker = () => createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'handler' });

/** Sends `count` notifications a minute apart, so their order is the order sent. */
async function notify(user: TestUser, count: number): Promise<void> {
  for (let index = 1; index <= count; index += 1) {
    await notifyUsers(env.ctx.db, env.clock, [user.user.id], {
      kind: 'appeal.dispatched',
      title: `新派单 ${index}`,
      body: '请在时限内签收',
      link: '/console/appeals',
    });
    env.clock.advanceMinutes(1);
  }
}

const idsOf = async (user: TestUser) =>
  (await env.ctx.db.selectFrom('notifications').select('id').where('user_id', '=', user.user.id).orderBy('created_at').execute()).map(
    (row) => row.id,
  );

describe('GET /api/notifications', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous().get('/api/notifications')).statusCode).toBe(401);
  });

  it('rejects a page size over 100', async () => {
    const response = await (await worker()).client.get('/api/notifications?pageSize=101');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.pageSize' });
  });

  it("shows nobody else's notifications", async () => {
    const owner = await worker();
    await notify(owner, 1);
    const other = await worker();
    expect((await other.client.get('/api/notifications')).json()).toMatchObject({ items: [], total: 0, unread: 0 });
  });

  it('lists the own notifications newest first, with the unread count', async () => {
    const user = await worker();
    await notify(user, 3);
    const response = await user.client.get('/api/notifications?pageSize=2');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect(body.items.map((item: { title: string }) => item.title)).toEqual(['新派单 3', '新派单 2']);
    expect(body.items[0]).toMatchObject({ kind: 'appeal.dispatched', body: '请在时限内签收', link: '/console/appeals', readAt: null });
  });
});

describe('POST /api/notifications/:id/read', () => {
  it('answers 401 without a session', async () => {
    const user = await worker();
    await notify(user, 1);
    const [id] = await idsOf(user);
    expect((await anonymous().post(`/api/notifications/${id}/read`)).statusCode).toBe(401);
  });

  it('rejects a malformed id', async () => {
    const response = await (await worker()).client.post('/api/notifications/42/read');
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.id' });
  });

  it("answers 404 for another user's notification and leaves it unread", async () => {
    const owner = await worker();
    await notify(owner, 1);
    const [id] = await idsOf(owner);
    const other = await worker();
    const response = await other.client.post(`/api/notifications/${id}/read`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
    expect((await owner.client.get('/api/notifications')).json().unread).toBe(1);
  });

  it('marks one notification read, keeping the first time it was read', async () => {
    const user = await worker();
    await notify(user, 2);
    const [first] = await idsOf(user);
    const readAt = env.clock.now().toISOString();
    expect((await user.client.post(`/api/notifications/${first}/read`)).statusCode).toBe(200);
    env.clock.advanceMinutes(5);
    expect((await user.client.post(`/api/notifications/${first}/read`)).statusCode).toBe(200);
    const body = (await user.client.get('/api/notifications')).json();
    expect(body.unread).toBe(1);
    expect(body.items.find((item: { id: string }) => item.id === first).readAt).toBe(readAt);
  });
});

describe('POST /api/notifications/read-all', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous().post('/api/notifications/read-all')).statusCode).toBe(401);
  });

  it('rejects a body that is not JSON', async () => {
    const user = await worker();
    const response = await user.client.request({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_JSON');
  });

  it("marks only the own notifications, not another user's", async () => {
    const user = await worker();
    const other = await worker();
    await notify(user, 2);
    await notify(other, 1);
    const response = await user.client.post('/api/notifications/read-all');
    expect(response.json()).toEqual({ marked: 2 });
    expect((await user.client.get('/api/notifications')).json().unread).toBe(0);
    expect((await other.client.get('/api/notifications')).json().unread).toBe(1);
    expect((await user.client.post('/api/notifications/read-all')).json()).toEqual({ marked: 0 });
  });
});

describe('notifyDigest', () => {
  const digest = (user: TestUser, count: number) =>
    notifyDigest(env.ctx.db, env.clock, {
      userIds: [user.user.id],
      kind: 'appeals.submitted',
      collapseKey: 'test.digest',
      count,
      title: (total) => `有 ${total} 件新诉求`,
      body: '请到「待派单」派给承办单位',
      link: '/console/inbox?box=to_dispatch',
    });

  const digestsOf = (user: TestUser) =>
    env.ctx.db
      .selectFrom('notifications')
      .select(['id', 'title', 'count', 'read_at'])
      .where('user_id', '=', user.user.id)
      .where('collapse_key', '=', 'test.digest')
      .orderBy('created_at')
      .execute();

  it('counts like events up in one unread line, and starts a new line once it has been read', async () => {
    const user = await worker();
    await digest(user, 1);
    env.clock.advanceMinutes(1);
    await digest(user, 3);
    const [first] = await digestsOf(user);
    expect(await digestsOf(user)).toEqual([{ id: first.id, title: '有 4 件新诉求', count: 4, read_at: null }]);

    expect((await user.client.post(`/api/notifications/${first.id}/read`, {})).statusCode).toBe(200);
    env.clock.advanceMinutes(1);
    await digest(user, 2);
    const lines = await digestsOf(user);
    expect(lines.map((line) => [line.title, line.read_at === null])).toEqual([
      ['有 4 件新诉求', false],
      ['有 2 件新诉求', true],
    ]);
  });
});
