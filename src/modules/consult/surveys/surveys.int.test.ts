import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser, type TestOrgs, type TestUser } from '../../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../../test/harness';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestApp();
});
afterAll(() => env.close());

const DEFINITION = {
  pages: [
    {
      name: 'page1',
      elements: [
        { type: 'radiogroup', name: 'canteen', title: '您对食堂满意吗？', isRequired: true, choices: ['满意', '一般', '不满意'] },
        { type: 'rating', name: 'score', title: '总体评分', rateMin: 1, rateMax: 5 },
        { type: 'comment', name: 'advice', title: '您的建议', visibleIf: "{canteen} != '满意'" },
        { type: 'matrix', name: 'grid', title: '分项评价', rows: ['口味', '价格'], columns: ['好', '差'] },
        { type: 'ranking', name: 'order', title: '改进的先后', choices: ['菜品', '卫生', '排队'] },
      ],
    },
  ],
};

const surveyBody = (overrides: Record<string, unknown> = {}) => ({
  title: '职工食堂满意度调查',
  description: '请如实填写',
  definition: DEFINITION,
  audience: { kind: 'public' },
  anonymous: true,
  ...overrides,
});

interface Cast {
  orgs: TestOrgs;
  organizer: TestUser;
  otherOrganizer: TestUser;
  member: TestUser;
  stranger: TestUser;
}

async function cast(): Promise<Cast> {
  const orgs = await createTestOrgs(env.ctx);
  const elsewhere = await createTestOrgs(env.ctx);
  return {
    orgs,
    organizer: await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree', name: '党群干事' }),
    otherOrganizer: await createTestUser(env.ctx, env.app, { orgId: elsewhere.committee.id, role: 'organizer', scope: 'subtree' }),
    member: await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: '张党员' }),
    stranger: await createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'member', name: '外单位' }),
  };
}

const anonymousClient = () => client(env.app);

