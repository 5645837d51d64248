import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonName, type E2eEnv, expectAccessible, fileAnonymously, screenshotAll, signIn, startE2e } from './support';

/**
 * 智能建议 as the dispatcher meets it: after two dozen appeals about repairs (物业维修, 物业管理中心) and
 * about the canteen (食堂餐饮, 后勤保障部) have been dispatched, a resident files a complaint about the
 * canteen under 物业维修. The dispatch dialog suggests 食堂餐饮 and 后勤保障部 with their confidence,
 * fills both into the form, and the appeal is dispatched as suggested.
 */

const CANTEEN_CATEGORY = '食堂餐饮';
const CANTEEN_UNIT = '后勤保障部';
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
const MISFILED = '职工食堂晚餐的饭菜都凉了，打饭窗口的师傅态度也不好，希望食堂改进。';
const TRAINING_APPEALS = 24;

let env: E2eEnv;
const contexts: BrowserContext[] = [];
const units = new Map<string, string>();

beforeAll(async () => {
  env = await startE2e();
  for (const unit of await env.ctx.db.selectFrom('orgs').select(['id', 'name']).execute()) {
    units.set(unit.name, unit.id);
  }
  await env.ctx.db
    .insertInto('appeal_categories')
    .values({
      code: 'canteen',
      name: CANTEEN_CATEGORY,
      appeal_type: 'complaint',
      limit_kind: 'general',
      default_unit_id: units.get(CANTEEN_UNIT)!,
      description: null,
      sort: 2,
      active: 1,
    })
    .execute();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

/** Files and dispatches appeals through the API with the dispatcher's session (a signed-in filer has no hourly limit). */
async function dispatchPastAppeals(dispatcher: Page): Promise<void> {
  const api = dispatcher.request;
  for (let index = 0; index < TRAINING_APPEALS; index += 1) {
    const repair = index % 2 === 0;
    const content = (repair ? REPAIRS : CANTEEN)[index % 3](index + 2);
    const filed = await api.post(`${env.baseUrl}/api/public/appeals`, {
      data: { categoryCode: repair ? 'property' : 'canteen', content, anonymous: true, publicable: false },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const { trackingNo } = (await filed.json()) as { trackingNo: string };
    const listed = (await (await api.get(`${env.baseUrl}/api/appeals?q=${trackingNo}`)).json()) as { items: { id: string }[] };
    const id = listed.items[0].id;
    const { version } = (await (await api.get(`${env.baseUrl}/api/appeals/${id}`)).json()) as { version: number };
    const unitId = units.get(repair ? '物业管理中心' : CANTEEN_UNIT);
    const dispatched = await api.post(`${env.baseUrl}/api/appeals/${id}/dispatch`, { data: { version, unitId } });
    expect(dispatched.status(), await dispatched.text()).toBe(200);
  }
}

describe('the dispatch dialog', () => {
  it('suggests the category and unit learned from past dispatches, fills them in, and dispatches as suggested', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => screenshotAll(contexts, 'triage'));
    const dispatcher = await signIn(env, contexts, 'dispatcher', '/console/inbox');
    await dispatchPastAppeals(dispatcher);
    const misfiled = await fileAnonymously(env, MISFILED, false);

    // The models learn from each dispatch after it has committed.
    const id = (
      (await (await dispatcher.request.get(`${env.baseUrl}/api/appeals?q=${misfiled.trackingNo}`)).json()) as { items: { id: string }[] }
    ).items[0].id;
    await expect
      .poll(
        async () =>
          ((await (await dispatcher.request.get(`${env.baseUrl}/api/appeals/${id}/triage`)).json()) as { learnedAppeals: number })
            .learnedAppeals,
      )
      .toBe(TRAINING_APPEALS);

    // 1. The dispatcher opens the new appeal from 待派单 and presses 派单.
    await dispatcher.reload();
    await dispatcher.getByRole('tab', { name: /待派单/, selected: true }).waitFor();
    await dispatcher
      .getByRole('row', { name: new RegExp(misfiled.trackingNo) })
      .getByRole('link', { name: misfiled.trackingNo })
      .click();
    await dispatcher.getByRole('heading', { level: 1, name: new RegExp(`诉求 ${misfiled.trackingNo}`) }).waitFor();
    await dispatcher
      .getByRole('region', { name: '办理操作' })
      .getByRole('button', { name: buttonName('派单') })
      .click();
    const dialog = dispatcher.getByRole('dialog', { name: '派单' });
    await dialog.waitFor();

    // 2. 智能建议 names both with their confidence, and the form holds them, the citizen's choice noted.
    const hint = dialog.getByTestId('triage-hint');
    await hint.waitFor();
    const text = await hint.innerText();
    const match = new RegExp(`智能建议：分类 ${CANTEEN_CATEGORY}（置信度 (\\d+)%）、承办单位 ${CANTEEN_UNIT}（置信度 (\\d+)%）`).exec(text);
    expect(match, text).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(80);
    expect(Number(match![2])).toBeGreaterThanOrEqual(80);
    expect(text).toContain('其他可能：分类 物业维修');
    await dialog.getByTitle(CANTEEN_CATEGORY).waitFor();
    await dialog.getByTitle(CANTEEN_UNIT).waitFor();
    await dialog.getByText('群众所选为「物业维修」，派单后改为所选类别').waitFor();
    await expectAccessible(dispatcher, 'dispatch dialog with 智能建议');

    // 3. Dispatched as suggested: the appeal is now filed under 食堂餐饮 with 后勤保障部.
    await dialog.getByRole('button', { name: '确认派单' }).click();
    await dispatcher.getByText('派单成功').waitFor();
    const info = dispatcher.getByRole('region', { name: '诉求信息' });
    await info.getByText(`投诉 · ${CANTEEN_CATEGORY}`).waitFor();
    await info.getByText(CANTEEN_UNIT, { exact: true }).waitFor();
    await dispatcher.getByRole('region', { name: '办理过程' }).getByText(`诉求类别改为：${CANTEEN_CATEGORY}`).waitFor();
  });
});
