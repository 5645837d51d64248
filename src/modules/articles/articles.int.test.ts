import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser, type TestOrgs, type TestUser } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';

const ARTICLES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/articles');
const fixture = (prefix: string) =>
  readFileSync(
    path.join(
      ARTICLES,
      readdirSync(ARTICLES).find((name) => name.startsWith(prefix))!,
    ),
    'utf8',
  );

let env: TestEnv;
let orgs: TestOrgs;
let dispatcher: TestUser;
let handler: TestUser;
let member: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
  const otherTree = await createTestOrgs(env.ctx);
  [dispatcher, handler, member, outsider] = await Promise.all([
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'dispatcher', scope: 'subtree', name: '王受理' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'handler', name: '李承办' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: '周党员' }),
    createTestUser(env.ctx, env.app, { orgId: otherTree.committee.id, role: 'dispatcher', scope: 'subtree', name: '外单位受理员' }),
  ]);
});
afterAll(() => env.close());

const anonymous = () => client(env.app);
const patch = (as: TestUser | null, id: string, payload: unknown) =>
  (as?.client ?? anonymous()).request({ method: 'PATCH', url: `/api/articles/${id}`, payload: payload as object });

/** The reviewed fields of a short article, as the console sends them after 识别. */
const reviewed = (overrides: Record<string, unknown> = {}) => ({
  kind: 'study',
  title: '党群干部要做到六个树立',
  author: '李先波',
  authorUnit: '山东省第五地质矿产勘查院',
  publishedOn: null,
  journal: null,
  issue: null,
  keywords: ['党群'],
  paragraphs: ['从事党群工作十余年来。', '1 树立远大信念'],
  references: [],
  original: '导航菜单\n\n党群干部要做到六个树立\n\n从事党群工作十余年来。\n\n1 树立远大信念',
  ...overrides,
});

async function importOne(overrides: Record<string, unknown> = {}, as = dispatcher) {
  const response = await as.client.post('/api/articles', reviewed(overrides));
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; title: string };
}

const ARTICLE_ID = '00000000-0000-4000-8000-000000000000';

