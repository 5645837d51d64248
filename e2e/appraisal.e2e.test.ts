import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../src/core/orgs';
import { createUser } from '../src/core/users';
import { buttonName, type E2eEnv, expectAccessible, openContext, PASSWORD, screenshotAll, signIn, startE2e } from './support';

/** A member writes a self-appraisal and rates the branch on the phone; the committee reads the tally and sets the grades. */

let env: E2eEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  env = await startE2e();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

async function account(
  username: string,
  displayName: string,
  orgId: string,
  role: 'organizer' | 'member',
  scope: 'org' | 'subtree' = 'org',
) {
  const user = await createUser(env.ctx.db, env.ctx.clock, env.ctx.crypto, {
    username,
    displayName,
    password: PASSWORD,
    orgId,
    mustChangePassword: false,
    grants: [{ role, orgId, scope }],
  });
  const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const call = (method: 'GET' | 'POST', url: string, payload?: object) => env.app.inject({ method, url, payload, headers: { cookie } });
  return { user, call };
}

describe('democratic appraisal', () => {
  it('takes a member’s self-appraisal and anonymous ratings on the phone, then the committee’s grades', async () => {
    const branch = await createOrg(env.ctx.db, env.ctx.clock, { name: '机关第一党支部', kind: 'branch', parentId: env.orgs.committeeId });
    const organizer = await account('organizer', '林组织', env.orgs.committeeId, 'organizer', 'subtree');
    const names = ['陈立新', '赵建华', '钱秀兰', '孙志强', '李红梅'];
    const members = [];
    for (const [index, name] of names.entries()) {
      members.push(await account(index === 0 ? 'member' : `member${index}`, name, branch.id, 'member'));
    }
    const created = await organizer.call('POST', '/api/consult/appraisals', { orgId: branch.id, year: 2025 });
    const id = created.json().id as string;

    const phonePage = await (await openContext(env, contexts, 'phone')).newPage();
    try {
      await phonePage.goto(`${env.baseUrl}/console/login?next=/h5/appraisals`);
      await phonePage.getByLabel('用户名', { exact: true }).fill('member');
      await phonePage.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await phonePage.getByRole('button', { name: buttonName('登录') }).click();
      await phonePage.waitForURL('**/h5/appraisals');
      await phonePage.getByRole('link', { name: /2025 年度民主评议党员/ }).click();
      await phonePage.getByLabel(/总结一年来/).fill('这一年坚持学习党的理论，按时参加组织生活，带头完成部门重点工作。');
      await phonePage.getByRole('button', { name: '保存自评' }).click();
      await phonePage.getByText('已保存。').waitFor();
      await expectAccessible(phonePage, 'appraisal self-appraisal');

      await organizer.call('POST', `/api/consult/appraisals/${id}/open`, {
        version: (await organizer.call('GET', `/api/consult/appraisals/${id}`)).json().version,
      });
      await phonePage.reload();
      await phonePage.getByRole('heading', { name: '民主测评（不记名）' }).waitFor();
      await phonePage.getByRole('group', { name: names[1] }).waitFor();
      expect(await phonePage.getByRole('group', { name: names[0], exact: true }).count()).toBe(0);
      for (const name of names.slice(1)) {
        await phonePage
          .getByRole('group', { name })
          .getByText(name === '赵建华' ? '优秀' : '合格', { exact: true })
          .click();
      }
      await phonePage.getByRole('button', { name: '提交测评票' }).click();
      expect((await phonePage.getByTestId('ballot-receipt').textContent())!.trim()).toMatch(/^[A-Z2-7]{16}$/);
      await expectAccessible(phonePage, 'appraisal receipt');

      for (const member of members.slice(1)) {
        const grades = Object.fromEntries(members.filter((other) => other !== member).map((other) => [other.user.id, 'qualified']));
        expect((await member.call('POST', `/api/consult/appraisals/${id}/ballots`, { grades })).statusCode).toBe(201);
      }

      const desk = await signIn(env, contexts, 'organizer', '/console/elections');
      await desk.goto(`${env.baseUrl}/console/appraisals/${id}`);
      await desk.getByRole('button', { name: '结束民主测评' }).click();
      await desk.getByRole('button', { name: buttonName('确定') }).click();
      await desk.getByText('参加测评 5 人（应参加 5 人）').waitFor();
      await expectAccessible(desk, 'appraisal tally');
      for (const name of names) {
        await desk.getByLabel(`${name}的评定等次`).click();
        await desk
          .getByTitle(name === '赵建华' ? '优秀' : '合格', { exact: true })
          .last()
          .click();
      }
      await desk.getByRole('button', { name: '提交评定等次' }).click();
      await desk.getByRole('button', { name: buttonName('确定') }).click();
      await desk.getByRole('link', { name: '导出结果表' }).waitFor();
      await desk.getByText('已定等次').first().waitFor();
      await expectAccessible(desk, 'appraisal graded');
    } catch (error) {
      await screenshotAll(contexts, 'appraisal');
      throw error;
    }
  });
});
