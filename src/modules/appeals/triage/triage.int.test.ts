import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, createTestCategory, type AppealsDesk } from '../../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../../test/harness';
import { submitAppeal } from '../commands/submitAppeal';
import { SubmitAppealBody } from '../schemas';
import { learnAppeals, rebuildAppealTriage } from './learn';
import { MIN_LEARNED_APPEALS } from './suggest';

let env: TestEnv;
let desk: AppealsDesk;
/** desk.categoryCode (物业管理) is handled by unit A; this one by unit B. */
let canteen: string;

beforeAll(async () => {
  env = await startTestApp();
  desk = await createAppealsDesk(env.ctx, env.app);
  canteen = await createTestCategory(env.ctx, { name: '食堂餐饮' });
});
afterAll(() => env.close());

async function file(content: string, categoryCode = desk.categoryCode): Promise<string> {
  const body = SubmitAppealBody.parse(appealBody(desk, { content, categoryCode }));
  const { appealId } = await submitAppeal(env.ctx, body, { actor: null, meta: { ip: null, requestId: null }, channel: 'h5' });
  return appealId!;
}

async function act(id: string, action: string, body: Record<string, unknown>, as = desk.dispatcher) {
  const { version } = (await as.client.get(`/api/appeals/${id}`)).json();
  const response = await as.client.post(`/api/appeals/${id}/${action}`, { version, ...body });
  await env.ctx.events.drain();
  return response;
}

interface Suggestion {
  code?: string;
  id?: string;
  name: string;
  confidence: number;
  confident: boolean;
}
interface Triage {
  category: Suggestion | null;
  unit: Suggestion | null;
  alternatives: { categories: Suggestion[]; units: Suggestion[] };
  learnedAppeals: number;
  minimumLearnedAppeals: number;
}

const triageOf = async (id: string, as = desk.dispatcher) => {
  const response = await as.client.get(`/api/appeals/${id}/triage`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Triage;
};

const report = async () => {
  const response = await desk.dispatcher.client.get('/api/appeals/triage/report');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Record<'category' | 'unit', { suggested: number; accepted: number }>;
};

const labelCounts = async () =>
  Object.fromEntries(
    (await env.ctx.db.selectFrom('triage_labels').selectAll().execute()).map((row) => [`${row.model}:${row.label}`, row.appeals]),
  );

const modelRows = async () => ({
  terms: await env.ctx.db.selectFrom('triage_terms').selectAll().orderBy('model').orderBy('term').orderBy('label').execute(),
  labels: await env.ctx.db.selectFrom('triage_labels').selectAll().orderBy('model').orderBy('label').execute(),
});

// Repairs for 物业 (unit A) and complaints about the canteen for 后勤 (unit B), in different words.
const REPAIRS = [
  (n: number) => `${n}号楼的电梯又坏了，老人上下楼很不方便，请物业尽快维修电梯。`,
  (n: number) => `${n}号楼楼道的声控灯不亮，晚上走楼梯看不见，请派电工修理照明。`,
  (n: number) => `${n}号楼顶楼漏水，墙面发霉，请物业检修屋顶防水。`,
];
const CANTEEN = [
  (n: number) => `职工食堂${n}号窗口的饭菜太咸，米饭也夹生，希望食堂改进菜品质量。`,
  (n: number) => `食堂午餐排队要${n}分钟，打饭窗口太少，建议食堂增加窗口。`,
  (n: number) => `食堂的菜价最近涨了${n}元，荤菜分量却变少了，请核查食堂价格。`,
];

async function trainOnDispatches(count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const repair = index % 2 === 0;
    const texts = repair ? REPAIRS : CANTEEN;
    const id = await file(texts[index % 3](index + 2), repair ? desk.categoryCode : canteen);
    const dispatched = await act(id, 'dispatch', { unitId: repair ? desk.orgs.unitA.id : desk.orgs.unitB.id });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
  }
}

