import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonName, type E2eEnv, expectAccessible, openContext, screenshotAll, signIn, startE2e, fileAnonymously } from './support';

/**
 * Search as the people who use it search: a dispatcher types into the console header's search box,
 * sees the appeal with the hit marked, opens it with the keyboard, finds a Simplified appeal with a
 * Traditional query and narrows the full results with the inbox's filters; a resident searches the
 * public board on a phone. The appeals are filed and handled through the app's own API.
 */

const STREET_LIGHT = '光明小区北门的路灯坏了半个月，夜里老人出门很危险。';
const HEATING = '锦绣家园三号楼暖气不热，室温只有十二度，老人孩子都冻得受不了。';
const BOARD_RUBBISH = '幸福小区东门的垃圾清运不及时，垃圾桶满了好几天，气味很大，影响居民生活。';
const BOARD_PARKING = '和平里小区地下车库的照明一直不亮，晚上停车很不方便。';

let env: E2eEnv;
const file = (content: string, publicable = false) => fileAnonymously(env, content, publicable);
const contexts: BrowserContext[] = [];

/** The appeal's id, as the signed-in worker's inbox lists it. */
async function idOf(worker: Page, trackingNo: string): Promise<string> {
  const response = await worker.request.get(`${env.baseUrl}/api/appeals?box=all&pageSize=100`);
  expect(response.status()).toBe(200);
  const page = (await response.json()) as { items: { id: string; trackingNo: string }[] };
  return page.items.find((item) => item.trackingNo === trackingNo)!.id;
}

