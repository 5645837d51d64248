import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/core/users';
import { buttonName, type E2eEnv, expectAccessible, openContext, PASSWORD, screenshotAll, signIn, startE2e } from './support';

/** A worker imports and publishes a survey in the console, two residents answer on their phones, and the chart counts both. */

const TITLE = '职工食堂满意度调查';
const QUESTIONNAIRE = {
  elements: [{ type: 'radiogroup', name: 'canteen', title: '您对职工食堂满意吗？', isRequired: true, choices: ['满意', '一般', '不满意'] }],
};

let env: E2eEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  env = await startE2e();
  await createUser(env.ctx.db, env.ctx.clock, env.ctx.crypto, {
    username: 'organizer',
    displayName: '党群干事',
    password: PASSWORD,
    orgId: env.orgs.committeeId,
    mustChangePassword: false,
    grants: [{ role: 'organizer', orgId: env.orgs.committeeId, scope: 'subtree' }],
  });
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

async function answerOnPhone(link: string, choice: string) {
  const page = await (await openContext(env, contexts, 'phone')).newPage();
  await page.goto(link);
  await page.getByText('您对职工食堂满意吗？').waitFor();
  await page.getByText(choice, { exact: true }).click();
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL('**/done');
  await page.getByText('感谢您的参与！').waitFor();
  return page;
}

describe('a public survey', () => {
  it('is published in the console, answered on two phones, and charted with both answers', async () => {
    try {
      const desk = await signIn(env, contexts, 'organizer', '/console/elections');
      await desk.goto(`${env.baseUrl}/console/surveys/new`);
      await desk.getByLabel('问卷标题').fill(TITLE);
      await desk.getByRole('button', { name: '导入 JSON' }).click();
      await desk.getByRole('textbox', { name: 'SurveyJS JSON' }).fill(JSON.stringify(QUESTIONNAIRE));
      await desk.getByRole('button', { name: buttonName('导入') }).click();
      await desk.getByTestId('question-0').waitFor();
      await desk.getByRole('button', { name: '保存草稿' }).click();
      await desk.waitForURL(/\/console\/surveys\/[0-9a-f-]{36}$/);
      await desk.getByRole('button', { name: buttonName('发布') }).click();
      await desk.getByRole('button', { name: buttonName('确定') }).click();
      const link = (await desk.getByTestId('public-link').textContent())!.trim();
      expect(link).toContain('/h5/surveys/');

      const first = await answerOnPhone(link, '满意');
      await expectAccessible(first, 'survey thank-you page');
      await answerOnPhone(link, '一般');

      await desk.reload();
      await desk.getByTestId('answer-count').filter({ hasText: '2' }).waitFor();
      const label = await desk.getByTestId('chart-canteen').getAttribute('aria-label');
      expect(label).toBe('您对职工食堂满意吗？：满意 1 人，一般 1 人，不满意 0 人');
      await expectAccessible(desk, 'survey results');
    } catch (error) {
      await screenshotAll(contexts, 'surveys');
      throw error;
    }
  });
});
