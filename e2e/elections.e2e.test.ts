import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../src/core/calendar';
import { createOrg } from '../src/core/orgs';
import { createUser } from '../src/core/users';
import { buttonName, type E2eEnv, expectAccessible, openContext, PASSWORD, screenshotAll, signIn, startE2e } from './support';

/** A member votes on the phone and keeps the receipt; after the worker closes the vote, the receipt shows the ballot counted. */

const TITLE = '2026 年度“身边好党员”评选';

let env: E2eEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  env = await startE2e();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await env?.close();
});

async function account(username: string, orgId: string, role: 'organizer' | 'member', scope: 'org' | 'subtree' = 'org') {
  await createUser(env.ctx.db, env.ctx.clock, env.ctx.crypto, {
    username,
    displayName: username,
    password: PASSWORD,
    orgId,
    mustChangePassword: false,
    grants: [{ role, orgId, scope }],
  });
  const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  return (method: 'GET' | 'POST', url: string, payload?: object) => env.app.inject({ method, url, payload, headers: { cookie } });
}

/** A Shanghai date this many days from today: the test runs on the real clock. */
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));

/** An election of the committee for its members, with two approved candidates, open for voting. */
async function openElection(organizer: Awaited<ReturnType<typeof account>>) {
  const created = await organizer('POST', '/api/consult/elections', {
    title: TITLE,
    description: '请推选在服务群众中表现突出的党员。',
    audienceMembers: true,
    audienceMasses: false,
    maxChoices: 1,
    nominationStartsOn: day(-30),
    nominationEndsOn: day(0),
    votingStartsOn: day(0),
    votingEndsOn: day(30),
    publicityDays: 5,
  });
  const id = created.json().id as string;
  for (const name of ['张明', '李华']) {
    await organizer('POST', `/api/consult/elections/${id}/nominations`, { name, reason: '多年坚持为群众办实事，口碑很好。' });
  }
  const opened = await organizer('POST', `/api/consult/elections/${id}/open`, { version: created.json().version });
  expect(opened.statusCode).toBe(200);
  return opened.json() as { id: string; candidates: { id: string; name: string }[] };
}

describe('voting in an election', () => {
  it('takes a member’s ballot on the phone, shows the receipt once, and confirms it counted after the close', async () => {
    const branch = await createOrg(env.ctx.db, env.ctx.clock, { name: '第一党支部', kind: 'branch', parentId: env.orgs.committeeId });
    const organizer = await account('organizer', env.orgs.committeeId, 'organizer', 'subtree');
    const others = [];
    for (let index = 1; index <= 4; index += 1) {
      others.push(await account(`member${index}`, branch.id, 'member'));
    }
    await account('voter', branch.id, 'member');
    const election = await openElection(organizer);

    const phonePage = await (await openContext(env, contexts, 'phone')).newPage();
    try {
      await phonePage.goto(`${env.baseUrl}/console/login?next=/h5/elections`);
      await phonePage.getByLabel('用户名', { exact: true }).fill('voter');
      await phonePage.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await phonePage.getByRole('button', { name: buttonName('登录') }).click();
      await phonePage.waitForURL('**/h5/elections');
      await phonePage.getByRole('link', { name: TITLE }).click();
      await phonePage.getByRole('heading', { name: /投票（最多选 1 人）/ }).waitFor();
      await expectAccessible(phonePage, 'election vote form');
      await phonePage.getByText('张明', { exact: true }).click();
      await phonePage.getByRole('button', { name: '提交选票' }).click();
      const receipt = (await phonePage.getByTestId('ballot-receipt').textContent())!.trim();
      expect(receipt).toMatch(/^[A-Z2-7]{16}$/);
      await phonePage.getByText('它只显示这一次').waitFor();
      await phonePage.getByRole('button', { name: '复制回执码' }).waitFor();
      await expectAccessible(phonePage, 'election receipt');

      // The security admin adds a member the frozen roll missed, who then votes too.
      const latecomer = await account('latecomer', branch.id, 'member');
      await createUser(env.ctx.db, env.ctx.clock, env.ctx.crypto, {
        username: 'secadmin',
        displayName: '安全管理员',
        password: PASSWORD,
        orgId: env.orgs.committeeId,
        mustChangePassword: false,
        adminRole: 'secadmin',
      });
      const security = await signIn(env, contexts, 'secadmin', '/console/admin/roles');
      await security.getByRole('menuitem', { name: '投票名单更正' }).click();
      await security
        .getByRole('row', { name: new RegExp(TITLE) })
        .getByRole('button', { name: '更正名单' })
        .click();
      await security.getByRole('combobox', { name: '人员' }).fill('latecomer');
      await security.getByTitle(/^latecomer（/).click();
      await security.getByLabel('理由').fill('组织关系已于开始投票前转入本支部');
      // The check reads the form as it stays, not the person list while it is still closing.
      await security.getByRole('listbox').waitFor({ state: 'hidden' });
      await expectAccessible(security, 'roll correction');
      await security.getByRole('button', { name: buttonName('提交更正') }).click();
      await security.getByText('已加入投票名单，并记入审计日志').waitFor();
      await security.getByRole('row', { name: new RegExp(`${TITLE}.*6`) }).waitFor();

      for (const vote of [...others, latecomer]) {
        expect(
          (await vote('POST', `/api/consult/elections/${election.id}/ballots`, { candidateIds: [election.candidates[1].id] })).statusCode,
        ).toBe(201);
      }

      const desk = await signIn(env, contexts, 'organizer', '/console/elections');
      await desk.getByRole('link', { name: TITLE }).click();
      await desk.getByRole('button', { name: buttonName('结束投票') }).click();
      await desk.getByRole('button', { name: buttonName('确定') }).click();
      await desk.getByTestId('election-results-chart').waitFor();
      await desk.getByText('应投 6 人，实投 6 人').waitFor();
      await expectAccessible(desk, 'election results');

      await phonePage.reload();
      await phonePage.getByLabel('投票回执码').fill(receipt.toLowerCase());
      await phonePage.getByText('回执公示：共 6 张选票的回执哈希。').waitFor();
      await phonePage.getByRole('button', { name: buttonName('核验') }).click();
      expect(await phonePage.getByTestId('receipt-verdict').textContent()).toBe(
        '您的选票已计入。（在您的手机上与公示的回执哈希比对，回执码没有发送给服务器。）',
      );
      await expectAccessible(phonePage, 'receipt check');
    } catch (error) {
      await screenshotAll(contexts, 'elections');
      throw error;
    }
  });
});