async function created(c: Cast, overrides: Record<string, unknown> = {}) {
  const response = await c.organizer.client.post('/api/consult/surveys', surveyBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

async function published(c: Cast, overrides: Record<string, unknown> = {}) {
  const survey = await created(c, overrides);
  const response = await c.organizer.client.post(`/api/consult/surveys/${survey.id}/publish`, { version: survey.version });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; version: number };
}

const answer = (who: { post: TestUser['client']['post'] }, path: string, data: Record<string, unknown>, key?: string) =>
  who.post(path, { data }, key ? { 'idempotency-key': key } : undefined);

const patch = (user: TestUser, id: string, payload: unknown) =>
  user.client.request({ method: 'PATCH', url: `/api/consult/surveys/${id}`, payload: payload as object });

describe('building and publishing a survey', () => {
  let c: Cast;
  beforeAll(async () => {
    c = await cast();
  });

  it('lists the templates for organisers only', async () => {
    expect((await anonymousClient().get('/api/consult/survey-templates')).statusCode).toBe(401);
    expect((await c.member.client.get('/api/consult/survey-templates')).statusCode).toBe(403);
    const response = await c.organizer.client.get('/api/consult/survey-templates');
    expect(response.statusCode).toBe(200);
    expect(response.json().map((t: { name: string }) => t.name)).toEqual(['满意度调查', '需求征集']);
    for (const template of response.json()) {
      const draft = await c.organizer.client.post(
        '/api/consult/surveys',
        surveyBody({ title: template.title, definition: template.definition }),
      );
      expect(draft.statusCode, draft.body).toBe(201);
    }
  });

  it('lists the organisations a survey may address: 401, 403, 200', async () => {
    expect((await anonymousClient().get('/api/consult/survey-orgs')).statusCode).toBe(401);
    expect((await c.member.client.get('/api/consult/survey-orgs')).statusCode).toBe(403);
    const orgs = (await c.organizer.client.get('/api/consult/survey-orgs')).json();
    expect(orgs[0]).toEqual({ id: c.orgs.committee.id, name: c.orgs.committee.name, depth: 0 });
    expect(orgs.map((org: { id: string }) => org.id)).toContain(c.orgs.branch.id);
  });

  it('finds people to name as the audience, only in the organisations the organizer runs: 401, 403, 400, 200', async () => {
    const path = `/api/consult/survey-people?q=${encodeURIComponent('张党员')}`;
    expect((await anonymousClient().get(path)).statusCode).toBe(401);
    expect((await c.member.client.get(path)).statusCode).toBe(403);
    expect((await c.organizer.client.get('/api/consult/survey-people?q=')).statusCode).toBe(400);
    const found = (await c.organizer.client.get(path)).json();
    expect(found).toContainEqual({ id: c.member.user.id, name: '张党员', orgName: c.orgs.branch.name });
    expect((await c.otherOrganizer.client.get(path)).json()).toEqual([]);
  });

  it('creates a draft: 401, 400 for a question type outside the subset, 403 for another organisation, 201', async () => {
    expect((await anonymousClient().post('/api/consult/surveys', surveyBody())).statusCode).toBe(401);
    const unsupported = await c.organizer.client.post(
      '/api/consult/surveys',
      surveyBody({ definition: { pages: [{ name: 'p', elements: [{ type: 'file', name: 'photo' }] }] } }),
    );
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json().message).toContain('不支持的题型“file”');
    expect((await c.otherOrganizer.client.post('/api/consult/surveys', surveyBody({ orgId: c.orgs.committee.id }))).statusCode).toBe(403);
    expect((await c.member.client.post('/api/consult/surveys', surveyBody())).statusCode).toBe(403);
    const unknownOrg = await c.organizer.client.post(
      '/api/consult/surveys',
      surveyBody({ audience: { kind: 'orgs', orgIds: ['0190a000-0000-7000-8000-000000000000'] } }),
    );
    expect(unknownOrg.json().code).toBe('UNKNOWN_AUDIENCE');
    const survey = await created(c);
    const detail = (await c.organizer.client.get(`/api/consult/surveys/${survey.id}`)).json();
    expect(detail).toMatchObject({ state: 'draft', allowedActions: ['edit', 'publish'], publicPath: `/h5/surveys/${survey.id}` });
  });

  it('edits a draft with optimistic locking, and never after publishing', async () => {
    const survey = await created(c);
    expect(
      (await anonymousClient().request({ method: 'PATCH', url: `/api/consult/surveys/${survey.id}`, payload: { version: 1 } })).statusCode,
    ).toBe(401);
    expect((await patch(c.organizer, survey.id, { version: 1 })).statusCode).toBe(400);
    expect((await patch(c.otherOrganizer, survey.id, { version: 1, title: '改' })).statusCode).toBe(404);
    const edited = await patch(c.organizer, survey.id, {
      version: 1,
      title: '食堂意见征集',
      audience: { kind: 'orgs', orgIds: [c.orgs.branch.id] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: '食堂意见征集', audience: 'orgs', audienceOrgs: [{ id: c.orgs.branch.id }], version: 2 });
    expect((await patch(c.organizer, survey.id, { version: 1, title: '旧版本' })).json().code).toBe('STALE_VERSION');
    await c.organizer.client.post(`/api/consult/surveys/${survey.id}/publish`, { version: 2 });
    // Addressed to the member's branch: the member learns it exists, and may not manage it.
    expect((await patch(c.member, survey.id, { version: 3, title: '改' })).statusCode).toBe(403);
    expect((await patch(c.organizer, survey.id, { version: 3, title: '改' })).json().code).toBe('SURVEY_NOT_DRAFT');
  });

  it('publishes, closes and publishes results: 401, 400, 403, then 200 each', async () => {
    const survey = await created(c, { audience: { kind: 'orgs', orgIds: [c.orgs.branch.id] } });
    const path = (action: string) => `/api/consult/surveys/${survey.id}/${action}`;
    expect((await anonymousClient().post(path('publish'), { version: 1 })).statusCode).toBe(401);
    expect((await c.organizer.client.post(path('publish'), {})).statusCode).toBe(400);
    expect((await c.organizer.client.post(path('publish-results'), { version: 1 })).json().code).toBe('SURVEY_NOT_PUBLISHED');
    // A draft is shown to no one but its organisers.
    expect((await c.member.client.post(path('publish'), { version: 1 })).statusCode).toBe(404);
    const publishedDetail = await c.organizer.client.post(path('publish'), { version: 1 });
    expect(publishedDetail.json()).toMatchObject({
      state: 'published',
      acceptingAnswers: true,
      allowedActions: ['close', 'publishResults', 'export'],
    });
    expect((await c.member.client.post(path('close'), { version: 2 })).statusCode).toBe(403);
    expect((await c.organizer.client.post(path('close'), { version: 2 })).json()).toMatchObject({
      state: 'closed',
      acceptingAnswers: false,
    });
    expect((await c.organizer.client.post(path('publish-results'), { version: 3 })).json().resultsPublishedAt).not.toBeNull();
  });

  it('lists the organisation’s surveys: 401, 400, 403, 200', async () => {
    expect((await anonymousClient().get('/api/consult/surveys')).statusCode).toBe(401);
    expect((await c.organizer.client.get('/api/consult/surveys?state=open')).statusCode).toBe(400);
    expect((await c.member.client.get('/api/consult/surveys')).statusCode).toBe(403);
    const page = (await c.organizer.client.get('/api/consult/surveys?state=draft')).json();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((item: { state: string }) => item.state === 'draft')).toBe(true);
    expect((await c.otherOrganizer.client.get('/api/consult/surveys')).json().total).toBe(0);
  });

  it('answers the detail: 401, 400, 403 to the addressed, 404 to others, 200', async () => {
    const survey = await published(c, { audience: { kind: 'users', userIds: [c.member.user.id] } });
    const path = `/api/consult/surveys/${survey.id}`;
    expect((await anonymousClient().get(path)).statusCode).toBe(401);
    expect((await c.organizer.client.get('/api/consult/surveys/not-an-id')).statusCode).toBe(400);
    expect((await c.member.client.get(path)).statusCode).toBe(403);
    expect((await c.stranger.client.get(path)).statusCode).toBe(404);
    expect((await c.organizer.client.get(path)).json().audienceUsers).toEqual([{ id: c.member.user.id, name: '张党员' }]);
  });
});

