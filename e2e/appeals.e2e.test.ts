import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonName, type E2eEnv, expectAccessible, makePng, openContext, screenshotAll, signIn, startE2e } from './support';

/**
 * The whole life of one appeal, through the UI only: a resident files it on a phone, the dispatch
 * centre sends it to 物业管理中心, the unit signs and replies, the resident reads the reply and rates
 * it, and the leader's dashboard counts it.
 */

const UNIT = '物业管理中心';
const CONTENT = '幸福小区 3 号楼电梯停运两天了，老人上下楼很不方便，希望尽快修好。';
const ADDRESS = '幸福小区 3 号楼';
const REPLY = '已联系电梯维保单位更换控制板，3 号楼电梯已于今天恢复运行。';

let env: E2eEnv;
const contexts: BrowserContext[] = [];

/** Opens the appeal from an inbox tab by its tracking number. */
async function openFromInbox(page: Page, tab: string, trackingNo: string): Promise<void> {
  const selected = page.getByRole('tab', { name: new RegExp(tab), selected: true });
  await selected.waitFor();
  const row = page.getByRole('row', { name: new RegExp(trackingNo) });
  await row.waitFor();
  await row.getByRole('link', { name: trackingNo }).click();
  await page.waitForURL('**/console/appeals/*');
  await page.getByRole('heading', { level: 1, name: new RegExp(`诉求 ${trackingNo}`) }).waitFor();
}

/** Presses an action button on the detail page, fills its dialog and confirms; waits until it is done. */
async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page
    .getByRole('region', { name: '办理操作' })
    .getByRole('button', { name: buttonName(action) })
    .click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.getByRole('button', { name: `确认${action}` }).click();
  await page.getByText(`${action}成功`).waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

const stateOf = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

