import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../core/orgs';
import { createTestOrgs, createTestUser, type TestOrgs, type TestUser } from '../../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../../test/harness';

let env: TestEnv;
let orgs: TestOrgs;
let organizer: TestUser;
let leader: TestUser;
let outsider: TestUser;
let members: TestUser[];
let probationary: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
  const otherTree = await createTestOrgs(env.ctx);
  [organizer, leader, outsider] = await Promise.all([
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree', name: '林组织' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'leader', name: '支部书记' }),
    createTestUser(env.ctx, env.app, { orgId: otherTree.committee.id, role: 'organizer', scope: 'subtree', name: '外单位组织' }),
  ]);
  members = [];
  for (let index = 0; index < 6; index += 1) {
    members.push(await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: `党员${index + 1}` }));
  }
  probationary = await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: '预备党员' });
  await env.ctx.db.insertInto('probationary_members').values({ user_id: probationary.user.id, since_on: '2025-10-01' }).execute();
});
afterAll(() => env.close());

interface Detail {
  id: string;
  version: number;
  state: string;
  roster: {
    userId: string;
    probationary: boolean;
    finalGrade: string | null;
    selfAppraisal: string | null;
    followUpDueOn: string | null;
  }[];
  allowedActions: string[];
  myVote: string | null;
}

const base = (id: string) => `/api/consult/appraisals/${id}`;
const detail = async (as: TestUser, id: string): Promise<Detail> => (await as.client.get(base(id))).json();
const phase = async (id: string, action: 'open' | 'close') =>
  organizer.client.post(`${base(id)}/${action}`, { version: (await detail(organizer, id)).version });

/** Every rater's ballot: a grade for each full member, oneself included. */
/** A rater's grades for every full member but themselves. */
const ballot = (rater: TestUser, grade: (index: number) => string) => ({
  grades: Object.fromEntries(
    members.flatMap((member, index) => (member.user.id === rater.user.id ? [] : [[member.user.id, grade(index)]])),
  ),
});

async function createAppraisal(year: number, orgId = orgs.branch.id): Promise<Detail> {
  const response = await organizer.client.post('/api/consult/appraisals', { orgId, year });
  expect(response.statusCode).toBe(201);
  return response.json();
}

const ID = '00000000-0000-4000-8000-000000000000';

describe('every appraisal route', () => {
  it.each([
    ['POST', '/api/consult/appraisals'],
    ['GET', '/api/consult/appraisals'],
    ['GET', '/api/consult/appraisals/branches'],
    ['GET', base(ID)],
    ['PUT', `${base(ID)}/self`],
    ['POST', `${base(ID)}/open`],
    ['POST', `${base(ID)}/close`],
    ['POST', `${base(ID)}/ballots`],
    ['POST', `${base(ID)}/receipts/check`],
    ['GET', `${base(ID)}/tally`],
    ['POST', `${base(ID)}/grades`],
    ['GET', `${base(ID)}/export.xlsx`],
  ])('%s %s answers 401 without a session', async (method, url) => {
    const response = await client(env.app).request({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} });
    expect(response.statusCode).toBe(401);
  });
});

