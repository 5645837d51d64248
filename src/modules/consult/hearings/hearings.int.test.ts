import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser, type TestOrgs, type TestUser } from '../../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../../test/harness';
import { createHearing, hearingBody, registration, transition } from '../../../../test/hearings';

let env: TestEnv;
let orgs: TestOrgs;
let organizer: TestUser;
let member: TestUser;
let resident: TestUser;
let outsiderOrganizer: TestUser;
let outsiderResident: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
  const otherTree = await createTestOrgs(env.ctx);
  [organizer, member, resident, outsiderOrganizer, outsiderResident] = await Promise.all([
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree', name: '吴组织' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: '陈党员' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'masses', name: '周群众' }),
    createTestUser(env.ctx, env.app, { orgId: otherTree.committee.id, role: 'organizer', scope: 'subtree', name: '外单位组织者' }),
    createTestUser(env.ctx, env.app, { orgId: otherTree.committee.id, role: 'masses', name: '外单位群众' }),
  ]);
});
afterAll(() => env.close());

const anonymous = () => client(env.app);
const HEARING_ID = '00000000-0000-4000-8000-000000000000';
const OTHER_ID = '00000000-0000-4000-8000-000000000001';
const PNG = readFileSync(path.resolve(import.meta.dirname, '../../../../test/fixtures/photo.png'));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const upload = (as: TestUser | null, id: string, name: string, bytes: Buffer) =>
  (as?.client ?? anonymous()).post(`/api/consult/hearings/${id}/materials`, { name, dataBase64: bytes.toString('base64') });