describe('GET /api/appeals/:id/triage', () => {
  let waiting: string;

  beforeAll(async () => {
    waiting = await file('职工食堂晚餐的饭菜都凉了，打饭窗口的师傅态度也不好，请食堂改进。');
  });

  it('answers 401 without a session, 404 outside the viewer scope and 403 to a viewer who may not dispatch', async () => {
    expect((await client(env.app).get(`/api/appeals/${waiting}/triage`)).statusCode).toBe(401);
    expect((await desk.handlerB.client.get(`/api/appeals/${waiting}/triage`)).statusCode).toBe(404);
    expect((await desk.leader.client.get(`/api/appeals/${waiting}/triage`)).statusCode).toBe(403);
    expect((await desk.dispatcher.client.get('/api/appeals/00000000-0000-4000-8000-000000000000/triage')).statusCode).toBe(404);
  });

  it('suggests nothing before enough appeals have been dispatched', async () => {
    await trainOnDispatches(MIN_LEARNED_APPEALS - 1);
    expect(await triageOf(waiting)).toEqual({
      category: null,
      unit: null,
      alternatives: { categories: [], units: [] },
      learnedAppeals: MIN_LEARNED_APPEALS - 1,
      minimumLearnedAppeals: MIN_LEARNED_APPEALS,
    });
  });

  it('suggests the category and the unit learned from past dispatches, with a confidence and the runner-up', async () => {
    await trainOnDispatches(5);
    const triage = await triageOf(waiting);
    expect(triage.learnedAppeals).toBe(MIN_LEARNED_APPEALS + 4);
    // Filed under 物业管理 by the citizen, but it reads like the canteen appeals 后勤 handled.
    expect(triage.category).toMatchObject({ code: canteen, name: '食堂餐饮', confident: true });
    expect(triage.unit).toMatchObject({ id: desk.orgs.unitB.id, name: desk.orgs.unitB.name, confident: true });
    expect(triage.category!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(triage.category!.confidence).toBeLessThan(1);
    expect(triage.alternatives.categories.map((item) => item.code)).toEqual([desk.categoryCode]);
    expect(triage.alternatives.units).toEqual([
      expect.objectContaining({ id: desk.orgs.unitA.id, confidence: expect.closeTo(1 - triage.unit!.confidence, 2) }),
    ]);

    const repair = await triageOf(await file('5号楼电梯坏了好几天，请物业派人来修电梯。', canteen));
    expect(repair.category).toMatchObject({ code: desk.categoryCode });
    expect(repair.unit).toMatchObject({ id: desk.orgs.unitA.id });
    // Words no dispatched appeal used say nothing either way.
    expect(await triageOf(await file('关于公司年会节目安排的几点想法。'))).toMatchObject({ category: null, unit: null });
  });

  it('takes the correction the dispatcher makes, records whether the suggestion was taken, and learns it', async () => {
    const before = { report: await report(), labels: await labelCounts() };
    const refused = await act(waiting, 'dispatch', { unitId: desk.orgs.unitB.id, categoryCode: 'no_such_category' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'UNKNOWN_CATEGORY', field: 'categoryCode' });

    const dispatched = await act(waiting, 'dispatch', { unitId: desk.orgs.unitB.id, categoryCode: canteen });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json()).toMatchObject({ categoryCode: canteen, categoryName: '食堂餐饮', unitId: desk.orgs.unitB.id });
    expect(dispatched.json().timeline.at(-1).note).toContain('诉求类别改为：食堂餐饮');

    const after = await report();
    expect(after.category).toMatchObject({
      suggested: before.report.category.suggested + 1,
      accepted: before.report.category.accepted + 1,
    });
    expect(after.unit).toMatchObject({ suggested: before.report.unit.suggested + 1, accepted: before.report.unit.accepted + 1 });
    expect(await labelCounts()).toMatchObject({
      [`category:${canteen}`]: before.labels[`category:${canteen}`] + 1,
      [`category:${desk.categoryCode}`]: before.labels[`category:${desk.categoryCode}`],
      [`unit:${desk.orgs.unitB.id}`]: before.labels[`unit:${desk.orgs.unitB.id}`] + 1,
    });
  });

  it('moves what an appeal taught from the first unit to the second when it is re-dispatched', async () => {
    const id = await file('食堂的早餐包子馅太少，豆浆也太淡，希望食堂提高早餐质量。', canteen);
    const before = { report: await report(), labels: await labelCounts() };
    expect((await act(id, 'dispatch', { unitId: desk.orgs.unitA.id })).statusCode).toBe(200);
    const misrouted = await labelCounts();
    expect(misrouted[`unit:${desk.orgs.unitA.id}`]).toBe(before.labels[`unit:${desk.orgs.unitA.id}`] + 1);
    // The dispatcher sent it elsewhere than suggested.
    const after = await report();
    expect(after.unit).toMatchObject({ suggested: before.report.unit.suggested + 1, accepted: before.report.unit.accepted });

    expect((await act(id, 'request-return', { reason: '食堂不归物业管理' }, desk.headA)).statusCode).toBe(200);
    const termsBefore = (await modelRows()).terms.filter((row) => row.model === 'unit' && row.term === '豆浆');
    expect((await act(id, 'approve-return', { unitId: desk.orgs.unitB.id })).statusCode).toBe(200);
    expect(await labelCounts()).toMatchObject({
      [`unit:${desk.orgs.unitA.id}`]: before.labels[`unit:${desk.orgs.unitA.id}`],
      [`unit:${desk.orgs.unitB.id}`]: before.labels[`unit:${desk.orgs.unitB.id}`] + 1,
    });
    expect(termsBefore).toEqual([{ model: 'unit', term: '豆浆', label: desk.orgs.unitA.id, count: 1 }]);
    expect((await modelRows()).terms.filter((row) => row.model === 'unit' && row.term === '豆浆')).toEqual([
      { model: 'unit', term: '豆浆', label: desk.orgs.unitB.id, count: 1 },
    ]);
    // Learning again what it already knows changes nothing; so does learning an appeal not dispatched.
    expect(await learnAppeals(env.ctx, [id, await file('还没有派单的诉求，不该学到任何东西。')])).toBe(0);
  });

  it('learns from scratch exactly what it learned step by step, corrections included', async () => {
    const incremental = await modelRows();
    const dispatched = await env.ctx.db.selectFrom('appeals').select('id').where('unit_id', 'is not', null).execute();
    expect(await rebuildAppealTriage(env.ctx)).toBe(dispatched.length);
    expect(await modelRows()).toEqual(incremental);
  });
});

describe('GET /api/appeals/triage/report', () => {
  it('answers 401 without a session and 403 to a unit, and reports acceptance within the viewer scope', async () => {
    expect((await client(env.app).get('/api/appeals/triage/report')).statusCode).toBe(401);
    expect((await desk.handlerA.client.get('/api/appeals/triage/report')).statusCode).toBe(403);
    const response = await desk.dispatcher.client.get('/api/appeals/triage/report?days=7');
    expect(response.json()).toMatchObject({ days: 7, minimumLearnedAppeals: MIN_LEARNED_APPEALS });
    const { category, unit } = response.json() as Record<'category' | 'unit', { suggested: number; accepted: number; rate: number }>;
    expect(category.suggested).toBeGreaterThan(0);
    expect(category.rate).toBeCloseTo(category.accepted / category.suggested, 3);
    expect(unit.accepted).toBeLessThan(unit.suggested);
  });
});