describe('answering', () => {
  let c: Cast;
  beforeAll(async () => {
    c = await cast();
  });

  it('shows a member the surveys addressed to them and lets them answer once', async () => {
    const forBranch = await published(c, { audience: { kind: 'orgs', orgIds: [c.orgs.branch.id] }, anonymous: false });
    const forOthers = await published(c, { audience: { kind: 'orgs', orgIds: [c.orgs.unitB.id] } });
    expect((await anonymousClient().get('/api/my/surveys')).statusCode).toBe(401);
    const mine = (await c.member.client.get('/api/my/surveys')).json().items.map((item: { id: string }) => item.id);
    expect(mine).toContain(forBranch.id);
    expect(mine).not.toContain(forOthers.id);

    const path = `/api/my/surveys/${forBranch.id}`;
    expect((await anonymousClient().get(path)).statusCode).toBe(401);
    expect((await c.member.client.get('/api/my/surveys/x')).statusCode).toBe(400);
    expect((await c.member.client.get(`/api/my/surveys/${forOthers.id}`)).statusCode).toBe(404);
    // The organiser manages it but is not among those asked.
    expect((await c.organizer.client.get(`/api/my/surveys/${forOthers.id}`)).statusCode).toBe(403);
    expect((await c.member.client.get(path)).json()).toMatchObject({ answered: false, acceptingAnswers: true });

    const answers = `${path}/answers`;
    expect((await answer(anonymousClient(), answers, { canteen: '满意' })).statusCode).toBe(401);
    expect((await answer(c.organizer.client, `/api/my/surveys/${forOthers.id}/answers`, { canteen: '满意' })).statusCode).toBe(403);
    const missing = await answer(c.member.client, answers, { score: 3 });
    expect(missing.json()).toMatchObject({ code: 'ANSWER_REQUIRED', field: 'canteen' });
    expect((await answer(c.member.client, answers, { canteen: '还行' })).json().code).toBe('ANSWER_INVALID');

    const first = await answer(
      c.member.client,
      answers,
      { canteen: '一般', advice: '希望增加晚餐的品种，菜价再便宜一些' },
      'retry-key-0001',
    );
    expect(first.statusCode, first.body).toBe(201);
    const retried = await answer(
      c.member.client,
      answers,
      { canteen: '一般', advice: '希望增加晚餐的品种，菜价再便宜一些' },
      'retry-key-0001',
    );
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual(first.json());
    const second = await answer(c.member.client, answers, { canteen: '满意' }, 'retry-key-0002');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('ALREADY_ANSWERED');

    const stored = await env.ctx.db.selectFrom('survey_answers').selectAll().where('survey_id', '=', forBranch.id).execute();
    expect(stored).toHaveLength(1);
    // A named survey records who answered.
    expect(stored[0]).toMatchObject({ user_id: c.member.user.id, org_id: c.orgs.branch.id });
    expect((await c.member.client.get(path)).json().answered).toBe(true);
  });

  it('keeps no person on an anonymous answer, and only the day', async () => {
    const survey = await published(c, { audience: { kind: 'orgs', orgIds: [c.orgs.branch.id] }, anonymous: true });
    expect((await answer(c.member.client, `/api/my/surveys/${survey.id}/answers`, { canteen: '满意' })).statusCode).toBe(201);
    const [stored] = await env.ctx.db.selectFrom('survey_answers').selectAll().where('survey_id', '=', survey.id).execute();
    expect(stored.user_id).toBeNull();
    expect(stored.submitted_at).toBeNull();
    expect(stored.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const respondent = await env.ctx.db
      .selectFrom('survey_respondents')
      .selectAll()
      .where('survey_id', '=', survey.id)
      .executeTakeFirstOrThrow();
    expect(Object.keys(respondent).sort()).toEqual(['answered_on', 'survey_id', 'user_id']);
    expect((await answer(c.member.client, `/api/my/surveys/${survey.id}/answers`, { canteen: '一般' })).json().code).toBe(
      'ALREADY_ANSWERED',
    );
  });

  it('takes public answers without an account, stores a retry once, and limits each address', async () => {
    const survey = await published(c);
    const draft = await created(c);
    const path = `/api/public/surveys/${survey.id}`;
    expect((await anonymousClient().get('/api/public/surveys/x')).statusCode).toBe(400);
    expect((await anonymousClient().get(`/api/public/surveys/${draft.id}`)).statusCode).toBe(404);
    expect((await anonymousClient().get(path)).json()).toMatchObject({ title: '职工食堂满意度调查', anonymous: true, answered: false });

    expect((await answer(anonymousClient(), `${path}/answers`, { canteen: 3 })).statusCode).toBe(400);
    const first = await answer(anonymousClient(), `${path}/answers`, { canteen: '满意', score: 5 }, 'public-key-001');
    expect(first.statusCode).toBe(201);
    expect((await answer(anonymousClient(), `${path}/answers`, { canteen: '满意', score: 5 }, 'public-key-001')).statusCode).toBe(200);
    const count = await env.ctx.db
      .selectFrom('survey_answers')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('survey_id', '=', survey.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    let limited = 0;
    for (let i = 0; i < 31 && limited === 0; i += 1) {
      const response = await answer(anonymousClient(), `${path}/answers`, { canteen: '一般' });
      limited += response.statusCode === 429 ? 1 : 0;
    }
    expect(limited).toBe(1);
  });

  it('refuses answers outside the dates', async () => {
    const later = new Date(env.ctx.clock.now().getTime() + 86_400_000).toISOString();
    const survey = await published(c, { opensAt: later });
    const response = await answer(c.member.client, `/api/public/surveys/${survey.id}/answers`, { canteen: '满意' });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('SURVEY_NOT_OPEN');
  });
});

describe('results, free text, export and the public board', () => {
  let c: Cast;
  let survey: { id: string; version: number };
  const members: TestUser[] = [];

  beforeAll(async () => {
    c = await cast();
    survey = await published(c, { audience: { kind: 'orgs', orgIds: [c.orgs.committee.id] }, anonymous: true });
    for (let i = 0; i < 6; i += 1) {
      members.push(await createTestUser(env.ctx, env.app, { orgId: i < 5 ? c.orgs.branch.id : c.orgs.unitB.id, role: 'member' }));
    }
    const texts = ['食堂排队时间太长，希望增加窗口', '菜品种类少，希望增加面食', '', '', '', '排队太久'];
    for (const [i, member] of members.entries()) {
      const data = {
        canteen: texts[i] ? '一般' : '满意',
        score: i < 3 ? 4 : 2,
        grid: { 口味: '好', 价格: i % 2 ? '差' : '好' },
        order: ['排队', '菜品', '卫生'],
        ...(texts[i] ? { advice: texts[i] } : {}),
      };
      expect((await answer(member.client, `/api/my/surveys/${survey.id}/answers`, data)).statusCode).toBe(201);
    }
  });

  it('counts per question as answers arrive: 401, 400, 403, 200', async () => {
    const path = `/api/consult/surveys/${survey.id}/results`;
    expect((await anonymousClient().get(path)).statusCode).toBe(401);
    expect((await c.organizer.client.get(`${path}?orgId=branch`)).statusCode).toBe(400);
    expect((await c.member.client.get(path)).statusCode).toBe(403);
    const results = (await c.organizer.client.get(path)).json();
    expect(results.answerCount).toBe(6);
    const byName = Object.fromEntries(results.questions.map((q: { name: string }) => [q.name, q]));
    expect(byName.canteen.items).toEqual([
      { value: '满意', label: '满意', count: 3, average: null },
      { value: '一般', label: '一般', count: 3, average: null },
      { value: '不满意', label: '不满意', count: 0, average: null },
    ]);
    expect(byName.score.average).toBe(3);
    expect(byName.grid.rows[1].columns).toMatchObject([
      { label: '好', count: 3 },
      { label: '差', count: 3 },
    ]);
    expect(byName.order.items[0]).toMatchObject({ label: '菜品', average: 2 });
    expect(byName.advice.keywords.map((k: { word: string }) => k.word)).toContain('排队');
  });

  it('filters by the respondents’ organisation, hiding one with fewer than five answers on an anonymous survey', async () => {
    const path = `/api/consult/surveys/${survey.id}/results`;
    const all = (await c.organizer.client.get(path)).json();
    expect(all.orgs).toEqual([{ id: c.orgs.branch.id, name: c.orgs.branch.name, count: 5 }]);
    expect((await c.organizer.client.get(`${path}?orgId=${c.orgs.branch.id}`)).json().answerCount).toBe(5);
    const small = await c.organizer.client.get(`${path}?orgId=${c.orgs.unitB.id}`);
    expect(small.statusCode).toBe(400);
    expect(small.json().code).toBe('GROUP_TOO_SMALL');
  });

  it('lists free-text answers with their keywords: 401, 400, 403, 200', async () => {
    const path = `/api/consult/surveys/${survey.id}/texts?question=advice`;
    expect((await anonymousClient().get(path)).statusCode).toBe(401);
    expect((await c.organizer.client.get(`/api/consult/surveys/${survey.id}/texts?question=canteen`)).json().code).toBe(
      'NOT_A_TEXT_QUESTION',
    );
    expect((await c.member.client.get(path)).statusCode).toBe(403);
    const page = (await c.organizer.client.get(path)).json();
    expect(page.total).toBe(3);
    expect(page.items.find((item: { text: string }) => item.text.includes('面食')).keywords).toContain('面食');
    expect(page.items.every((item: { orgName: string | null }) => item.orgName === null)).toBe(true);
  });

  it('exports one row per answer and one column per question, matrices and rankings spread out: 401, 400, 403, 200', async () => {
    const path = `/api/consult/surveys/${survey.id}/export.xlsx`;
    expect((await anonymousClient().get(path)).statusCode).toBe(401);
    expect((await c.organizer.client.get('/api/consult/surveys/x/export.xlsx')).statusCode).toBe(400);
    expect((await c.member.client.get(path)).statusCode).toBe(403);
    const response = await c.organizer.client.get(path);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('答卷')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '序号',
      '填写日期',
      '所在组织',
      '您对食堂满意吗？',
      '总体评分',
      '您的建议',
      '分项评价 - 口味',
      '分项评价 - 价格',
      '改进的先后 - 第1位',
      '改进的先后 - 第2位',
      '改进的先后 - 第3位',
    ]);
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(2).getCell(9).value).toBe('排队');
  });

  it('publishes a summary to the public board, without free text', async () => {
    const boardPath = `/api/public/survey-results/${survey.id}`;
    expect((await anonymousClient().get('/api/public/survey-results/x')).statusCode).toBe(400);
    expect((await anonymousClient().get(boardPath)).statusCode).toBe(404);
    const detail = (await c.organizer.client.get(`/api/consult/surveys/${survey.id}`)).json();
    await c.organizer.client.post(`/api/consult/surveys/${survey.id}/publish-results`, { version: detail.version });
    const board = (await anonymousClient().get('/api/public/survey-results')).json();
    expect(board.items.map((item: { id: string }) => item.id)).toContain(survey.id);
    const summary = (await anonymousClient().get(boardPath)).json();
    expect(summary.answerCount).toBe(6);
    expect(summary.questions.map((q: { name: string }) => q.name)).toEqual(['canteen', 'score', 'grid', 'order']);
    expect(JSON.stringify(summary)).not.toContain('面食');
  });
});
