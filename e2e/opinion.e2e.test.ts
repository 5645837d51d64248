import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseSurgeAlerts } from '../src/modules/opinion';
import { buttonName, expectAccessible, fileAnonymously, openContext, screenshotAll, signIn, startE2e, type E2eEnv } from './support';

/**
 * 舆情 as the leader meets it: residents write about a broken lift within a day, the alert job finds
 * the surge, the leader sees it on the dashboard with the word cloud and the hot topic, takes it on,
 * answers it and publishes the answer, and a resident reads it on the public board.
 */

const LIFT = [
  '3号楼电梯故障停运两天了，老人上下楼很困难。',
  '电梯又坏了，电梯故障报修好几次没人来修。',
  '我们楼的电梯故障频繁，经常卡在半层，太吓人了。',
  '电梯故障停了一整天，孩子上学只能走楼梯。',
  '反映5号楼电梯故障问题，按钮失灵门关不上。',
  '电梯故障好几次了，物业说在等配件。',
];
const RESPONSE = '经查，3号楼、5号楼电梯主板老化，维保单位已更换配件，两部电梯本周五前恢复运行，期间物业安排人员协助老人上下楼。';

let env: E2eEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  env = await startE2e();
  for (const content of LIFT) {
    await fileAnonymously(env, content, false);
  }
  await env.ctx.events.drain();
  // The alert job runs every ten minutes; the test runs it once, now.
  expect(await raiseSurgeAlerts(env.ctx.db, env.ctx.clock)).toBe(1);
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

describe('the 舆情 dashboard', () => {
  it('shows the surge, takes it on, publishes the response, and the public board shows it', async ({ onTestFailed }) => {
    onTestFailed(() => screenshotAll(contexts, 'opinion'));
    const leader = await signIn(env, contexts, 'leader', '/console/dashboard');
    await leader.getByRole('menuitem', { name: '舆情监测' }).click();
    await leader.getByRole('heading', { level: 1, name: '舆情监测' }).waitFor();

    const alert = leader.getByRole('listitem').filter({ hasText: '相关诉求激增' });
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain('昨天和今天 6 件');
    expect(await alert.textContent()).toContain('待处置');
    await leader.getByTestId('opinion-word-cloud').waitFor();
    expect(await leader.getByTestId('opinion-word-cloud').getAttribute('aria-label')).toContain('电梯 6 件');
    expect(await leader.getByTestId('hot-topic').first().textContent()).toMatch(/电梯|故障/);
    await expectAccessible(leader, 'opinion dashboard');

    await alert.getByRole('button', { name: buttonName('知悉') }).click();
    await alert.getByText('孙书记 于').waitFor();
    expect(await alert.textContent()).toContain('已知悉');

    await alert.getByRole('button', { name: buttonName('回应') }).click();
    const dialog = leader.getByRole('dialog');
    await dialog.getByLabel('回应内容（查明的情况、已采取和将采取的措施）').fill(RESPONSE);
    await dialog.getByLabel('发布到公开栏（引导舆情，群众可见）').check();
    await dialog.getByRole('button', { name: buttonName('保存回应') }).click();
    await alert.getByText('已发布到公开栏').waitFor();
    expect(await alert.textContent()).toContain(RESPONSE);

    const resident = await (await openContext(env, contexts, 'phone')).newPage();
    await resident.goto(`${env.baseUrl}/h5/board`);
    const responses = resident.getByTestId('public-responses');
    await responses.getByRole('heading', { name: '回应关切' }).waitFor();
    expect(await responses.textContent()).toContain(RESPONSE);
  });
});
