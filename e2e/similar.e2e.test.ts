import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openContext, screenshotAll, signIn, startE2e, type E2eEnv, fileAnonymously, type FiledAppeal } from './support';

/**
 * Near duplicates as people meet them: a resident writing about a street light another resident has
 * already reported (publicly) is told "这个问题已有人反映" while typing and adds a vote instead of filing
 * again; the dispatcher opening a new appeal about the same light sees the earlier one under
 * 疑似重复诉求 with its similarity and merges the new one into it.
 */

const EARLIER = '幸福小区5号楼门口的路灯坏了一个多星期，晚上黑漆漆的，老人出门很不安全，希望尽快修好。';
const TYPED = '幸福小区5号楼门口的路灯坏了，晚上太黑';
const DUPLICATE = '幸福小区5号楼门口路灯不亮好几天了，晚上走路看不清，老人容易摔倒，请尽快维修。';

let env: E2eEnv;
const file = (content: string, publicable: boolean) => fileAnonymously(env, content, publicable);
const contexts: BrowserContext[] = [];

/** Waits until the search index (updated after each commit) offers the appeal for the text. */
async function offered(content: string, trackingNo: string): Promise<void> {
  await expect
    .poll(async () => {
      const response = await fetch(`${env.baseUrl}/api/public/appeals/similar`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ content }),
      });
      const body = (await response.json()) as { items: { trackingNo: string }[] };
      return body.items.map((item) => item.trackingNo);
    })
    .toContain(trackingNo);
}

/** Opens the submit form on a phone and waits until its categories are there. */
async function openForm(): Promise<Page> {
  const page = await (await openContext(env, contexts, 'phone')).newPage();
  await page.goto(`${env.baseUrl}/h5/submit`);
  await page.getByRole('heading', { level: 1, name: '我要反映' }).waitFor();
  await page.getByLabel('诉求类别').getByRole('option', { name: env.categoryName }).waitFor({ state: 'attached' });
  return page;
}

const stateOf = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

let earlier: FiledAppeal;

beforeAll(async () => {
  env = await startE2e();
  earlier = await file(EARLIER, true);
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

describe('the H5 form while the resident types', () => {
  it('offers the appeal already filed about the same problem, and takes a vote for it', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'similar-h5'));
    await offered(TYPED, earlier.trackingNo);
    const resident = await openForm();
    const lookups: string[] = [];
    resident.on('request', (request) => {
      if (request.url().endsWith('/api/public/appeals/similar')) {
        lookups.push(request.postData() ?? '');
      }
    });

    // 1. Typing, one character after another: the form asks once the typing pauses, not per keystroke.
    const content = resident.getByLabel('诉求内容');
    await content.click();
    await content.pressSequentially(TYPED, { delay: 40 });
    const notice = resident.getByTestId('similar-notice');
    await notice.getByRole('heading', { name: '这个问题已有人反映' }).waitFor();
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    expect(lookups.length).toBeLessThan(3);
    expect(JSON.parse(lookups.at(-1)!)).toEqual({ content: TYPED });

    const item = notice.getByTestId(`similar-item-${earlier.trackingNo}`);
    await item.getByText(env.categoryName).waitFor();
    await item.getByText('待派单').waitFor();
    await expect.poll(() => item.innerText()).toContain('幸福小区5号楼门口的路灯坏了');
    expect(await item.getByTestId('similar-support-count').count()).toBe(0);
    await expectAccessible(resident, 'H5 submit form with the similar appeals notice');

    // 2. 我也遇到了: the vote counts, the button says so, and the confirmation names the appeal.
    await item.getByRole('button', { name: '我也遇到了' }).click();
    await expect.poll(() => item.getByTestId('similar-support-count').textContent()).toBe('1 人也遇到了');
    await item.getByRole('button', { name: '已加一票' }).waitFor();
    const confirmation = resident.getByRole('status').filter({ hasText: '已为该诉求加一票' });
    await expect.poll(() => confirmation.innerText()).toContain(earlier.trackingNo);
    await expectAccessible(resident, 'H5 submit form after 我也遇到了');

    // 3. A different matter after all: the notice steps aside and the resident writes on.
    await notice.getByRole('button', { name: '不是同一件事，继续填写我的诉求' }).click();
    await notice.getByRole('heading', { name: '这个问题已有人反映' }).waitFor({ state: 'detached' });
    expect(await resident.locator('textarea#submit-content:focus').count()).toBe(1);
    await confirmation.waitFor();
  });

  it('stays silent when the lookup fails, and the appeal is filed as usual', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'similar-h5-failing'));
    const resident = await openForm();
    let failed = 0;
    await resident.route('**/api/public/appeals/similar', async (route) => {
      failed += 1;
      await route.fulfill({ status: 429, contentType: 'application/json', body: '{"code":"RATE_LIMITED","message":"操作过于频繁"}' });
    });
    await resident.getByLabel('诉求类别').selectOption({ label: env.categoryName });
    await resident.getByLabel('诉求内容').fill(TYPED);
    await expect.poll(() => failed).toBeGreaterThanOrEqual(1);
    expect(await resident.getByRole('alert').count()).toBe(0);
    expect(await resident.getByText('这个问题已有人反映').count()).toBe(0);
    await resident.getByRole('switch', { name: '匿名反映' }).check();
    await resident.getByRole('button', { name: '提交', exact: true }).click();
    await resident.waitForURL('**/h5/submit/done');
    await resident.getByRole('heading', { name: '您的诉求已提交' }).waitFor();
  });
});