describe('every organizer route', () => {
  it.each([
    ['GET', '/api/consult/hearings'],
    ['POST', '/api/consult/hearings'],
    ['PATCH', `/api/consult/hearings/${HEARING_ID}`],
    ['POST', `/api/consult/hearings/${HEARING_ID}/transitions/publish`],
    ['POST', `/api/consult/hearings/${HEARING_ID}/materials`],
    ['DELETE', `/api/consult/hearings/${HEARING_ID}/materials/${OTHER_ID}`],
    ['PUT', `/api/consult/hearings/${HEARING_ID}/minutes`],
    ['POST', `/api/consult/hearings/${HEARING_ID}/outcome`],
    ['GET', `/api/consult/hearings/${HEARING_ID}/registrations`],
    ['POST', `/api/consult/hearings/${HEARING_ID}/registrations/${OTHER_ID}/reveal`],
    ['POST', `/api/consult/hearings/${HEARING_ID}/registrations/${OTHER_ID}/speaker`],
    ['POST', `/api/consult/hearings/${HEARING_ID}/check-in`],
  ])('%s %s answers 401 without a session, before looking at the input', async (method, url) => {
    const response = await anonymous().request({
      method: method as 'GET',
      url,
      payload: method === 'GET' || method === 'DELETE' ? undefined : {},
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /api/consult/hearings', () => {
  it('drafts a hearing that only its organizers see', async () => {
    const hearing = await createHearing(organizer.client, {}, { draft: true });
    expect(hearing).toMatchObject({ state: 'draft', stateLabel: '草稿', kindLabel: '听证会', capacity: 3, registeredCount: 0 });
    expect((hearing as unknown as { allowedActions: string[] }).allowedActions).toEqual(
      expect.arrayContaining(['edit', 'publish', 'manageMaterials']),
    );
    expect((await anonymous().get(`/api/consult/hearings/${hearing.id}`)).statusCode).toBe(404);
    expect((await resident.client.get(`/api/consult/hearings/${hearing.id}`)).statusCode).toBe(404);
    const audit = await env.ctx.db.selectFrom('audit_log').select('event_type').where('target_id', '=', hearing.id).execute();
    expect(audit.map((row) => row.event_type)).toContain('hearing.create');
  });

  it('names the field of bad input', async () => {
    const noTopic = await organizer.client.post('/api/consult/hearings', hearingBody({ topic: ' ' }));
    expect(noTopic.statusCode).toBe(400);
    expect(noTopic.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.topic' });
    const badTime = await organizer.client.post('/api/consult/hearings', hearingBody({ startsAt: '下周二' }));
    expect(badTime.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.startsAt' });
    const backwards = await organizer.client.post('/api/consult/hearings', hearingBody({ endsAt: '2026-03-10T13:00:00+08:00' }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'INVALID_SCHEDULE', field: 'body.endsAt', message: '结束时间应晚于开始时间' });
    const late = await organizer.client.post('/api/consult/hearings', hearingBody({ registrationClosesAt: '2026-03-10T15:00:00+08:00' }));
    expect(late.json()).toMatchObject({ code: 'INVALID_SCHEDULE', field: 'body.registrationClosesAt' });
  });

  it('is for the organisation’s organizers only', async () => {
    expect((await member.client.post('/api/consult/hearings', hearingBody())).statusCode).toBe(403);
    const elsewhere = await outsiderOrganizer.client.post('/api/consult/hearings', hearingBody({ orgId: orgs.committee.id }));
    expect(elsewhere.statusCode).toBe(403);
  });
});

describe('GET /api/consult/hearings', () => {
  it('lists the hearings of the organisations the organizer reaches', async () => {
    const hearing = await createHearing(organizer.client, { topic: '列表可见的议事会', kind: 'council' });
    const mine = await organizer.client.get('/api/consult/hearings?pageSize=100');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((item: { id: string }) => item.id)).toContain(hearing.id);
    const theirs = await outsiderOrganizer.client.get('/api/consult/hearings?pageSize=100');
    expect(theirs.json().items.map((item: { id: string }) => item.id)).not.toContain(hearing.id);
    expect((await organizer.client.get('/api/consult/hearings?state=closed')).statusCode).toBe(400);
    expect((await member.client.get('/api/consult/hearings')).statusCode).toBe(403);
  });
});

describe('PATCH /api/consult/hearings/:id', () => {
  it('changes the particulars with the current version, and refuses a stale one', async () => {
    const hearing = await createHearing(organizer.client);
    const changed = await organizer.client.request({
      method: 'PATCH',
      url: `/api/consult/hearings/${hearing.id}`,
      payload: { place: '社区议事厅', version: hearing.version },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ place: '社区议事厅', version: hearing.version + 1 });
    const stale = await organizer.client.request({
      method: 'PATCH',
      url: `/api/consult/hearings/${hearing.id}`,
      payload: { place: '别处', version: hearing.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('refuses bad input, other people and fewer seats than are taken', async () => {
    const hearing = await createHearing(organizer.client, { capacity: 2 });
    const patch = (as: TestUser, payload: unknown) =>
      as.client.request({ method: 'PATCH', url: `/api/consult/hearings/${hearing.id}`, payload: payload as object });
    expect((await patch(organizer, { capacity: 0, version: hearing.version })).json()).toMatchObject({ field: 'body.capacity' });
    expect((await patch(member, { place: '别处', version: hearing.version })).statusCode).toBe(403);
    // A public hearing is visible to everyone, so another organisation's organizer is refused, not told it is missing.
    expect((await patch(outsiderOrganizer, { place: '别处', version: hearing.version })).statusCode).toBe(403);
    await anonymous().post(`/api/consult/hearings/${hearing.id}/registrations`, registration());
    await anonymous().post(`/api/consult/hearings/${hearing.id}/registrations`, registration());
    const fewer = await patch(organizer, { capacity: 1, speakerCap: 1, version: hearing.version });
    expect(fewer.statusCode).toBe(400);
    expect(fewer.json().code).toBe('CAPACITY_BELOW_REGISTERED');
  });
});

describe('POST /api/consult/hearings/:id/transitions/:action', () => {
  it('publishes, closes registration and marks the meeting held, in that order', async () => {
    const draft = await createHearing(organizer.client, {}, { draft: true });
    expect(
      (await organizer.client.post(`/api/consult/hearings/${draft.id}/transitions/markHeld`, { version: draft.version })).json().code,
    ).toBe('INVALID_TRANSITION');
    const published = await transition(organizer.client, draft, 'publish');
    expect(published).toMatchObject({ state: 'published', registrationOpen: true });
    expect((await anonymous().get(`/api/consult/hearings/${draft.id}`)).statusCode).toBe(200);
    const closed = await transition(organizer.client, draft, 'closeRegistration');
    expect(closed).toMatchObject({ state: 'registration_closed', registrationOpen: false });
    expect(await transition(organizer.client, draft, 'markHeld')).toMatchObject({ state: 'held' });
  });

  it('refuses an unknown action, a missing version and other people', async () => {
    const hearing = await createHearing(organizer.client, {}, { draft: true });
    expect((await organizer.client.post(`/api/consult/hearings/${hearing.id}/transitions/delete`, { version: 1 })).statusCode).toBe(400);
    expect((await organizer.client.post(`/api/consult/hearings/${hearing.id}/transitions/publish`, {})).statusCode).toBe(400);
    expect(
      (await outsiderOrganizer.client.post(`/api/consult/hearings/${hearing.id}/transitions/publish`, { version: 1 })).statusCode,
    ).toBe(404);
    const published = await createHearing(organizer.client);
    const byMember = await member.client.post(`/api/consult/hearings/${published.id}/transitions/closeRegistration`, {
      version: published.version,
    });
    expect(byMember.statusCode).toBe(403);
  });
});

describe('materials', () => {
  it('stores PDF and images typed by their bytes and serves them as attachments under the hearing’s policy', async () => {
    const hearing = await createHearing(organizer.client, { audience: 'organisation' });
    const pdf = await upload(organizer, hearing.id, '停车收费方案（征求意见稿）.pdf', PDF);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({ mime: 'application/pdf', size: PDF.length });
    expect((await upload(organizer, hearing.id, '现场照片.png', PNG)).json().mime).toBe('image/png');

    const download = await member.client.get(pdf.json().url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="_+\.pdf"; /);
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('停车收费方案（征求意见稿）.pdf')}`);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // Addressed to the organisation: nobody outside it gets the file.
    expect((await anonymous().get(pdf.json().url)).statusCode).toBe(404);
    expect((await outsiderResident.client.get(pdf.json().url)).statusCode).toBe(404);
    expect((await member.client.get(`/api/consult/hearings/${hearing.id}/materials/${OTHER_ID}`)).statusCode).toBe(404);

    const detail = (await member.client.get(`/api/consult/hearings/${hearing.id}`)).json();
    expect(detail.materials.map((material: { name: string }) => material.name)).toEqual(['停车收费方案（征求意见稿）.pdf', '现场照片.png']);
  });

  it('refuses files that are not PDF, Word or images, or whose name says otherwise', async () => {
    const hearing = await createHearing(organizer.client);
    const text = await upload(organizer, hearing.id, 'notes.pdf', Buffer.from('just some text, not a PDF'));
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ code: 'INVALID_MATERIAL', field: 'body.dataBase64' });
    const renamed = await upload(organizer, hearing.id, 'plan.docx', PDF);
    expect(renamed.json()).toMatchObject({ code: 'MATERIAL_NAME_MISMATCH', field: 'body.name' });
    const tooLarge = await upload(organizer, hearing.id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(tooLarge.json().code).toBe('INVALID_MATERIAL');
    expect((await organizer.client.post(`/api/consult/hearings/${hearing.id}/materials`, { name: 'a.pdf' })).statusCode).toBe(400);
  });

  it('lets only the organizers add and remove them', async () => {
    const hearing = await createHearing(organizer.client);
    expect((await upload(member, hearing.id, 'a.pdf', PDF)).statusCode).toBe(403);
    expect((await upload(outsiderOrganizer, hearing.id, 'a.pdf', PDF)).statusCode).toBe(403);
    const added = (await upload(organizer, hearing.id, 'a.pdf', PDF)).json();
    const remove = (as: TestUser) =>
      as.client.request({ method: 'DELETE', url: `/api/consult/hearings/${hearing.id}/materials/${added.id}` });
    expect((await remove(resident)).statusCode).toBe(403);
    expect(
      (await organizer.client.request({ method: 'DELETE', url: `/api/consult/hearings/${hearing.id}/materials/not-an-id` })).statusCode,
    ).toBe(400);
    expect((await remove(organizer)).statusCode).toBe(200);
    expect((await anonymous().get(added.url)).statusCode).toBe(404);
    expect(await env.ctx.db.selectFrom('files').select('id').where('id', '=', added.id).executeTakeFirst()).toBeUndefined();
  });
});

describe('GET /api/consult/hearings/:id/hearing.ics', () => {
  it('is an RFC 5545 calendar file with the meeting in UTC', async () => {
    const hearing = await createHearing(organizer.client, { place: '党群服务中心, 二楼' });
    const response = await anonymous().get(`/api/consult/hearings/${hearing.id}/hearing.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const lines = response.body.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VEVENT',
        `UID:${hearing.id}@lianxin`,
        'DTSTART:20260310T063000Z',
        'DTEND:20260310T083000Z',
        'SUMMARY:听证会：明远家园二期停车收费调整听证会',
        'LOCATION:党群服务中心\\, 二楼',
      ]),
    );
    expect(lines.find((line) => line.startsWith('DTSTAMP:'))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  });

  it('follows the hearing’s visibility', async () => {
    const draft = await createHearing(organizer.client, {}, { draft: true });
    expect((await anonymous().get(`/api/consult/hearings/${draft.id}/hearing.ics`)).statusCode).toBe(404);
    expect((await anonymous().get('/api/consult/hearings/x/hearing.ics')).statusCode).toBe(400);
    expect((await organizer.client.get(`/api/consult/hearings/${draft.id}/hearing.ics`)).statusCode).toBe(200);
  });
});

describe('GET /api/consult/hearings/board and /:id', () => {
  it('shows public hearings to everyone and the organisation’s to its people only', async () => {
    const open = await createHearing(organizer.client, { topic: '公开的恳谈会', kind: 'forum' });
    const internal = await createHearing(organizer.client, { topic: '支部内部议事会', audience: 'organisation' });
    const idsFor = async (as: TestUser | null) =>
      ((await (as?.client ?? anonymous()).get('/api/consult/hearings/board?pageSize=100')).json().items as { id: string }[]).map(
        (item) => item.id,
      );
    expect(await idsFor(null)).toContain(open.id);
    expect(await idsFor(null)).not.toContain(internal.id);
    expect(await idsFor(member)).toEqual(expect.arrayContaining([open.id, internal.id]));
    expect(await idsFor(outsiderResident)).not.toContain(internal.id);
    expect((await outsiderResident.client.get(`/api/consult/hearings/${internal.id}`)).statusCode).toBe(404);
    expect((await member.client.get(`/api/consult/hearings/${internal.id}`)).json()).toMatchObject({
      topic: '支部内部议事会',
      allowedActions: ['register'],
    });
    expect((await anonymous().get('/api/consult/hearings/board?scope=all')).statusCode).toBe(400);
    expect((await anonymous().get(`/api/consult/hearings/${HEARING_ID}`)).statusCode).toBe(404);
  });
});

describe('minutes and outcome', () => {
  it('records minutes after the meeting and publishes the outcome with its links for everyone', async () => {
    const hearing = await createHearing(organizer.client, { topic: '加装电梯议事会', kind: 'council' });
    const early = await organizer.client.put(`/api/consult/hearings/${hearing.id}/minutes`, { minutes: '会议纪要' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('MINUTES_NOT_YET');
    const held = await transition(organizer.client, hearing, 'markHeld');

    expect((await organizer.client.put(`/api/consult/hearings/${hearing.id}/minutes`, { minutes: '' })).json().field).toBe('body.minutes');
    expect((await member.client.put(`/api/consult/hearings/${hearing.id}/minutes`, { minutes: '纪要' })).statusCode).toBe(403);
    const minutes = await organizer.client.put(`/api/consult/hearings/${hearing.id}/minutes`, { minutes: '到会 28 人，12 人发言。' });
    expect(minutes.json().minutes).toBe('到会 28 人，12 人发言。');
    // Readers see the minutes once the outcome is out.
    expect((await anonymous().get(`/api/consult/hearings/${hearing.id}`)).json().minutes).toBeNull();

    const outcomeUrl = `/api/consult/hearings/${hearing.id}/outcome`;
    const links = [{ label: '实施方案', url: 'https://example.gov.cn/notice/1' }];
    const badLink = await organizer.client.post(outcomeUrl, {
      outcome: '同意加装',
      links: [{ label: '方案', url: 'ftp://x' }],
      version: held.version,
    });
    expect(badLink.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.links.0.url' });
    const noArticle = await organizer.client.post(outcomeUrl, {
      outcome: '同意加装',
      links: [{ label: '文章', articleId: OTHER_ID }],
      version: held.version,
    });
    expect(noArticle.json()).toMatchObject({ code: 'UNKNOWN_ARTICLE', field: 'body.links.0.articleId' });
    expect((await member.client.post(outcomeUrl, { outcome: '同意加装', links, version: held.version })).statusCode).toBe(403);
    const concluded = await organizer.client.post(outcomeUrl, { outcome: '同意加装电梯，费用按楼层分摊。', links, version: held.version });
    expect(concluded.statusCode, concluded.body).toBe(200);

    const shown = (await anonymous().get(`/api/consult/hearings/${hearing.id}`)).json();
    expect(shown).toMatchObject({
      state: 'concluded',
      outcome: '同意加装电梯，费用按楼层分摊。',
      outcomeLinks: [{ label: '实施方案', articleId: null, url: 'https://example.gov.cn/notice/1' }],
      minutes: '到会 28 人，12 人发言。',
    });
    const board = (await anonymous().get('/api/consult/hearings/board?scope=concluded&pageSize=100')).json();
    expect(board.items.map((item: { id: string }) => item.id)).toContain(hearing.id);
    const again = await organizer.client.post(outcomeUrl, { outcome: '再次公布', links: [], version: shown.version });
    expect(again.json().code).toBe('OUTCOME_NOT_YET');
  });
});