describe('a year’s appraisal of a branch', () => {
  it('runs from self-appraisal through the anonymous test to the committee’s grades and the result sheet', async () => {
    expect((await organizer.client.post('/api/consult/appraisals', { orgId: orgs.branch.id, year: 1900 })).statusCode).toBe(400);
    expect((await members[0].client.post('/api/consult/appraisals', { orgId: orgs.branch.id, year: 2025 })).statusCode).toBe(404);
    expect((await outsider.client.post('/api/consult/appraisals', { orgId: orgs.branch.id, year: 2025 })).statusCode).toBe(404);
    expect((await leader.client.post('/api/consult/appraisals', { orgId: orgs.branch.id, year: 2025 })).statusCode).toBe(403);
    const branches = (await organizer.client.get('/api/consult/appraisals/branches')).json();
    expect(branches).toEqual([{ id: orgs.branch.id, name: orgs.branch.name }]);
    expect((await members[0].client.get('/api/consult/appraisals/branches')).statusCode).toBe(403);
    const appraisal = await createAppraisal(2025);
    expect(appraisal.roster).toHaveLength(7);
    expect(appraisal.roster.find((entry) => entry.userId === probationary.user.id)!.probationary).toBe(true);
    expect((await organizer.client.post('/api/consult/appraisals', { orgId: orgs.branch.id, year: 2025 })).json().code).toBe(
      'APPRAISAL_EXISTS',
    );
    expect((await outsider.client.get(base(appraisal.id))).statusCode).toBe(404);
    const listed = (await members[0].client.get('/api/consult/appraisals')).json().items.map((item: { id: string }) => item.id);
    expect(listed).toContain(appraisal.id);

    const self = (as: TestUser, text: string) => as.client.request({ method: 'PUT', url: `${base(appraisal.id)}/self`, payload: { text } });
    expect((await self(members[0], '太短')).statusCode).toBe(400);
    expect((await self(organizer, '我这一年认真学习，积极参加组织生活，按时交纳党费。')).statusCode).toBe(403);
    const written = await self(members[0], '我这一年认真学习，积极参加组织生活，按时交纳党费。');
    expect(written.statusCode).toBe(200);
    expect(written.json().roster.find((entry: { userId: string }) => entry.userId === members[0].user.id).selfAppraisal).toContain(
      '认真学习',
    );

    expect((await members[0].client.post(`${base(appraisal.id)}/open`, { version: appraisal.version })).statusCode).toBe(403);
    expect((await phase(appraisal.id, 'open')).statusCode).toBe(200);
    const vote = (as: TestUser, body: object) => as.client.post(`${base(appraisal.id)}/ballots`, body);
    const ownLine = { grades: Object.fromEntries(members.map((member) => [member.user.id, 'qualified'])) };
    expect((await vote(members[0], ownLine)).json().code).toBe('SELF_RATING');
    const everyOther = ballot(members[0], () => 'qualified');
    const missing = { grades: Object.fromEntries(Object.entries(everyOther.grades).slice(1)) };
    expect((await vote(members[0], missing)).json().code).toBe('INCOMPLETE_BALLOT');
    expect((await vote(members[0], { grades: { ...everyOther.grades, [probationary.user.id]: 'qualified' } })).json().code).toBe(
      'INCOMPLETE_BALLOT',
    );
    const receipts: string[] = [];
    for (const [rater, as] of [...members, probationary].entries()) {
      const cast = await vote(
        as,
        ballot(as, (index) => (index === 5 ? 'unqualified' : index + rater < 3 ? 'excellent' : 'qualified')),
      );
      expect(cast.statusCode).toBe(201);
      receipts.push(cast.json().receipt);
    }
    expect(
      (
        await vote(
          members[0],
          ballot(members[0], () => 'qualified'),
        )
      ).json().code,
    ).toBe('ALREADY_VOTED');
    expect((await leader.client.get(`${base(appraisal.id)}/tally`)).json().code).toBe('RESULTS_NOT_AVAILABLE');

    expect((await phase(appraisal.id, 'close')).statusCode).toBe(200);
    expect((await members[0].client.get(`${base(appraisal.id)}/tally`)).statusCode).toBe(403);
    const tally = await leader.client.get(`${base(appraisal.id)}/tally`);
    expect(tally.statusCode).toBe(200);
    expect(tally.json()).toMatchObject({ raters: 7, eligible: 7, excellentLimit: 2 });
    expect(tally.json().members).toHaveLength(6);
    const last = tally.json().members.find((entry: { userId: string }) => entry.userId === members[5].user.id);
    expect(last.counts).toEqual({ excellent: 0, qualified: 0, basic: 0, unqualified: 6 });
    const first = tally.json().members.find((entry: { userId: string }) => entry.userId === members[0].user.id);
    expect(first.counts).toEqual({ excellent: 2, qualified: 4, basic: 0, unqualified: 0 });
    // One row per rating: six full members rate five others each, the 预备党员 all six; no two rows alike.
    const ratings = await env.ctx.db.selectFrom('ballots').select(['choices', 'receipt_hash']).where('box_id', '=', appraisal.id).execute();
    expect(ratings).toHaveLength(6 * 5 + 6);
    expect(new Set(ratings.map((row) => row.receipt_hash)).size).toBe(ratings.length);
    expect(ratings.every((row) => Object.keys(JSON.parse(row.choices)).join() === 'userId,grade')).toBe(true);
    for (const receipt of [receipts[0], receipts[6]]) {
      const check = await probationary.client.post(`${base(appraisal.id)}/receipts/check`, { receipt });
      expect(check.json()).toEqual({ counted: true });
    }
    const unknown = await probationary.client.post(`${base(appraisal.id)}/receipts/check`, { receipt: 'AAAAAAAAAAAAAAAA' });
    expect(unknown.json()).toEqual({ counted: false });

    const { version } = await detail(leader, appraisal.id);
    const grades = (excellent: number) =>
      members.map((member, index) => ({
        userId: member.user.id,
        grade: index === 5 ? 'unqualified' : index < excellent ? 'excellent' : 'qualified',
      }));
    const tooMany = await leader.client.post(`${base(appraisal.id)}/grades`, { version, grades: grades(3) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'TOO_MANY_EXCELLENT' });
    expect(tooMany.json().message).toContain('最多 2 人');
    const gradingProbationary = await leader.client.post(`${base(appraisal.id)}/grades`, {
      version,
      grades: [...grades(2), { userId: probationary.user.id, grade: 'qualified' }],
    });
    expect(gradingProbationary.json().code).toBe('NOT_GRADABLE');
    expect((await members[0].client.post(`${base(appraisal.id)}/grades`, { version, grades: grades(2) })).statusCode).toBe(403);
    const graded = await leader.client.post(`${base(appraisal.id)}/grades`, { version, grades: grades(2) });
    expect(graded.statusCode).toBe(200);
    expect(graded.json().state).toBe('final');

    const followUp = graded.json().roster.find((entry: { userId: string }) => entry.userId === members[5].user.id);
    expect(followUp).toMatchObject({ finalGrade: 'unqualified', followUpDueOn: '2027-03-02' });
    const told = await env.ctx.db.selectFrom('notifications').select('kind').where('user_id', '=', members[5].user.id).execute();
    expect(told).toEqual([{ kind: 'appraisal.follow_up' }]);
    const ownView = await detail(members[1], appraisal.id);
    expect(ownView.roster.filter((entry) => entry.finalGrade !== null).map((entry) => entry.userId)).toEqual([members[1].user.id]);

    expect((await members[0].client.get(`${base(appraisal.id)}/export.xlsx`)).statusCode).toBe(403);
    const sheet = await organizer.client.get(`${base(appraisal.id)}/export.xlsx`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(9);
    expect(rows.flat()).toEqual(expect.arrayContaining(['预备党员', '不评定', '不合格', '2027-03-02']));
    const exported = await env.ctx.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('event_type', '=', 'consult.appraisal.export')
      .execute();
    expect(exported).toEqual([{ actor_id: organizer.user.id }]);
  });

  it('shows no tally for fewer than five raters', async () => {
    const group = await createOrg(env.ctx.db, env.ctx.clock, { name: '小支部', kind: 'branch', parentId: orgs.committee.id });
    const few = [];
    for (let index = 0; index < 4; index += 1) {
      few.push(await createTestUser(env.ctx, env.app, { orgId: group.id, role: 'member', name: `小组党员${index + 1}` }));
    }
    const appraisal = await createAppraisal(2025, group.id);
    await phase(appraisal.id, 'open');
    for (const member of few) {
      const grades = Object.fromEntries(few.filter((other) => other !== member).map((other) => [other.user.id, 'qualified']));
      expect((await member.client.post(`${base(appraisal.id)}/ballots`, { grades })).statusCode).toBe(201);
    }
    await phase(appraisal.id, 'close');
    const tally = await organizer.client.get(`${base(appraisal.id)}/tally`);
    expect(tally.statusCode).toBe(409);
    expect(tally.json().code).toBe('GROUP_TOO_SMALL');
  });
});