describe('every article route', () => {
  it.each([
    ['POST', '/api/articles/extract'],
    ['POST', '/api/articles'],
    ['GET', '/api/articles'],
    ['GET', `/api/articles/${ARTICLE_ID}`],
    ['PATCH', `/api/articles/${ARTICLE_ID}`],
  ])('%s %s answers 401 without a session, before looking at the input', async (method, url) => {
    const response = await anonymous().request({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /api/articles/extract', () => {
  it('recognises fixture 000 and stores nothing', async () => {
    const before = await env.ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await dispatcher.client.post('/api/articles/extract', { text: fixture('000') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      title: '不忘初心牢记使命 扎实做好党群工作',
      author: '赵淑花',
      authorUnit: '重庆钢铁股份有限公司',
      publishedOn: '2019-11-13',
      journal: '新生代',
      issue: '2019年19期',
      keywords: ['党群', '初心', '党员干部'],
    });
    expect(response.json().removedLines).toContainEqual({ line: '猜你喜欢', reason: 'footer', reasonLabel: '页尾推荐' });
    const after = await env.ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('names the field of bad input', async () => {
    const empty = await dispatcher.client.post('/api/articles/extract', { text: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.text' });
    const tooLong = await dispatcher.client.post('/api/articles/extract', { text: '党'.repeat(200_001) });
    expect(tooLong.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.text' });
  });

  it('says so when the page has no article in it', async () => {
    const response = await dispatcher.client.post('/api/articles/extract', { text: '导航菜单\n\n?\n\n下载文本' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'NO_ARTICLE_TEXT', field: 'body.text' });
  });

  it('is for workers only', async () => {
    const response = await member.client.post('/api/articles/extract', { text: fixture('004') });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('FORBIDDEN');
  });
});

describe('POST /api/articles', () => {
  it('imports fixture 000 end to end: the reviewed fields, the text, the original, an audit entry and an event', async () => {
    const raw = fixture('000');
    const extracted = (await dispatcher.client.post('/api/articles/extract', { text: raw })).json();
    const { removedLines: _removed, ...fields } = extracted;
    const response = await dispatcher.client.post('/api/articles', { ...fields, kind: 'study', original: raw });
    expect(response.statusCode).toBe(201);
    const article = response.json();
    expect(article).toMatchObject({
      kind: 'study',
      kindLabel: '学习资料',
      title: '不忘初心牢记使命 扎实做好党群工作',
      author: '赵淑花',
      authorUnit: '重庆钢铁股份有限公司',
      publishedOn: '2019-11-13',
      journal: '新生代',
      issue: '2019年19期',
      keywords: ['党群', '初心', '党员干部'],
      references: [],
      orgId: orgs.committee.id,
      orgName: orgs.committee.name,
      createdByName: '王受理',
      allowedActions: ['correct'],
    });
    expect(article.paragraphs).toEqual(extracted.paragraphs);
    expect(article.paragraphs[0]).toBe('1 引言');
    expect(article.original).toBe(raw);

    const row = await env.ctx.db.selectFrom('articles').selectAll().where('id', '=', article.id).executeTakeFirstOrThrow();
    expect(row.body).toBe(extracted.paragraphs.join('\n\n'));
    expect(row.body).not.toMatch(/猜你喜欢|国产|\(kāi\)/);
    expect(JSON.parse(row.keywords)).toEqual(['党群', '初心', '党员干部']);
    expect(row.original).toBe(raw);
    const audit = await env.ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', article.id).execute();
    expect(audit.map((entry) => entry.event_type)).toEqual(['article.import']);
    const events = await env.ctx.db.selectFrom('events').selectAll().where('subject_id', '=', article.id).execute();
    expect(events.map((event) => [event.type, event.org_id])).toEqual([['articles.imported', orgs.committee.id]]);
  });

  it('keeps references apart from the text', async () => {
    const raw = fixture('002');
    const { removedLines: _removed, ...fields } = (await dispatcher.client.post('/api/articles/extract', { text: raw })).json();
    const article = (await dispatcher.client.post('/api/articles', { ...fields, kind: 'study', original: raw })).json();
    expect(article.references).toHaveLength(4);
    expect(article.references[1]).toBe('[2]任瑞.以旗帜领航 开创党建工作新局面[J].文存阅刊,2018年.');
    expect(article.paragraphs.join('\n')).not.toContain('[J]');
  });

  it('names the field of bad input', async () => {
    const badDate = await dispatcher.client.post('/api/articles', reviewed({ publishedOn: '2019-02-30' }));
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.publishedOn' });
    expect((await dispatcher.client.post('/api/articles', reviewed({ title: ' ' }))).json()).toMatchObject({ field: 'body.title' });
    expect((await dispatcher.client.post('/api/articles', reviewed({ kind: 'novel' }))).json()).toMatchObject({ field: 'body.kind' });
    expect((await dispatcher.client.post('/api/articles', reviewed({ paragraphs: [] }))).json()).toMatchObject({
      field: 'body.paragraphs',
    });
  });

  it('files under an organisation the worker reaches, and refuses others', async () => {
    expect((await importOne({ orgId: orgs.unitA.id }, handler)).id).toBeDefined();
    // The handler's role reaches their unit only: the committee is visible (same tree) but not theirs.
    const aboveHandler = await handler.client.post('/api/articles', reviewed({ orgId: orgs.committee.id }));
    expect(aboveHandler.statusCode).toBe(403);
    // Another organisation tree is out of sight altogether.
    const otherTree = await outsider.client.post('/api/articles', reviewed({ orgId: orgs.committee.id }));
    expect(otherTree.statusCode).toBe(404);
    expect(otherTree.json().code).toBe('NOT_FOUND');
    const byMember = await member.client.post('/api/articles', reviewed());
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().code).toBe('FORBIDDEN');
  });
});

describe('GET /api/articles', () => {
  it('lists the articles of the reader’s organisation tree, newest first, and finds them by full-text search in either script', async () => {
    const tag = Date.now().toString(36);
    const older = await importOne({ title: `基层党建工作要点${tag}` });
    env.clock.advanceMinutes(1);
    const newer = await importOne({ title: `党群服务中心建设${tag}`, kind: 'news' });
    await env.ctx.events.drain();

    const page = (await member.client.get(`/api/articles?q=${tag}`)).json();
    expect(page.items.map((item: { id: string }) => item.id)).toEqual([newer.id, older.id]);
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(page.items[0]).toMatchObject({ kind: 'news', kindLabel: '新闻', orgName: orgs.committee.name });
    expect(page.items[0]).not.toHaveProperty('original');

    const traditional = (await member.client.get(`/api/articles?q=${encodeURIComponent(`黨群服務中心建設${tag}`)}`)).json();
    expect(traditional.items.map((item: { id: string }) => item.id)).toEqual([newer.id]);
    expect((await member.client.get(`/api/articles?q=${tag}&kind=news`)).json().total).toBe(1);
    expect((await outsider.client.get(`/api/articles?q=${tag}`)).json().total).toBe(0);
  });

  it('refuses a bad query', async () => {
    const response = await member.client.get('/api/articles?pageSize=1000');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.pageSize' });
  });
});

describe('GET /api/articles/:id', () => {
  it('shows the article to its tree, with the buttons the reader may use', async () => {
    const { id } = await importOne();
    const asMember = await member.client.get(`/api/articles/${id}`);
    expect(asMember.statusCode).toBe(200);
    expect(asMember.json()).toMatchObject({ id, title: '党群干部要做到六个树立', allowedActions: [] });
    expect((await dispatcher.client.get(`/api/articles/${id}`)).json().allowedActions).toEqual(['correct']);
  });

  it('answers 404 to another organisation tree and 400 to a malformed id', async () => {
    const { id } = await importOne();
    const response = await outsider.client.get(`/api/articles/${id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
    expect((await member.client.get('/api/articles/not-an-id')).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.id' });
  });
});

describe('PATCH /api/articles/:id', () => {
  it('corrects the fields given, keeps the others and the original, and audits it', async () => {
    const { id } = await importOne();
    env.clock.advanceMinutes(5);
    const response = await patch(dispatcher, id, {
      title: '党群干部要做到“六个树立”',
      keywords: ['党群干部', '六个树立'],
      publishedOn: '2015-06-01',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      title: '党群干部要做到“六个树立”',
      keywords: ['党群干部', '六个树立'],
      publishedOn: '2015-06-01',
      author: '李先波',
      paragraphs: ['从事党群工作十余年来。', '1 树立远大信念'],
      original: reviewed().original,
    });
    expect(response.json().updatedAt > response.json().createdAt).toBe(true);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['event_type', 'detail'])
      .where('target_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => entry.event_type)).toEqual(['article.import', 'article.correct']);
    expect(JSON.parse(audit[1].detail!)).toEqual({ fields: ['title', 'publishedOn', 'keywords'] });
  });

  it('names the field of bad input and refuses an empty change', async () => {
    const { id } = await importOne();
    expect((await patch(dispatcher, id, { keywords: ['党群', '党群'] })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'body.keywords',
    });
    const empty = await patch(dispatcher, id, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('VALIDATION_FAILED');
  });

  it('answers 403 to a reader who is not a worker of the organisation, 404 to another tree', async () => {
    const { id } = await importOne();
    expect((await patch(member, id, { title: '改标题' })).statusCode).toBe(403);
    expect((await patch(handler, id, { title: '改标题' })).statusCode).toBe(403);
    const outside = await patch(outsider, id, { title: '改标题' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('NOT_FOUND');
    expect((await dispatcher.client.get(`/api/articles/${id}`)).json().title).toBe('党群干部要做到六个树立');
  });
});
