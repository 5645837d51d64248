import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/core/users';
import { buttonName, type E2eEnv, expectAccessible, openContext, PASSWORD, screenshotAll, startE2e } from './support';

/** A resident registers for a hearing on the phone, the organizer checks them in by typing the code, and the outcome reaches the resident. */

const TOPIC = '明远家园二期停车收费调整';
const OUTCOME = '同意分两年调整停车费，老年住户按月减免 30 元。';

let env: E2eEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  env = await startE2e();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

const DAY = 86_400_000;
const at = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

/** The organizer's account, and a public hearing it published through the API, open for registration now. */
async function publishedHearing() {
  await createUser(env.ctx.db, env.ctx.clock, env.ctx.crypto, {
    username: 'organizer',
    displayName: '吴组织',
    password: PASSWORD,
    orgId: env.orgs.committeeId,
    mustChangePassword: false,
    grants: [{ role: 'organizer', orgId: env.orgs.committeeId, scope: 'subtree' }],
  });
  const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'organizer', password: PASSWORD } });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/consult/hearings',
    headers: { cookie },
    payload: {
      kind: 'hearing',
      audience: 'public',
      topic: TOPIC,
      background: '物业拟将地面停车费由每月 150 元调整为 200 元，现公开听取业主意见。',
      place: '党群服务中心二楼会议室',
      registrationOpensAt: at(-1),
      registrationClosesAt: at(5),
      startsAt: at(6),
      endsAt: at(6.1),
      capacity: 20,
      speakerCap: 5,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id, version } = created.json() as { id: string; version: number };
  const published = await env.app.inject({
    method: 'POST',
    url: `/api/consult/hearings/${id}/transitions/publish`,
    headers: { cookie },
    payload: { version },
  });
  expect(published.statusCode, published.body).toBe(200);
  return id;
}

describe('a public hearing', () => {
  it('registers a resident on the phone, checks them in at the door by code, and shows them the published outcome', async () => {
    const hearingId = await publishedHearing();
    const phonePage = await (await openContext(env, contexts, 'phone')).newPage();
    try {
      await phonePage.goto(`${env.baseUrl}/`);
      await phonePage.getByRole('link', { name: /听证议事/ }).click();
      await phonePage.getByRole('link', { name: `听证会：${TOPIC}` }).click();
      await phonePage.getByRole('heading', { name: '我要报名' }).waitFor();
      expect(await phonePage.getByRole('link', { name: '添加到日历' }).getAttribute('href')).toBe(
        `/api/consult/hearings/${hearingId}/hearing.ics`,
      );
      await expectAccessible(phonePage, 'hearing registration form');

      await phonePage.getByLabel('姓名').fill('刘建国');
      await phonePage.getByLabel('手机号').fill('13812341234');
      await phonePage.getByRole('switch', { name: '我希望在会上发言' }).check();
      await phonePage.getByLabel(/我的观点/).fill('希望分档收费，照顾老年住户。');
      await phonePage.getByTestId('register-submit').click();
      await phonePage.getByTestId('check-in-card').waitFor();
      await expect.poll(() => phonePage.getByRole('img', { name: /签到二维码/ }).count()).toBe(1);
      const code = (await phonePage.getByTestId('check-in-code-value').innerText()).replace(/\s/g, '');
      expect(code).toMatch(/^[A-Z2-9]{8}$/);
      expect(await phonePage.getByTestId('registration-status').innerText()).toContain('报名成功');
      await expectAccessible(phonePage, 'hearing registration with its check-in code');

      // Straight to the door: the login returns to the check-in page it was sent from.
      const desk = await (await openContext(env, contexts, 'desktop')).newPage();
      await desk.goto(`${env.baseUrl}/console/login?next=${encodeURIComponent(`/console/hearings/${hearingId}/check-in`)}`);
      await desk.getByLabel('用户名', { exact: true }).fill('organizer');
      await desk.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await desk.getByRole('button', { name: buttonName('登录') }).click();
      await desk.waitForURL(`**/console/hearings/${hearingId}/check-in`);
      await desk.getByLabel(/签到码/).fill('ZZZZZZZZ');
      await desk.getByRole('button', { name: buttonName('签到') }).click();
      await expect.poll(() => desk.getByTestId('check-in-result').innerText()).toContain('签到码不正确');
      // A handheld scanner types the code and presses Enter. (After a request the button's name can keep
      // antd's leaving "loading" icon for a while, so the second code goes in the scanner's way.)
      await desk.getByLabel(/签到码/).fill(code.toLowerCase());
      await desk.getByLabel(/签到码/).press('Enter');
      await expect.poll(() => desk.getByTestId('check-in-result').innerText()).toContain('刘建国 签到成功');
      await expectAccessible(desk, 'check-in page');

      await desk.getByRole('link', { name: '返回会议' }).click();
      await desk.getByRole('button', { name: '标记为已召开' }).click();
      await desk.getByRole('button', { name: buttonName('确定') }).click();
      await desk.getByTestId('outcome-text').waitFor();
      await desk.getByTestId('outcome-text').fill(OUTCOME);
      await desk.getByRole('button', { name: '公布结果' }).click();
      await desk.getByRole('heading', { name: '已公布的结果' }).waitFor();

      await phonePage.reload();
      await phonePage.getByRole('link', { name: '查看议定结果' }).click();
      await expect.poll(() => phonePage.getByTestId('outcome-text').innerText()).toBe(OUTCOME);
      await expectAccessible(phonePage, 'hearing outcome page');
    } catch (error) {
      await screenshotAll(contexts, 'hearings');
      throw error;
    }
  });
});