beforeAll(async () => {
  env = await startE2e();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

describe('an appeal from a phone to the dashboard', () => {
  it('is filed, dispatched, signed, replied, rated and counted', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'appeals'));

    // 1. The resident files it on a phone, with a photo.
    const resident = await (await openContext(env, contexts, 'phone')).newPage();
    await resident.goto(`${env.baseUrl}/`);
    await resident.getByRole('link', { name: /我要反映/ }).click();
    await resident.waitForURL('**/h5/submit');
    await resident.getByRole('heading', { level: 1, name: '我要反映' }).waitFor();
    const category = resident.getByLabel('诉求类别');
    await category.getByRole('option', { name: env.categoryName }).waitFor({ state: 'attached' });
    await expectAccessible(resident, 'H5 submit page');

    await category.selectOption({ label: env.categoryName });
    await resident.getByLabel('诉求内容').fill(CONTENT);
    await resident.getByLabel('发生地点').fill(ADDRESS);
    await resident.getByLabel('您的姓名').fill('张大爷');
    await resident.getByLabel('手机号码').fill('13800138000');
    await resident.getByLabel('添加照片').setInputFiles({ name: 'elevator.png', mimeType: 'image/png', buffer: makePng() });
    await resident.getByRole('img', { name: '已选照片 1' }).waitFor();
    await resident.getByRole('button', { name: '提交', exact: true }).click();

    await resident.waitForURL('**/h5/submit/done');
    await resident.getByRole('heading', { name: '您的诉求已提交' }).waitFor();
    const trackingNo = (await resident.getByTestId('tracking-no').textContent())!.trim();
    const queryCode = (await resident.getByTestId('query-code').textContent())!.trim();
    expect(trackingNo).toMatch(/^\d{6,}/);
    expect(queryCode.length).toBeGreaterThanOrEqual(4);
    await expectAccessible(resident, 'H5 submit result page');

    // 2. The dispatcher finds it in 待派单 and sends it to the unit.
    const dispatcher = await signIn(env, contexts, 'dispatcher', '/console/inbox');
    await openFromInbox(dispatcher, '待派单', trackingNo);
    await expect.poll(() => stateOf(dispatcher)).toContain('待派单');
    await dispatcher.getByText(CONTENT).waitFor();
    const photo = dispatcher.getByRole('img', { name: '诉求照片 1' });
    await photo.waitFor();
    await expect
      .poll(() => photo.evaluate((image: { complete: boolean; naturalWidth: number }) => image.complete && image.naturalWidth))
      .toBe(64);

    await dispatcher.goBack();
    await dispatcher.getByRole('row', { name: new RegExp(trackingNo) }).waitFor();
    await expectAccessible(dispatcher, 'console inbox (待派单)');
    await openFromInbox(dispatcher, '待派单', trackingNo);

    await expectAccessible(dispatcher, 'console appeal detail');
    await act(dispatcher, '派单', async (dialog) => {
      // antd's Select: its role="option" nodes are an invisible a11y mirror, the visible items carry the label as title.
      await dialog.getByRole('combobox', { name: '承办单位' }).fill(UNIT);
      await dispatcher.locator('.ant-select-dropdown').getByTitle(UNIT).click();
      await dialog.getByTitle(UNIT).waitFor();
      await dialog.getByLabel('派单说明').fill('请尽快联系群众，核实后安排维修。');
    });
    await expect.poll(() => stateOf(dispatcher)).toContain('待签收');

    // 3. The handler signs it in 待签收 and replies.
    const handler = await signIn(env, contexts, 'handler', '/console/todo');
    await openFromInbox(handler, '待签收', trackingNo);
    await act(handler, '签收');
    await expect.poll(() => stateOf(handler)).toContain('已签收');
    await act(handler, '答复', async (dialog) => {
      await dialog.getByLabel('答复内容').fill(REPLY);
    });
    // 4. Reply review (reviewReplies) is off by default: the reply goes straight to the resident.
    await expect.poll(() => stateOf(handler)).toContain('待评价');

    // 5. The resident looks it up with the two codes, reads the reply and rates 满意.
    await resident.goto(`${env.baseUrl}/h5/track`);
    await resident.getByLabel('受理编号').fill(trackingNo);
    await resident.getByLabel('查询码').fill(queryCode);
    await resident.getByRole('button', { name: '查询', exact: true }).click();
    const reply = resident.getByRole('region', { name: '办理答复' });
    await reply.getByText(REPLY).waitFor();
    const status = resident.getByRole('region', { name: '办理状态' });
    await status.getByText('待评价').waitFor();
    await status.getByText(UNIT).waitFor();
    await expectAccessible(resident, 'H5 tracking page with the reply and the rating form');

    const rating = resident.getByRole('region', { name: '评价办理结果' });
    await rating.getByRole('radio', { name: '满意', exact: true }).check();
    await rating.getByRole('radio', { name: '已解决', exact: true }).check();
    await rating.getByLabel('还想说的话').fill('修得很快，谢谢！');
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rating.waitFor({ state: 'detached' });
    await status.getByText('已办结').waitFor();
    expect(await status.getByRole('definition').allInnerTexts()).toContain('满意');

    // 6. The leader's dashboard counts it for the unit: 1 dispatched, every rate 100%.
    const leader = await signIn(env, contexts, 'leader', '/console/dashboard');
    await leader.getByRole('heading', { level: 1, name: '数据看板' }).waitFor();
    const row = leader.getByRole('row', { name: new RegExp(UNIT) });
    await row.getByRole('link', { name: `${UNIT} 派单 1 件，查看清单` }).waitFor();
    const cells = (await row.getByRole('cell').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    // 排名, 承办单位, 派单量, 响应率, 解决率, 满意率, 综合得分
    expect(cells[0]).toBe('1');
    expect(cells[1]).toBe(UNIT);
    expect(cells[2]).toBe('1');
    expect(cells[3]).toMatch(/^100\.0%/);
    expect(cells[4]).toMatch(/^100\.0%/);
    expect(cells[5]).toBe('100.0% 满意 1 · 不满意 0');
    expect(cells[6]).toBe('100.0');
    await expectAccessible(leader, 'console dashboard');
  });
});
