import { readFileSync } from 'node:fs';
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

const citizen = () => client(env.app);
const photo = readFileSync(new URL('../../../test/fixtures/photo.png', import.meta.url)).toString('base64');

async function submit(overrides: Record<string, unknown> = {}) {
  const response = await citizen().post('/api/public/appeals', appealBody(desk, overrides));
  expect(response.statusCode).toBe(201);
  const result = response.json() as { trackingNo: string; queryCode: string };
  const appeal = await env.ctx.db.selectFrom('appeals').selectAll().where('tracking_no', '=', result.trackingNo).executeTakeFirstOrThrow();
  return { ...result, id: appeal.id };
}

async function detail(id: string, as = desk.dispatcher) {
  const response = await as.client.get(`/api/appeals/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function act(id: string, action: string, body: Record<string, unknown>, as = desk.dispatcher) {
  const { version } = await detail(id, as);
  return as.client.post(`/api/appeals/${id}/${action}`, { version, ...body });
}

describe('POST /api/public/appeals', () => {
  it('names the field of bad input in Chinese', async () => {
    const response = await citizen().post('/api/public/appeals', appealBody(desk, { content: '短' }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.content' });
    expect(response.json().message).toMatch(/诉求内容至少 5 个字/);
  });

  it('asks for contact details unless anonymous', async () => {
    const named = await citizen().post('/api/public/appeals', appealBody(desk, { contactPhone: undefined }));
    expect(named.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.contactPhone' });
    const anonymous = await citizen().post(
      '/api/public/appeals',
      appealBody(desk, { contactPhone: undefined, contactName: undefined, anonymous: true }),
    );
    expect(anonymous.statusCode).toBe(201);
  });

  it('refuses an unknown category and a file that is not an image', async () => {
    expect((await citizen().post('/api/public/appeals', appealBody(desk, { categoryCode: 'nope' }))).json().code).toBe('UNKNOWN_CATEGORY');
    const fake = await citizen().post(
      '/api/public/appeals',
      appealBody(desk, { photos: [{ name: 'x.jpg', dataBase64: Buffer.from('<?php echo 1;').toString('base64') }] }),
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ code: 'INVALID_PHOTO', field: 'photos.0' });
  });

  it('stores contact details encrypted, never in plain text', async () => {
    const { id } = await submit();
    const row = await env.ctx.db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('13812341234');
    expect(JSON.stringify(row)).not.toContain('刘建国');
    expect(env.ctx.crypto.decrypt(row.contact_phone_enc!)).toBe('13812341234');
  });

  it('returns the first result for a retried submission and stores nothing twice', async () => {
    const key = `retry-${Date.now()}`;
    const send = () =>
      citizen().post('/api/public/appeals', appealBody(desk, { content: `重试提交的诉求 ${key}` }), { 'idempotency-key': key });
    const [first, second, third] = await Promise.all([send(), send(), send()]);
    const results = [first, second, third].map((response) => response.json().trackingNo);
    expect(new Set(results).size).toBe(1);
    const stored = await env.ctx.db.selectFrom('appeals').select('id').where('content', '=', `重试提交的诉求 ${key}`).execute();
    expect(stored).toHaveLength(1);
  });

  it('answers a retry after the first has committed with the first result (200), with one event and one audit entry', async () => {
    const key = `later-${Date.now()}`;
    const body = appealBody(desk, { content: `稍后重试的诉求 ${key}` });
    // From an address of its own, so the file's other submissions stay under the hourly limit.
    const send = () =>
      env.app.inject({
        method: 'POST',
        url: '/api/public/appeals',
        payload: body,
        headers: { 'idempotency-key': key },
        remoteAddress: '198.51.100.7',
      });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const stored = await env.ctx.db.selectFrom('appeals').select('id').where('content', '=', `稍后重试的诉求 ${key}`).execute();
    expect(stored).toHaveLength(1);
    const events = await env.ctx.db.selectFrom('events').select('id').where('subject_id', '=', stored[0].id).execute();
    expect(events).toHaveLength(1);
    const audited = await env.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('event_type', '=', 'appeal.create')
      .where('target_id', '=', stored[0].id)
      .execute();
    expect(audited).toHaveLength(1);
  });
});

describe('the workflow from submission to rating', () => {
  it('runs dispatch → sign → reply → citizen rates satisfied → closed', async () => {
    const { id, trackingNo, queryCode } = await submit({ photos: [{ name: 'lamp.png', dataBase64: photo }] });

    const received = await detail(id);
    expect(received.allowedActions).toEqual(expect.arrayContaining(['dispatch', 'reject', 'merge']));
    expect(received.contactPhone).toBe('138****1234');
    expect(received.photos).toHaveLength(1);
    const image = await desk.dispatcher.client.get(received.photos[0].url);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('private, no-store');

    expect((await act(id, 'dispatch', { unitId: desk.orgs.unitA.id, note: '内部提示：此前已有同类反映' })).statusCode).toBe(200);
    const dispatched = await detail(id, desk.handlerA);
    expect(dispatched.state).toBe('dispatched');
    expect(dispatched.allowedActions).toEqual(['sign', 'requestReturn']);
    expect(dispatched.dueAt).toBe('2026-03-11T15:59:59.000Z');

    expect((await act(id, 'sign', {}, desk.handlerA)).json().state).toBe('signed');
    const replied = await act(id, 'reply', { text: '已更换东门两盏路灯，恢复照明。' }, desk.handlerA);
    expect(replied.json().state).toBe('callback');

    const lookup = await citizen().post('/api/public/appeals/lookup', { trackingNo, queryCode });
    expect(lookup.json()).toMatchObject({ state: 'callback', canRate: true, replyText: '已更换东门两盏路灯，恢复照明。' });
    expect(JSON.stringify(lookup.json())).not.toContain('李承办');
    // The dispatcher's instruction to the unit is internal; the citizen sees that it was dispatched, not the note.
    expect(JSON.stringify(lookup.json())).not.toContain('内部提示');

    const rated = await citizen().post('/api/public/appeals/rate', { trackingNo, queryCode, satisfaction: 'satisfied', resolved: true });
    expect(rated.json()).toMatchObject({ state: 'closed', satisfaction: 'satisfied', canRate: false });
    const timeline = (await detail(id)).timeline.map((entry: { type: string }) => entry.type);
    expect(timeline).toEqual(['appeals.submitted', 'appeals.dispatch', 'appeals.sign', 'appeals.reply', 'appeals.rate']);
  });

  it('reopens for redo when the citizen is unsatisfied', async () => {
    const { id, trackingNo, queryCode } = await submit();
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    await act(id, 'sign', {}, desk.handlerA);
    await act(id, 'reply', { text: '已派人查看。' }, desk.handlerA);
    const rated = await citizen().post('/api/public/appeals/rate', { trackingNo, queryCode, satisfaction: 'unsatisfied', resolved: false });
    expect(rated.json().state).toBe('in_progress');
    const redo = await detail(id, desk.handlerA);
    expect(redo).toMatchObject({ redoCount: 1, satisfaction: 'unsatisfied' });
    expect(redo.allowedActions).toContain('reply');
  });

  it('returns a disputed dispatch and re-dispatches it to another unit', async () => {
    const { id } = await submit();
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    expect((await act(id, 'request-return', { reason: '不属于本科室职责' }, desk.handlerA)).json().state).toBe('return_requested');
    const moved = await act(id, 'approve-return', { unitId: desk.orgs.unitB.id });
    expect(moved.json()).toMatchObject({ state: 'dispatched', unitId: desk.orgs.unitB.id });
    expect((await desk.handlerA.client.get(`/api/appeals/${id}`)).statusCode).toBe(404);
    expect((await act(id, 'sign', {}, desk.handlerB)).statusCode).toBe(200);
  });

  it('extends the deadline only on approval', async () => {
    const { id } = await submit();
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    await act(id, 'sign', {}, desk.handlerA);
    await act(id, 'contact', {}, desk.handlerA);
    const before = (await detail(id)).dueAt;
    const asked = await act(id, 'request-extension', { workdays: 5, reason: '需协调供电部门' }, desk.handlerA);
    expect(asked.json()).toMatchObject({ state: 'extension_requested', dueAt: before });
    const approved = await act(id, 'approve-extension', {});
    expect(approved.json().state).toBe('in_progress');
    expect(approved.json().dueAt).toBe('2026-03-18T15:59:59.000Z');
  });

  it('merges a duplicate into an open case, which counts one more voice', async () => {
    const master = await submit();
    const duplicate = await submit({ content: '东门的路灯坏了很久了，一直没人修。' });
    const merged = await act(duplicate.id, 'merge', { masterId: master.id });
    expect(merged.json()).toMatchObject({ state: 'merged', mergedIntoId: master.id });
    expect((await detail(master.id)).supportCount).toBe(1);
    const childView = await citizen().post('/api/public/appeals/lookup', {
      trackingNo: duplicate.trackingNo,
      queryCode: duplicate.queryCode,
    });
    expect(childView.json().state).toBe('received');
  });

  it('lets a leader supervise, once', async () => {
    const { id } = await submit();
    const supervised = await act(id, 'supervise', { note: '请加快办理' }, desk.leader);
    expect(supervised.json()).toMatchObject({ supervised: true });
    expect((await detail(id, desk.leader)).allowedActions).not.toContain('supervise');
  });
});

describe('refusals', () => {
  it('answers 401 without a session and 403 for a resident listing the inbox', async () => {
    expect((await citizen().get('/api/appeals')).statusCode).toBe(401);
    expect((await desk.resident.client.get('/api/appeals')).statusCode).toBe(403);
  });

  it("hides another unit's appeal behind 404, for reading and for acting", async () => {
    const { id } = await submit();
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    expect((await desk.handlerB.client.get(`/api/appeals/${id}`)).statusCode).toBe(404);
    expect((await desk.handlerB.client.post(`/api/appeals/${id}/sign`, { version: 2 })).statusCode).toBe(404);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', desk.handlerB.user.id)
      .where('event_type', '=', 'authz.denied')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 403 when the viewer may see but not act, and 409 for an impossible transition', async () => {
    const { id } = await submit();
    expect((await act(id, 'dispatch', { unitId: desk.orgs.unitA.id }, desk.leader)).statusCode).toBe(403);
    const impossible = await act(id, 'reply', { text: '未签收先答复' }, desk.dispatcher);
    expect(impossible.statusCode).toBe(403);
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    const twice = await act(id, 'dispatch', { unitId: desk.orgs.unitB.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('INVALID_TRANSITION');
  });

  it('lets only one of two workers acting at once succeed', async () => {
    const { id } = await submit();
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    const { version } = await detail(id, desk.handlerA);
    const [first, second] = await Promise.all([
      desk.handlerA.client.post(`/api/appeals/${id}/sign`, { version }),
      desk.headA.client.post(`/api/appeals/${id}/sign`, { version }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    expect([first.json().code, second.json().code]).toContain('STALE_VERSION');
  });

  it('shows contact details in full only to the assigned handler, with a reason, audited', async () => {
    const { id } = await submit();
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    expect((await desk.dispatcher.client.post(`/api/appeals/${id}/reveal`, { reason: '回访核实' })).statusCode).toBe(403);
    await act(id, 'sign', {}, desk.handlerA);
    expect((await detail(id, desk.handlerA)).canReveal).toBe(true);
    expect((await desk.handlerA.client.post(`/api/appeals/${id}/reveal`, {})).json().field).toBe('body.reason');
    const revealed = await desk.handlerA.client.post(`/api/appeals/${id}/reveal`, { reason: '电话联系群众' });
    expect(revealed.json()).toEqual({ contactName: '刘建国', contactPhone: '13812341234' });
    const entry = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event_type', '=', 'appeal.unmask')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: desk.handlerA.user.id, reason: '电话联系群众' });
    expect(JSON.stringify(entry)).not.toContain('13812341234');
  });

  it('answers a wrong query code like an unknown tracking number', async () => {
    const { trackingNo } = await submit();
    const wrong = await citizen().post('/api/public/appeals/lookup', { trackingNo, queryCode: 'ZZZZZZ' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().message).toBe('受理编号或查询码不正确');
  });
});

describe('notifications to the next person', () => {
  it('gives each dispatcher one line counting the new appeals, not one line per appeal', async () => {
    await env.ctx.events.drain();
    const unreadDigest = () =>
      env.ctx.db
        .selectFrom('notifications')
        .select(['title', 'count', 'link'])
        .where('user_id', '=', desk.dispatcher.user.id)
        .where('collapse_key', '=', 'appeals.to_dispatch')
        .where('read_at', 'is', null)
        .execute();
    const before = (await unreadDigest())[0]?.count ?? 0;
    // Filed through the command, like the counts test below: the anonymous limit is nearly used up.
    const file = () =>
      submitAppeal(env.ctx, SubmitAppealBody.parse(appealBody(desk)), { actor: null, meta: { ip: null, requestId: null }, channel: 'h5' });
    await Promise.all([file(), file(), file()]);
    await env.ctx.events.drain();
    const after = before + 3;
    expect(await unreadDigest()).toEqual([
      { title: `有 ${after} 件新的群众诉求待派单`, count: after, link: '/console/inbox?box=to_dispatch' },
    ]);
  });

  it('tells the unit about a dispatch once the change has committed', async () => {
    const { id } = await submit();
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    await env.ctx.events.drain();
    const inbox = await env.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', desk.handlerA.user.id)
      .where('link', 'like', `%${id}`)
      .execute();
    expect(inbox.map((n) => n.kind)).toContain('appeals.dispatch');
  });
});

describe('GET /api/appeals/counts', () => {
  it('counts each inbox box as its list does, within the viewer scope', async () => {
    // Filed through the command: this file's earlier submissions used up the anonymous rate limit.
    const file = async () => {
      const body = SubmitAppealBody.parse(appealBody(desk));
      const { appealId } = await submitAppeal(env.ctx, body, {
        actor: null,
        meta: { ip: null, requestId: null },
        channel: 'h5',
        orgId: desk.orgs.committee.id,
      });
      return appealId!;
    };
    await file();
    const dispatched = await file();
    await act(dispatched, 'dispatch', { unitId: desk.orgs.unitA.id });
    for (const viewer of [desk.dispatcher, desk.handlerA, desk.handlerB]) {
      const counts = (await viewer.client.get('/api/appeals/counts')).json() as Record<string, number>;
      for (const box of ['to_dispatch', 'to_sign', 'in_progress', 'overdue', 'closed', 'all']) {
        const list = (await viewer.client.get(`/api/appeals?box=${box}&pageSize=1`)).json() as { total: number };
        expect(counts[box], box).toBe(list.total);
      }
    }
    // Unit B sees nothing of unit A's work; the dispatcher sees what waits for dispatch.
    expect((await desk.handlerB.client.get('/api/appeals/counts')).json().to_sign).toBe(0);
    expect((await desk.handlerA.client.get('/api/appeals/counts')).json().to_sign).toBeGreaterThanOrEqual(1);
    expect((await desk.dispatcher.client.get('/api/appeals/counts')).json().to_dispatch).toBeGreaterThanOrEqual(1);
    expect((await client(env.app).get('/api/appeals/counts')).statusCode).toBe(401);
  });
});

describe('danger words', () => {
  it('make an appeal 特急 at once and tell the leaders, whichever script the citizen writes in', async () => {
    const body = SubmitAppealBody.parse(
      appealBody(desk, { content: '三号楼一单元樓道裡有很濃的燃氣洩漏味道，請馬上來人！', urgency: 'normal' }),
    );
    const { appealId } = await submitAppeal(env.ctx, body, { actor: null, meta: { ip: null, requestId: null }, channel: 'h5' });
    const appeal = await env.ctx.db.selectFrom('appeals').selectAll().where('id', '=', appealId!).executeTakeFirstOrThrow();
    expect(appeal.urgency).toBe('emergency');
    await env.ctx.events.drain();
    const alerts = await env.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'link'])
      .where('kind', '=', 'appeals.danger')
      .where('link', '=', `/console/appeals/${appealId}`)
      .execute();
    expect(alerts.map((alert) => alert.user_id).sort()).toEqual([desk.dispatcher.user.id, desk.leader.user.id].sort());
    expect(alerts[0].title).toBe('紧急诉求：燃气泄漏');

    const plain = SubmitAppealBody.parse(appealBody(desk, { content: '小区东门的路灯坏了，请尽快维修。', urgency: 'normal' }));
    const { appealId: plainId } = await submitAppeal(env.ctx, plain, { actor: null, meta: { ip: null, requestId: null }, channel: 'h5' });
    expect((await env.ctx.db.selectFrom('appeals').select('urgency').where('id', '=', plainId!).executeTakeFirstOrThrow()).urgency).toBe(
      'normal',
    );
  });
});
