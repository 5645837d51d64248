import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/core/users';
import { buttonName, type E2eEnv, expectAccessible, PASSWORD, screenshotAll, signIn, startE2e } from './support';

/** The system admin adds a word to the domain dictionary and sees the sentence cut with it in 试一试. */

let env: E2eEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  env = await startE2e();
  await createUser(env.ctx.db, env.ctx.clock, env.ctx.crypto, {
    username: 'sysadmin',
    displayName: '系统管理员',
    password: PASSWORD,
    orgId: env.orgs.committeeId,
    adminRole: 'sysadmin',
    mustChangePassword: false,
    grants: [],
  });
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

describe('text settings in the console', () => {
  it('keeps a word the admin adds whole when a sentence is cut', async () => {
    try {
      const page = await signIn(env, contexts, 'sysadmin', '/console/admin/users');
      await page.getByRole('navigation', { name: '主菜单' }).getByText('文本与诉求设置').click();
      await page.getByRole('heading', { level: 1, name: '文本与诉求设置' }).waitFor();
      await page.getByText('新词只对之后写入的内容生效，已有内容可由管理员重建索引', { exact: false }).waitFor();

      const dictionary = page.getByRole('region', { name: '领域词典' });
      const result = dictionary.getByRole('list', { name: '切分结果' });
      await dictionary.getByRole('textbox', { name: '试一试' }).fill('请把暖心食堂开到周末');
      await dictionary.getByRole('button', { name: buttonName('切分') }).click();
      await result.getByText('食堂', { exact: true }).waitFor();
      expect(await result.getByText('暖心食堂', { exact: true }).count()).toBe(0);

      await dictionary.getByRole('textbox', { name: '新的领域词' }).fill('暖心食堂');
      // The button's name starts with its icon's label (plus).
      await dictionary.getByRole('button', { name: /添\s*加$/ }).click();
      await dictionary.getByRole('list', { name: '领域词列表' }).getByText('暖心食堂', { exact: true }).waitFor();
      expect(await dictionary.getByRole('textbox', { name: '新的领域词' }).inputValue()).toBe('');

      await dictionary.getByRole('button', { name: buttonName('切分') }).click();
      await result.getByText('暖心食堂', { exact: true }).waitFor();
      expect(await result.getByText('食堂', { exact: true }).count()).toBe(0);
      await page.getByRole('region', { name: '危险信号词' }).getByRole('list', { name: '危险信号词列表' }).getByText('燃气泄漏').waitFor();
      await expectAccessible(page, 'text settings');
    } catch (error) {
      await screenshotAll(contexts, 'text-settings');
      throw error;
    }
  });
});
