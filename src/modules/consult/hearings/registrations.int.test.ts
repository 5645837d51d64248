import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser, type TestOrgs, type TestUser } from '../../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../../test/harness';
import { createHearing, registration, transition } from '../../../../test/hearings';

let env: TestEnv;
let orgs: TestOrgs;
let organizer: TestUser;
let member: TestUser;
let resident: TestUser;
let outsiderResident: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
  const otherTree = await createTestOrgs(env.ctx);
  [organizer, member, resident, outsiderResident] = await Promise.all([
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree', name: '吴组织' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: '陈党员' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'masses', name: '周群众' }),
    createTestUser(env.ctx, env.app, { orgId: otherTree.committee.id, role: 'masses', name: '外单位群众' }),
  ]);
});
afterAll(() => env.close());

let addressCounter = 0;
/** A visitor without an account from an address of their own, so the per-address limit of one test does not reach another. */
const visitor = () => {
  const remoteAddress = `10.0.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;
  const anonymous = client(env.app);
  return {
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      anonymous.request({ method: 'POST', url, payload: payload as object, headers, remoteAddress }),
    get: (url: string) => anonymous.request({ method: 'GET', url, remoteAddress }),
  };
};
const registrationsUrl = (id: string) => `/api/consult/hearings/${id}/registrations`;

async function registrantsOf(hearingId: string) {
  const list = await organizer.client.get(`${registrationsUrl(hearingId)}?pageSize=100`);
  expect(list.statusCode).toBe(200);
  return list.json().items as {
    id: string;
    name: string;
    status: string;
    waitlistPosition: number | null;
    phoneMasked: string;
    speaker: boolean;
  }[];
}

describe('every registrant route', () => {
  const ID = '00000000-0000-4000-8000-000000000000';
  it.each([
    [`/api/consult/hearings/${ID}/registrations`, { name: '', phone: '1', wantsToSpeak: 'no' }],
    [`/api/consult/hearings/${ID}/registrations/lookup`, { code: '?' }],
    [`/api/consult/hearings/${ID}/registrations/cancel`, { code: '?' }],
  ])('%s checks its input before anything else', async (url, payload) => {
    const response = await visitor().post(url, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('POST /api/consult/hearings/:id/registrations', () => {
  it('registers a person without an account, with a check-in code, and answers a retry with the first result', async () => {
    const hearing = await createHearing(organizer.client);
    const someone = visitor();
    const body = registration({ name: '王秀英', wantsToSpeak: true, statement: '希望分档收费，照顾老年住户。' });
    const first = await someone.post(registrationsUrl(hearing.id), body, { 'idempotency-key': 'retry-key-0001' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      name: '王秀英',
      status: 'registered',
      statusLabel: '已报名',
      waitlistPosition: null,
      wantsToSpeak: true,
      canCancel: true,
    });
    expect(first.json().code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(first.json().phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);

    const retry = await someone.post(registrationsUrl(hearing.id), body, { 'idempotency-key': 'retry-key-0001' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().code).toBe(first.json().code);
    const again = await someone.post(registrationsUrl(hearing.id), body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_REGISTERED', message: '该手机号或账号已报名本次会议' });
    expect(await registrantsOf(hearing.id)).toHaveLength(1);

    // Nothing in the database reads as the phone number or the code.
    const stored = await env.ctx.db
      .selectFrom('hearing_registrations')
      .selectAll()
      .where('hearing_id', '=', hearing.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(body.phone);
    expect(JSON.stringify(stored)).not.toContain(first.json().code);
  });

  it('names the field of bad input', async () => {
    const hearing = await createHearing(organizer.client);
    const badPhone = await visitor().post(registrationsUrl(hearing.id), registration({ phone: '12345' }));
    expect(badPhone.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.phone' });
    const longView = await visitor().post(registrationsUrl(hearing.id), registration({ statement: '意'.repeat(501) }));
    expect(longView.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.statement' });
  });

  it('takes registrations only while the window is open', async () => {
    const later = await createHearing(organizer.client, { registrationOpensAt: '2026-03-05T08:00:00+08:00' });
    const early = await visitor().post(registrationsUrl(later.id), registration());
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'REGISTRATION_NOT_OPEN', message: '报名尚未开始' });
    const closed = await createHearing(organizer.client);
    await transition(organizer.client, closed, 'closeRegistration');
    expect((await visitor().post(registrationsUrl(closed.id), registration())).json().message).toBe('报名已截止');
  });

  it('keeps a hearing of an organisation to its people, and links a signed-in registration to the account', async () => {
    const internal = await createHearing(organizer.client, { audience: 'organisation' });
    expect((await visitor().post(registrationsUrl(internal.id), registration())).statusCode).toBe(404);
    expect((await outsiderResident.client.post(registrationsUrl(internal.id), registration())).statusCode).toBe(404);
    const mine = await member.client.post(registrationsUrl(internal.id), registration({ name: '陈立新' }));
    expect(mine.statusCode).toBe(201);
    const detail = (await member.client.get(`/api/consult/hearings/${internal.id}`)).json();
    expect(detail.myRegistration).toMatchObject({ id: mine.json().id, code: mine.json().code });
    expect(detail.allowedActions).not.toContain('register');
    const second = await member.client.post(registrationsUrl(internal.id), registration());
    expect(second.json().code).toBe('ALREADY_REGISTERED');
  });

  it('limits registrations without an account to 10 an hour from one address', async () => {
    const hearing = await createHearing(organizer.client, { capacity: 50 });
    const sameAddress = visitor();
    for (let i = 0; i < 10; i += 1) {
      expect((await sameAddress.post(registrationsUrl(hearing.id), registration())).statusCode).toBe(201);
    }
    const eleventh = await sameAddress.post(registrationsUrl(hearing.id), registration());
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().code).toBe('RATE_LIMITED');
    expect((await resident.client.post(registrationsUrl(hearing.id), registration())).statusCode).toBe(201);
  });
});

describe('seats and the waitlist', () => {
  it('gives 3 seats to exactly 3 of 10 people registering at once, waitlists the other 7 in order, and promotes on cancellation', async () => {
    const hearing = await createHearing(organizer.client, { capacity: 3 });
    const people = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'masses', name: `居民${i}` }),
      ),
    );
    const responses = await Promise.all(
      people.map((person, i) => person.client.post(registrationsUrl(hearing.id), registration({ name: `居民${i}` }))),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(201));
    const results = responses.map((response) => response.json() as { status: string; waitlistPosition: number | null; code: string });
    expect(results.filter((result) => result.status === 'registered')).toHaveLength(3);
    expect(results.filter((result) => result.status === 'waitlisted')).toHaveLength(7);
    expect(new Set(results.map((result) => result.code)).size).toBe(10);

    const listed = await registrantsOf(hearing.id);
    expect(listed.map((row) => row.status)).toEqual([...Array(3).fill('registered'), ...Array(7).fill('waitlisted')]);
    expect(listed.map((row) => row.waitlistPosition)).toEqual([null, null, null, 1, 2, 3, 4, 5, 6, 7]);
    const seqs = await env.ctx.db.selectFrom('hearing_registrations').select('seq').where('hearing_id', '=', hearing.id).execute();
    expect(new Set(seqs.map((row) => row.seq)).size).toBe(10);

    const firstWaiting = listed[3];
    const personNamed = (name: string) => people[Number(name.replace('居民', ''))];
    const cancelled = await personNamed(listed[0].name).client.post(`${registrationsUrl(hearing.id)}/cancel`, {});
    expect(cancelled.statusCode).toBe(200);
    const after = await registrantsOf(hearing.id);
    expect(after.find((row) => row.id === firstWaiting.id)).toMatchObject({ status: 'registered', waitlistPosition: null });
    expect(after.filter((row) => row.status === 'registered')).toHaveLength(3);
    expect(after.filter((row) => row.status === 'waitlisted').map((row) => row.waitlistPosition)).toEqual([1, 2, 3, 4, 5, 6]);

    await env.ctx.events.drain();
    const promoted = personNamed(firstWaiting.name);
    const notifications = await env.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', promoted.user.id).execute();
    expect(notifications).toEqual([expect.objectContaining({ kind: 'consult.hearing.promoted', link: `/h5/hearings/${hearing.id}` })]);
    const mine = (await promoted.client.get(`/api/consult/hearings/${hearing.id}`)).json().myRegistration;
    expect(mine).toMatchObject({ status: 'registered', waitlistPosition: null });
  });

  it('gives more seats to the waitlist in its order', async () => {
    const hearing = await createHearing(organizer.client, { capacity: 1, speakerCap: 0 });
    for (let i = 0; i < 3; i += 1) {
      await visitor().post(registrationsUrl(hearing.id), registration({ name: `候补${i}` }));
    }
    const current = (await organizer.client.get(`/api/consult/hearings/${hearing.id}`)).json();
    const grown = await organizer.client.request({
      method: 'PATCH',
      url: `/api/consult/hearings/${hearing.id}`,
      payload: { capacity: 2, version: current.version },
    });
    expect(grown.json()).toMatchObject({ registeredCount: 2, waitlistedCount: 1 });
    expect((await registrantsOf(hearing.id)).map((row) => [row.name, row.status])).toEqual([
      ['候补0', 'registered'],
      ['候补1', 'registered'],
      ['候补2', 'waitlisted'],
    ]);
  });
});

describe('lookup and cancel by code', () => {
  it('shows and cancels a registration made without an account', async () => {
    const hearing = await createHearing(organizer.client, { capacity: 1, speakerCap: 0 });
    const someone = visitor();
    const seated = (await someone.post(registrationsUrl(hearing.id), registration())).json();
    const waiting = (await someone.post(registrationsUrl(hearing.id), registration())).json();
    const lookup = await someone.post(`${registrationsUrl(hearing.id)}/lookup`, { code: waiting.code.toLowerCase() });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const wrong = await someone.post(`${registrationsUrl(hearing.id)}/lookup`, { code: 'ZZZZZZZZ' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().message).toBe('签到码不正确');

    expect((await someone.post(`${registrationsUrl(hearing.id)}/cancel`, {})).json()).toMatchObject({
      code: 'CODE_REQUIRED',
      field: 'body.code',
    });
    expect((await someone.post(`${registrationsUrl(hearing.id)}/cancel`, { code: seated.code })).statusCode).toBe(200);
    expect((await someone.post(`${registrationsUrl(hearing.id)}/lookup`, { code: waiting.code })).json()).toMatchObject({
      status: 'registered',
    });
    const twice = await someone.post(`${registrationsUrl(hearing.id)}/cancel`, { code: seated.code });
    expect(twice.json().code).toBe('ALREADY_CANCELLED');
    expect((await resident.client.post(`${registrationsUrl(hearing.id)}/cancel`, {})).statusCode).toBe(404);
  });
});

describe('GET /api/consult/hearings/:id/registrations and reveal', () => {
  it('lists names with masked phones for the organizers, audits each read, and reveals a phone with a reason', async () => {
    const hearing = await createHearing(organizer.client);
    const body = registration({ name: '赵大妈' });
    await visitor().post(registrationsUrl(hearing.id), body);
    const [row] = await registrantsOf(hearing.id);
    expect(row).toMatchObject({ name: '赵大妈', status: 'registered' });
    expect(row.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(JSON.stringify(row)).not.toContain(body.phone);
    expect(row).not.toHaveProperty('code');

    const revealUrl = `${registrationsUrl(hearing.id)}/${row.id}/reveal`;
    expect((await organizer.client.post(revealUrl, {})).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.reason' });
    expect((await member.client.post(revealUrl, { reason: '电话通知' })).statusCode).toBe(403);
    const revealed = await organizer.client.post(revealUrl, { reason: '电话通知会议改期' });
    expect(revealed.json()).toEqual({ phone: body.phone });

    const audits = await env.ctx.db
      .selectFrom('audit_log')
      .select(['event_type', 'reason', 'actor_id'])
      .where((eb) => eb.or([eb('target_id', '=', hearing.id), eb('target_id', '=', row.id)]))
      .execute();
    expect(audits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event_type: 'hearing.registrations.read', actor_id: organizer.user.id }),
        expect.objectContaining({ event_type: 'hearing.registration.unmask', reason: '电话通知会议改期' }),
      ]),
    );
  });

  it('is for the organizers of the hearing only', async () => {
    const hearing = await createHearing(organizer.client);
    expect((await member.client.get(registrationsUrl(hearing.id))).statusCode).toBe(403);
    expect((await resident.client.get(registrationsUrl(hearing.id))).statusCode).toBe(403);
    expect((await organizer.client.get(`${registrationsUrl(hearing.id)}?status=gone`)).statusCode).toBe(400);
    const denied = await env.ctx.db
      .selectFrom('audit_log')
      .select('event_type')
      .where('actor_id', '=', member.user.id)
      .where('event_type', '=', 'authz.denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe('speakers', () => {
  it('chooses speakers among the registered, up to the cap, and tells them', async () => {
    const hearing = await createHearing(organizer.client, { capacity: 2, speakerCap: 1 });
    await member.client.post(registrationsUrl(hearing.id), registration({ wantsToSpeak: true, statement: '支持调整' }));
    await resident.client.post(registrationsUrl(hearing.id), registration({ wantsToSpeak: true }));
    await visitor().post(registrationsUrl(hearing.id), registration({ name: '候补者' }));
    const [first, second, waiting] = await registrantsOf(hearing.id);
    const speakerUrl = (id: string) => `${registrationsUrl(hearing.id)}/${id}/speaker`;

    expect((await organizer.client.post(speakerUrl(first.id), { speaker: 'yes' })).statusCode).toBe(400);
    expect((await member.client.post(speakerUrl(first.id), { speaker: true })).statusCode).toBe(403);
    expect((await organizer.client.post(speakerUrl(first.id), { speaker: true })).statusCode).toBe(200);
    const full = await organizer.client.post(speakerUrl(second.id), { speaker: true });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'SPEAKER_CAP_REACHED', message: '发言人已满 1 人' });
    expect((await organizer.client.post(speakerUrl(waiting.id), { speaker: true })).json().code).toBe('NOT_REGISTERED');
    expect((await organizer.client.post(speakerUrl(first.id), { speaker: false })).statusCode).toBe(200);
    expect((await organizer.client.post(speakerUrl(second.id), { speaker: true })).statusCode).toBe(200);
    expect((await organizer.client.get(`/api/consult/hearings/${hearing.id}`)).json().speakerCount).toBe(1);

    await env.ctx.events.drain();
    const told = await env.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('kind', '=', 'consult.hearing.speakerSelected')
      .execute();
    expect(told.map((row) => row.user_id)).toEqual(expect.arrayContaining([member.user.id, resident.user.id]));
  });
});

describe('POST /api/consult/hearings/:id/check-in', () => {
  it('lets each code in once, and says clearly what is wrong with any other', async () => {
    const hearing = await createHearing(organizer.client, { capacity: 1, speakerCap: 1 });
    const seated = (await visitor().post(registrationsUrl(hearing.id), registration({ name: '孙阿姨' }))).json();
    const waiting = (await visitor().post(registrationsUrl(hearing.id), registration())).json();
    const checkIn = (as: TestUser, code: unknown) => as.client.post(`/api/consult/hearings/${hearing.id}/check-in`, { code });

    expect((await checkIn(organizer, '12')).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.code' });
    expect((await checkIn(member, seated.code)).statusCode).toBe(403);
    const wrong = await checkIn(organizer, 'ZZZZ-ZZZZ');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().message).toBe('签到码不正确，请核对后重新输入');
    const waitlisted = await checkIn(organizer, waiting.code);
    expect(waitlisted.statusCode).toBe(409);
    expect(waitlisted.json()).toMatchObject({ code: 'WAITLISTED', message: '该报名仍在候补，未获得名额，不能签到' });

    const typed = `${seated.code.slice(0, 4).toLowerCase()} ${seated.code.slice(4)}`;
    const admitted = await checkIn(organizer, typed);
    expect(admitted.statusCode).toBe(200);
    expect(admitted.json()).toMatchObject({ registrationId: seated.id, name: '孙阿姨', speaker: false });
    const reused = await checkIn(organizer, seated.code);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('ALREADY_CHECKED_IN');
    expect(reused.json().message).toMatch(/^该签到码已于 2026\/03\/02 10:00 使用过$/);
    expect((await organizer.client.get(`/api/consult/hearings/${hearing.id}`)).json().checkedInCount).toBe(1);
    // A checked-in registrant keeps their seat.
    const lookup = await visitor().post(`${registrationsUrl(hearing.id)}/lookup`, { code: seated.code });
    expect(lookup.json()).toMatchObject({ checkedInAt: expect.any(String), canCancel: false });
  });
});