/** One workflow action through the API, with the signed-in worker's session (the page's cookies). */
async function act(worker: Page, id: string, action: string, body: Record<string, unknown> = {}): Promise<void> {
  const detail = await worker.request.get(`${env.baseUrl}/api/appeals/${id}`);
  const { version } = (await detail.json()) as { version: number };
  const response = await worker.request.post(`${env.baseUrl}/api/appeals/${id}/${action}`, { data: { version, ...body } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Waits until the search index (updated after each commit) finds the appeal. */
async function indexed(worker: Page, query: string, trackingNo: string): Promise<void> {
  await expect
    .poll(async () => {
      const response = await worker.request.get(`${env.baseUrl}/api/appeals/search?q=${encodeURIComponent(query)}`);
      const page = (await response.json()) as { items: { trackingNo: string }[] };
      return page.items.map((item) => item.trackingNo);
    })
    .toContain(trackingNo);
}

const marks = (scope: Locator) => scope.locator('mark').allInnerTexts();

beforeAll(async () => {
  env = await startE2e();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

describe('the console header search', () => {
  it('finds appeals as the dispatcher types, in either script, and opens the full results with filters', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'search-console'));

    const light = await file(STREET_LIGHT);
    const heating = await file(HEATING);
    const dispatcher = await signIn(env, contexts, 'dispatcher', '/console/inbox');
    const lightId = await idOf(dispatcher, light.trackingNo);
    await indexed(dispatcher, '路灯', light.trackingNo);
    await indexed(dispatcher, '暖气', heating.trackingNo);

    // 1. Typing a word shows the matching appeal, the hit marked, and only that one.
    const box = dispatcher.getByRole('combobox', { name: '搜索诉求' });
    await box.click();
    await box.pressSequentially('路灯', { delay: 60 });
    const list = dispatcher.getByRole('listbox', { name: '搜索结果' });
    const hit = list.getByRole('option', { name: new RegExp(light.trackingNo) });
    await hit.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => marks(hit)).toEqual(['路灯']);
    await expect.poll(() => hit.innerText()).toContain('待派单');
    await expect.poll(() => hit.innerText()).toContain(env.categoryName);
    await expect.poll(() => list.getByRole('option').allInnerTexts()).toHaveLength(2);
    expect(await list.getByRole('option', { name: new RegExp(heating.trackingNo) }).count()).toBe(0);
    await list.getByRole('option', { name: /查看全部结果（共 1 条）/ }).waitFor();
    await expectAccessible(dispatcher, 'console header search with its results');

    // 2. ↓ then Enter opens the appeal.
    await box.press('ArrowDown');
    await expect.poll(() => hit.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await hit.getAttribute('id'));
    await box.press('Enter');
    await dispatcher.waitForURL(`**/console/appeals/${lightId}`);
    await dispatcher.getByRole('heading', { level: 1, name: new RegExp(`诉求 ${light.trackingNo}`) }).waitFor();
    await dispatcher.getByText(STREET_LIGHT).waitFor();

    // 3. A Traditional query finds the Simplified text, marked as written; Esc closes the list.
    await box.fill('路燈');
    const traditionalHit = list.getByRole('option', { name: new RegExp(light.trackingNo) });
    await traditionalHit.waitFor();
    await list.getByRole('option', { name: /查看全部结果（共 1 条）/ }).waitFor();
    expect(await marks(traditionalHit)).toEqual(['路灯']);
    await box.press('Escape');
    await list.waitFor({ state: 'detached' });
    expect(await box.getAttribute('aria-expanded')).toBe('false');

    // 4. ↑ from the top reaches "查看全部结果", which opens the full results page.
    await box.press('ArrowUp');
    await list.getByRole('option', { name: /查看全部结果/, selected: true }).waitFor();
    await box.press('Enter');
    await dispatcher.waitForURL((url) => url.pathname === '/console/search' && url.searchParams.get('q') === '路燈');
    await dispatcher.getByRole('heading', { level: 1, name: '搜索诉求' }).waitFor();
    const summary = dispatcher.getByTestId('search-summary');
    await expect.poll(() => summary.innerText()).toBe('“路燈”共找到 1 条诉求');
    const row = dispatcher.getByRole('row', { name: new RegExp(light.trackingNo) });
    await row.waitFor();
    expect(await marks(row)).toEqual(['路灯']);
    await dispatcher.getByText('共 1 条').waitFor();
    await expectAccessible(dispatcher, 'console search results page');

    // 5. The text combines with the inbox's filters: 已办结 finds nothing; 重置筛选 keeps the text and finds it again.
    const filters = dispatcher.getByRole('region', { name: '搜索条件' });
    await filters.getByRole('combobox', { name: '状态' }).click();
    await dispatcher.locator('.ant-select-dropdown:visible').getByTitle('已办结').click();
    await filters.getByRole('button', { name: buttonName('搜索') }).click();
    await dispatcher.waitForURL((url) => url.searchParams.get('state') === 'closed');
    await dispatcher.getByText('在所选条件下没有找到与“路燈”相关的诉求，可以放宽筛选条件再试。').waitFor();
    await expect.poll(() => summary.innerText()).toBe('“路燈”（已按筛选条件）共找到 0 条诉求');
    await filters.getByRole('button', { name: '重置筛选' }).click();
    await dispatcher.waitForURL((url) => url.pathname === '/console/search' && !url.searchParams.has('state'));
    await row.waitFor();
    expect(dispatcher.url()).toContain(`q=${encodeURIComponent('路燈')}`);

    // 6. A word nothing contains says so in the dropdown; Enter goes to the full page.
    await box.fill('火星基地');
    await dispatcher.getByTestId('header-search-dropdown').getByText('没有找到与“火星基地”相关的诉求').waitFor();
    await box.press('Enter');
    await dispatcher.waitForURL((url) => url.pathname === '/console/search' && url.searchParams.get('q') === '火星基地');
    await dispatcher.getByText('没有找到与“火星基地”相关的诉求，可以换个说法或少输几个字再试。').waitFor();
  });
});

describe('the public board search', () => {
  it('finds a closed public appeal by a Traditional query and keeps the category filter', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'search-board'));

    // Two appeals the residents agreed to publish, replied and rated, so the board shows them.
    const dispatcher = await signIn(env, contexts, 'dispatcher', '/console/inbox');
    const handler = await signIn(env, contexts, 'handler', '/console/todo');
    const filedNos: string[] = [];
    for (const content of [BOARD_RUBBISH, BOARD_PARKING]) {
      const filed = await file(content, true);
      filedNos.push(filed.trackingNo);
      const id = await idOf(dispatcher, filed.trackingNo);
      await act(dispatcher, id, 'dispatch', { unitId: env.orgs.unitId });
      await act(handler, id, 'sign');
      await act(handler, id, 'reply', { text: '已安排处理，问题已经解决，感谢您的反映。' });
      const rated = await fetch(`${env.baseUrl}/api/public/appeals/rate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...filed, satisfaction: 'satisfied', resolved: true }),
      });
      expect(rated.status).toBe(200);
    }
    const [rubbishNo] = filedNos;
    // The board is searched through the index, which follows each change after it commits.
    await expect.poll(async () => (await boardTrackingNos('垃圾')).join()).toBe(rubbishNo);

    const resident = await (await openContext(env, contexts, 'phone')).newPage();
    await resident.goto(`${env.baseUrl}/h5/board`);
    await resident.getByRole('heading', { level: 1, name: '公开栏' }).waitFor();
    await resident.getByText('共 2 条').waitFor();

    const searchBox = resident.getByRole('search', { name: '搜索公开栏' }).getByRole('searchbox');
    await searchBox.fill('垃圾清運');
    await resident.getByText('找到 1 条与“垃圾清運”相关的诉求').waitFor();
    await resident.getByTestId(`board-item-${rubbishNo}`).getByText(BOARD_RUBBISH).waitFor();
    expect(await resident.getByText(BOARD_PARKING).count()).toBe(0);
    await expectAccessible(resident, 'H5 board searched');

    // The category filter still applies, together with the text.
    await resident.getByLabel('按类别查看').selectOption({ label: `投诉 · ${env.categoryName}` });
    await resident.getByText('找到 1 条与“垃圾清運”相关的诉求').waitFor();

    await searchBox.fill('火星基地');
    await searchBox.press('Enter');
    await resident.getByText('没有找到与“火星基地”相关的公开诉求，可以换个说法再试。').waitFor();

    await resident.getByRole('button', { name: '清除' }).click();
    await resident.getByText('共 2 条').waitFor();
    expect(await searchBox.inputValue()).toBe('');
  });
});

async function boardTrackingNos(query: string): Promise<string[]> {
  const response = await fetch(`${env.baseUrl}/api/public/board?q=${encodeURIComponent(query)}`);
  const board = (await response.json()) as { items: { trackingNo: string }[] };
  return board.items.map((item) => item.trackingNo);
}
