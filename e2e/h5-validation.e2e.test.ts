import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, phone, screenshotAll, startE2e, type E2eEnv } from './support';

/** What a resident sees when the phone form is not filled in right: Chinese messages, nothing sent. */

let env: E2eEnv;
const contexts: BrowserContext[] = [];

async function phonePage(): Promise<Page> {
  const context = await phone(env.browser);
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context.newPage();
}

/** The message tied to a control by aria-describedby, as a screen reader would announce it. */
async function description(page: Page, label: string): Promise<string> {
  const ids = (await page.getByLabel(label).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(' ').trim();
}

const focusedId = (page: Page) => page.evaluate('document.activeElement && document.activeElement.id');

beforeAll(async () => {
  env = await startE2e();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

describe('the H5 pages with bad input', () => {
  it('the submit form names each missing or wrong field and sends nothing', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'h5-submit-invalid'));
    const page = await phonePage();
    const submits: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/public/appeals') {
        submits.push(request.url());
      }
    });
    await page.goto(`${env.baseUrl}/h5/submit`);
    const category = page.getByLabel('诉求类别');
    await category.getByRole('option', { name: env.categoryName }).waitFor({ state: 'attached' });

    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('还有内容需要补充，请看标红的地方').waitFor();
    const alerts = page.getByRole('alert');
    await expect
      .poll(() => alerts.allInnerTexts())
      .toEqual([
        '请选择诉求类别',
        '请填写您要反映的事情',
        '请填写您的姓名（不想留名可以打开“匿名反映”）',
        '请填写手机号码，方便工作人员联系您',
      ]);
    expect(await category.getAttribute('aria-invalid')).toBe('true');
    expect(await description(page, '诉求内容')).toBe('请填写您要反映的事情');
    // The first field in error takes the focus, so a screen reader user lands on it.
    await expect.poll(() => focusedId(page)).toBe('submit-category');
    await expectAccessible(page, 'H5 submit page with errors');

    await category.selectOption({ label: env.categoryName });
    await page.getByLabel('诉求内容').fill('太短了');
    await page.getByLabel('您的姓名').fill('张大爷');
    await page.getByLabel('手机号码').fill('12345');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => alerts.allInnerTexts()).toEqual(['请把事情说清楚一些，至少 5 个字', '请输入正确的 11 位手机号码']);
    expect(await description(page, '手机号码')).toBe('请输入正确的 11 位手机号码');
    expect(await category.getAttribute('aria-invalid')).toBe('false');
    await expect.poll(() => focusedId(page)).toBe('submit-content');

    expect(submits).toEqual([]);
  });

  it('the tracking page asks for both codes and says when they do not match', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'h5-track-invalid'));
    const page = await phonePage();
    await page.goto(`${env.baseUrl}/h5/track`);
    const query = page.getByRole('button', { name: '查询', exact: true });

    await query.click();
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toEqual(['请输入受理编号', '请输入查询码']);
    await expect.poll(() => focusedId(page)).toBe('track-no');

    await page.getByLabel('受理编号').fill('20260101000000');
    await page.getByLabel('查询码').fill('ZZZZZZ');
    await query.click();
    await page.getByRole('alert').filter({ hasText: '受理编号或查询码不正确' }).waitFor();
    expect(await page.getByRole('region', { name: '办理状态' }).count()).toBe(0);
    await expectAccessible(page, 'H5 tracking page with an error');
  });
});
