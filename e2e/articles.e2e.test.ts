import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonName, desktop, type E2eEnv, expectAccessible, PASSWORD, screenshotAll, startE2e } from './support';

/** A worker pastes a scraped article, checks what 识别 found, saves it, and finds it in the list. */

const ARTICLES = path.resolve(import.meta.dirname, '../../shared/fixtures/articles');
const page000 = readFileSync(
  path.join(
    ARTICLES,
    readdirSync(ARTICLES).find((name) => name.startsWith('000'))!,
  ),
  'utf8',
);
const TITLE = '不忘初心牢记使命 扎实做好党群工作';

let env: E2eEnv;
let context: BrowserContext | undefined;

beforeAll(async () => {
  env = await startE2e();
});

afterAll(async () => {
  await context?.close();
  await env?.close();
});

describe('importing an article in the console', () => {
  it('recognises the pasted page, lets the worker check it, saves it and lists it', async () => {
    context = await desktop(env.browser);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await page.goto(`${env.baseUrl}/console/login`);
      await page.getByLabel('用户名', { exact: true }).fill('dispatcher');
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: buttonName('登录') }).click();
      await page.waitForURL('**/console/inbox');

      await page.getByRole('navigation', { name: '主菜单' }).getByText('文章导入').click();
      await page.waitForURL('**/console/article-import');
      await page.getByLabel('网页上复制的文章内容').fill(page000);
      await page.getByRole('button', { name: buttonName('识别') }).click();
      await page.getByRole('heading', { name: '2. 核对识别结果' }).waitFor();

      expect(await page.getByLabel('标题', { exact: true }).inputValue()).toBe(TITLE);
      expect(await page.getByLabel('作者', { exact: true }).inputValue()).toBe('赵淑花');
      expect(await page.getByLabel('期号').inputValue()).toBe('2019年19期');
      await page.getByRole('button', { name: /已去除的内容/ }).click();
      await page.getByText('页尾推荐').first().waitFor();
      await expectAccessible(page, 'article import, reviewing');

      await page.getByRole('button', { name: buttonName('保存') }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByText('党员干部', { exact: true }).waitFor();
      await expectAccessible(page, 'article detail');

      await page.getByRole('button', { name: '文章列表' }).click();
      await page.getByRole('link', { name: TITLE }).waitFor();
      await expectAccessible(page, 'article list');
    } catch (error) {
      await screenshotAll([context], 'articles');
      throw error;
    }
  });
});