describe('the appeal detail in the console', () => {
  it('lists the likely duplicate with its similarity and merges the new appeal into it', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'similar-console'));
    await offered(DUPLICATE, earlier.trackingNo);
    const duplicate = await file(DUPLICATE, false);
    const dispatcher = await signIn(env, contexts, 'dispatcher', '/console/inbox');

    // 1. The dispatcher opens the new appeal from 待派单.
    await dispatcher.getByRole('tab', { name: /待派单/, selected: true }).waitFor();
    const row = dispatcher.getByRole('row', { name: new RegExp(duplicate.trackingNo) });
    await row.getByRole('link', { name: duplicate.trackingNo }).click();
    await dispatcher.getByRole('heading', { level: 1, name: new RegExp(`诉求 ${duplicate.trackingNo}`) }).waitFor();

    // 2. 疑似重复诉求 shows the earlier one: its number, similarity, state, unit, preview and the resident's vote.
    const card = dispatcher.getByRole('region', { name: '疑似重复诉求' });
    const candidate = card.getByRole('listitem').filter({ hasText: earlier.trackingNo });
    await candidate.waitFor();
    const text = await candidate.innerText();
    const similarity = Number(/相似度 (\d+)%/.exec(text)?.[1]);
    expect(similarity).toBeGreaterThanOrEqual(30);
    expect(similarity).toBeLessThanOrEqual(100);
    expect(text).toContain('待派单');
    expect(text).toContain('未派单');
    expect(text).toContain('附议 1 人');
    expect(text).toContain('幸福小区5号楼门口的路灯坏了');
    await candidate.getByRole('link', { name: earlier.trackingNo }).waitFor();
    await expectAccessible(dispatcher, 'console appeal detail with 疑似重复诉求');

    // 3. 并入此件, confirmed: the new appeal is merged into the earlier one, and the card is gone.
    await candidate.getByRole('button', { name: `并入此件 ${earlier.trackingNo}` }).click();
    const dialog = dispatcher.getByRole('dialog', { name: `并入 ${earlier.trackingNo}？` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '确认并入' }).click();
    await dispatcher.getByText(`已并入 ${earlier.trackingNo}`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => stateOf(dispatcher)).toContain('已并单');
    await card.waitFor({ state: 'detached' });
    const info = dispatcher.getByRole('region', { name: '诉求信息' });
    await info.getByText('已并入').waitFor();

    // 4. The earlier appeal, the master, lists the duplicate and counts one more voice.
    await info.getByRole('link', { name: '查看主件' }).click();
    await dispatcher.getByRole('heading', { level: 1, name: new RegExp(`诉求 ${earlier.trackingNo}`) }).waitFor();
    const master = dispatcher.getByRole('region', { name: '诉求信息' });
    await master.getByRole('link', { name: duplicate.trackingNo }).waitFor();
    await master.getByText('附议 2 人').waitFor();
  });
});
