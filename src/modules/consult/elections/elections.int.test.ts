import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOf } from '../../../db/dialect';
import { createTestOrgs, createTestUser, type TestOrgs, type TestUser } from '../../../../test/factories';
import { client, startTestApp, TEST_START, type TestEnv } from '../../../../test/harness';

let env: TestEnv;
let orgs: TestOrgs;
let organizer: TestUser;
let outsiderOrganizer: TestUser;
let resident: TestUser;
let outsiderMember: TestUser;
let secadmin: TestUser;
let members: TestUser[];

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
  const otherTree = await createTestOrgs(env.ctx);
  [organizer, outsiderOrganizer, resident, outsiderMember, secadmin] = await Promise.all([
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree', name: '林组织' }),
    createTestUser(env.ctx, env.app, { orgId: otherTree.committee.id, role: 'organizer', scope: 'subtree', name: '外单位组织' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'masses', name: '周群众' }),
    createTestUser(env.ctx, env.app, { orgId: otherTree.branch.id, role: 'member', name: '外单位党员' }),
    createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, adminRole: 'secadmin', name: '安全管理员' }),
  ]);
  members = await Promise.all(
    Array.from({ length: 6 }, (_, index) =>
      createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: `党员${index + 1}` }),
    ),
  );
});
afterAll(() => env.close());

const anonymous = () => client(env.app);
const patch = (as: TestUser, url: string, payload: unknown) => as.client.request({ method: 'PATCH', url, payload: payload as object });

const electionBody = (overrides: Record<string, unknown> = {}) => ({
  orgId: orgs.committee.id,
  title: '2026 年度“最美党员”评选',
  description: '推选身边的先进典型。',
  audienceMembers: true,
  audienceMasses: false,
  maxChoices: 2,
  nominationStartsOn: '2026-03-01',
  nominationEndsOn: '2026-03-10',
  votingStartsOn: '2026-03-11',
  votingEndsOn: '2026-03-15',
  publicityDays: 5,
  ...overrides,
});

interface Detail {
  id: string;
  version: number;
  state: string;
  candidates: { id: string; name: string }[];
  nominations: { id: string; status: string }[] | null;
  myVote: string | null;
  allowedActions: string[];
  turnout: { eligible: number; voted: number } | null;
}

async function createElection(overrides: Record<string, unknown> = {}): Promise<Detail> {
  const response = await organizer.client.post('/api/consult/elections', electionBody(overrides));
  expect(response.statusCode).toBe(201);
  return response.json();
}

const reason = '长期坚持志愿服务，带领群众解决小区难题。';

/** An election with three approved candidates, open for voting. */
async function votingElection(overrides: Record<string, unknown> = {}): Promise<Detail> {
  const election = await createElection(overrides);
  for (const name of ['张明', '李华', '王芳']) {
    expect((await organizer.client.post(`/api/consult/elections/${election.id}/nominations`, { name, reason })).statusCode).toBe(201);
  }
  const opened = await organizer.client.post(`/api/consult/elections/${election.id}/open`, { version: election.version });
  expect(opened.statusCode).toBe(200);
  return opened.json();
}

const detail = async (as: TestUser, id: string): Promise<Detail> => (await as.client.get(`/api/consult/elections/${id}`)).json();
const vote = (as: TestUser, id: string, candidateIds: string[]) => as.client.post(`/api/consult/elections/${id}/ballots`, { candidateIds });
const close = async (id: string) => {
  const { version } = await detail(organizer, id);
  return organizer.client.post(`/api/consult/elections/${id}/close`, { version });
};

async function ballotCounts(id: string) {
  const ballots = await env.ctx.db
    .selectFrom('ballots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('box_id', '=', id)
    .executeTakeFirstOrThrow();
  const voted = await env.ctx.db
    .selectFrom('ballot_voters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('box_id', '=', id)
    .where('status', '=', 'voted')
    .executeTakeFirstOrThrow();
  return { ballots: Number(ballots.n), voted: Number(voted.n) };
}

const ID = '00000000-0000-4000-8000-000000000000';

describe('every election route', () => {
  it.each([
    ['POST', '/api/consult/elections'],
    ['GET', '/api/consult/elections'],
    ['GET', `/api/consult/elections/${ID}`],
    ['PATCH', `/api/consult/elections/${ID}`],
    ['POST', `/api/consult/elections/${ID}/nominations`],
    ['POST', `/api/consult/elections/${ID}/nominations/${ID}/review`],
    ['POST', `/api/consult/elections/${ID}/open`],
    ['POST', `/api/consult/elections/${ID}/close`],
    ['POST', `/api/consult/elections/${ID}/finalize`],
    ['POST', `/api/consult/elections/${ID}/ballots`],
    ['GET', `/api/consult/elections/${ID}/results`],
    ['GET', `/api/consult/elections/${ID}/receipts`],
    ['POST', `/api/consult/elections/${ID}/receipts/check`],
    ['POST', `/api/consult/elections/${ID}/roll`],
    ['GET', '/api/consult/elections/open-rolls'],
  ])('%s %s answers 401 without a session', async (method, url) => {
    const response = await anonymous().request({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} });
    expect(response.statusCode).toBe(401);
  });
});

describe('setting up an election', () => {
  it('refuses bad input with a Chinese message, and lets only the organisation’s workers create one', async () => {
    const noTitle = await organizer.client.post('/api/consult/elections', electionBody({ title: ' ' }));
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().message).toContain('请填写标题');
    const backwards = await organizer.client.post('/api/consult/elections', electionBody({ votingEndsOn: '2026-03-01' }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toContain('投票截止日期不能早于投票开始日期');
    const nobody = await organizer.client.post('/api/consult/elections', electionBody({ audienceMembers: false }));
    expect(nobody.json().message).toContain('请至少选择一类参与对象');
    expect((await members[0].client.post('/api/consult/elections', electionBody({ orgId: orgs.branch.id }))).statusCode).toBe(403);
    expect((await outsiderOrganizer.client.post('/api/consult/elections', electionBody())).statusCode).toBe(404);
    const created = await createElection();
    expect(created.state).toBe('nominating');
    expect(created.allowedActions).toEqual(expect.arrayContaining(['edit', 'review', 'open', 'nominate']));
  });

  it('is edited with the version seen, and only while nominations run', async () => {
    const election = await createElection();
    const url = `/api/consult/elections/${election.id}`;
    expect((await patch(organizer, url, { version: election.version, nominationEndsOn: '2026-02-01' })).statusCode).toBe(400);
    expect((await patch(members[0], url, { version: election.version, title: '改名' })).statusCode).toBe(403);
    expect((await patch(outsiderOrganizer, url, { version: election.version, title: '改名' })).statusCode).toBe(404);
    const edited = await patch(organizer, url, { version: election.version, title: '改名后的评选', maxChoices: 3 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: '改名后的评选', maxChoices: 3 });
    const stale = await patch(organizer, url, { version: election.version, title: '又改名' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('is listed for the workers and the addressed only', async () => {
    const forMembers = await createElection({ title: '只问党员' });
    const forMasses = await createElection({ title: '只问群众', audienceMembers: false, audienceMasses: true });
    const titles = async (as: TestUser) =>
      ((await as.client.get('/api/consult/elections?pageSize=100')).json().items as { id: string }[]).map((item) => item.id);
    expect(await titles(organizer)).toEqual(expect.arrayContaining([forMembers.id, forMasses.id]));
    expect(await titles(members[0])).toContain(forMembers.id);
    expect(await titles(members[0])).not.toContain(forMasses.id);
    expect(await titles(resident)).toEqual(expect.arrayContaining([forMasses.id]));
    expect(await titles(resident)).not.toContain(forMembers.id);
    expect(await titles(outsiderMember)).not.toContain(forMembers.id);
    expect((await outsiderMember.client.get(`/api/consult/elections/${forMembers.id}`)).statusCode).toBe(404);
    expect((await members[0].client.get('/api/consult/elections?pageSize=500')).statusCode).toBe(400);
  });
});

describe('nominations', () => {
  it('come from the addressed with a reason, and are reviewed by the workers', async () => {
    const election = await createElection();
    const base = `/api/consult/elections/${election.id}/nominations`;
    expect((await members[0].client.post(base, { name: '张明', reason: '太短' })).statusCode).toBe(400);
    expect((await outsiderMember.client.post(base, { name: '张明', reason })).statusCode).toBe(404);
    const nominated = await members[0].client.post(base, { name: '张明', unit: '第一党支部', reason });
    expect(nominated.statusCode).toBe(201);
    expect(nominated.json().nominations).toBeNull();
    const pending = (await detail(organizer, election.id)).nominations!;
    expect(pending).toHaveLength(1);
    expect(pending[0].status).toBe('pending');
    const review = `${base}/${pending[0].id}/review`;
    expect((await members[0].client.post(review, { decision: 'approve' })).statusCode).toBe(403);
    expect((await organizer.client.post(review, { decision: 'maybe' })).statusCode).toBe(400);
    const blocked = await organizer.client.post(`/api/consult/elections/${election.id}/open`, { version: election.version });
    expect(blocked.json().code).toBe('NOMINATIONS_PENDING');
    const approved = await organizer.client.post(review, { decision: 'approve', note: '事迹属实' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().candidates.map((candidate: { name: string }) => candidate.name)).toEqual(['张明']);
    expect((await organizer.client.post(review, { decision: 'reject' })).json().code).toBe('ALREADY_REVIEWED');
  });
});

describe('voting', () => {
  it('freezes the roll when voting opens: who joins afterwards does not vote', async () => {
    const election = await votingElection();
    expect(election.turnout).toEqual({ eligible: members.length, voted: 0 });
    const latecomer = await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: '新党员' });
    const refused = await vote(latecomer, election.id, [election.candidates[0].id]);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('NOT_ON_ROLL');
    expect((await vote(resident, election.id, [election.candidates[0].id])).statusCode).toBe(404);
  });

  it('takes one ballot of up to N approved candidates and gives a receipt once', async () => {
    const election = await votingElection();
    const [first, second, third] = election.candidates.map((candidate) => candidate.id);
    expect((await vote(members[0], election.id, [first, second, third])).json().code).toBe('TOO_MANY_CHOICES');
    expect((await vote(members[0], election.id, [ID])).json().code).toBe('UNKNOWN_CANDIDATE');
    expect((await vote(members[0], election.id, [])).statusCode).toBe(400);
    const cast = await vote(members[0], election.id, [first, second]);
    expect(cast.statusCode).toBe(201);
    expect(cast.json().receipt).toMatch(/^[A-Z2-7]{16}$/);
    const again = await vote(members[0], election.id, [first]);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_VOTED');
    expect((await detail(members[0], election.id)).myVote).toBe('voted');
  });

  it('keeps the vote out of the audit log: only who voted in which election (VO-04)', async () => {
    const election = await votingElection();
    const chosen = election.candidates[1].id;
    expect((await vote(members[1], election.id, [chosen])).statusCode).toBe(201);
    const rows = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event_type', '=', 'consult.ballot.cast')
      .where('target_id', '=', election.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBe(members[1].user.id);
    expect(JSON.stringify(rows)).not.toContain(chosen);
    const byVoter = await env.ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', members[1].user.id).execute();
    expect(byVoter.length).toBeGreaterThan(0);
    expect(JSON.stringify(byVoter)).not.toContain(chosen);
    const events = await env.ctx.db.selectFrom('events').select('payload').where('subject_id', '=', election.id).execute();
    expect(events.filter((event) => event.payload.includes(chosen)).length).toBe(1);
  });

  it('takes exactly one ballot from 20 simultaneous submissions by one voter (VO-02)', async () => {
    const election = await votingElection();
    const choice = [election.candidates[0].id];
    const responses = await Promise.all(Array.from({ length: 20 }, () => vote(members[2], election.id, choice)));
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await ballotCounts(election.id)).toEqual({ ballots: 1, voted: 1 });
    // Others voting at the same time are each counted once too.
    const others = await Promise.all(
      members.slice(3).flatMap((member) => [vote(member, election.id, choice), vote(member, election.id, choice)]),
    );
    expect(others.filter((response) => response.statusCode === 201)).toHaveLength(3);
    expect(await ballotCounts(election.id)).toEqual({ ballots: 4, voted: 4 });
  });
});

describe('results and receipts', () => {
  it('shows nothing before the close, and nothing for fewer than five voters', async () => {
    const election = await votingElection();
    const cast = await vote(members[0], election.id, [election.candidates[0].id]);
    const early = await organizer.client.get(`/api/consult/elections/${election.id}/results`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('RESULTS_NOT_AVAILABLE');
    const earlyCheck = await members[0].client.post(`/api/consult/elections/${election.id}/receipts/check`, {
      receipt: cast.json().receipt,
    });
    expect(earlyCheck.json().code).toBe('RESULTS_NOT_AVAILABLE');
    expect((await close(election.id)).statusCode).toBe(200);
    const small = await organizer.client.get(`/api/consult/elections/${election.id}/results`);
    expect(small.statusCode).toBe(409);
    expect(small.json().code).toBe('GROUP_TOO_SMALL');
    expect((await vote(members[1], election.id, [election.candidates[0].id])).json().code).toBe('VOTING_NOT_OPEN');
  });

  it('counts after the close; a voter finds their receipt counted, without learning the choice', async () => {
    const election = await votingElection();
    const [first, second, third] = election.candidates.map((candidate) => candidate.id);
    const choices = [[first, second], [first], [first, third], [second], [first, second]];
    const receipts: string[] = [];
    for (const [index, chosen] of choices.entries()) {
      receipts.push((await vote(members[index], election.id, chosen)).json().receipt);
    }
    expect((await members[0].client.post(`/api/consult/elections/${election.id}/close`, { version: 2 })).statusCode).toBe(403);
    expect((await close(election.id)).statusCode).toBe(200);
    const results = await organizer.client.get(`/api/consult/elections/${election.id}/results`);
    expect(results.statusCode).toBe(200);
    expect(results.json()).toMatchObject({ eligible: election.turnout!.eligible, voted: 5, ballots: 5 });
    expect(results.json().candidates.map((candidate: { votes: number }) => candidate.votes)).toEqual([4, 3, 1]);
    expect((await members[5].client.get(`/api/consult/elections/${election.id}/results`)).statusCode).toBe(200);

    const check = (as: TestUser, receipt: string) => as.client.post(`/api/consult/elections/${election.id}/receipts/check`, { receipt });
    const counted = await check(members[0], receipts[0].toLowerCase());
    expect(counted.statusCode).toBe(200);
    expect(counted.json()).toEqual({ counted: true });
    expect((await check(members[0], 'AAAAAAAAAAAAAAAA')).json()).toEqual({ counted: false });
    expect((await check(members[0], '12345')).statusCode).toBe(400);
    const published = (await members[0].client.get(`/api/consult/elections/${election.id}/receipts`)).json().hashes as string[];
    expect(published).toHaveLength(5);
    expect([...published].sort()).toEqual(published);
  });

  it('stores the ballots anew at the close: on PostgreSQL no row keeps the transaction of its vote (VO-03)', async () => {
    const election = await votingElection();
    for (const member of members.slice(0, 5)) {
      expect((await vote(member, election.id, [election.candidates[0].id])).statusCode).toBe(201);
    }
    expect((await close(election.id)).statusCode).toBe(200);
    if (dialectOf(env.ctx.db) === 'sqlite') {
      // Stored in key order already: no rowid numbers the rows (ballots.int.test.ts).
      const stored = await sql<{ ballot_id: string }>`select ballot_id from ballots where box_id = ${election.id}`.execute(env.ctx.db);
      expect(stored.rows.map((row) => row.ballot_id)).toEqual(stored.rows.map((row) => row.ballot_id).sort());
      return;
    }
    const stamps = await sql<{ xmin: string }>`select distinct xmin::text as xmin from ballots where box_id = ${election.id}`.execute(
      env.ctx.db,
    );
    expect(stamps.rows).toHaveLength(1);
    const votes = await sql<{ xmin: string }>`select xmin::text as xmin from audit_log
      where event_type = 'consult.ballot.cast' and target_id = ${election.id}`.execute(env.ctx.db);
    expect(votes.rows).toHaveLength(5);
    expect(votes.rows.map((row) => row.xmin)).not.toContain(stamps.rows[0].xmin);
    expect((await organizer.client.get(`/api/consult/elections/${election.id}/results`)).json().candidates[0].votes).toBe(5);
  });

  it('aborts the count when a ballot row was changed in the database (VO-07)', async () => {
    const election = await votingElection();
    for (const member of members.slice(0, 5)) {
      await vote(member, election.id, [election.candidates[0].id]);
    }
    await close(election.id);
    expect((await organizer.client.get(`/api/consult/elections/${election.id}/results`)).statusCode).toBe(200);
    const victim = await env.ctx.db.selectFrom('ballots').select('ballot_id').where('box_id', '=', election.id).executeTakeFirstOrThrow();
    await env.ctx.db
      .updateTable('ballots')
      .set({ choices: JSON.stringify([election.candidates[1].id]) })
      .where('box_id', '=', election.id)
      .where('ballot_id', '=', victim.ballot_id)
      .execute();
    const tampered = await organizer.client.get(`/api/consult/elections/${election.id}/results`);
    expect(tampered.statusCode).toBe(409);
    expect(tampered.json().code).toBe('BALLOT_TAMPERED');
    expect(tampered.json().message).toContain('计票已中止');
    const logged = await env.ctx.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('event_type', '=', 'consult.ballot.integrity')
      .where('target_id', '=', election.id)
      .execute();
    expect(logged).toEqual([{ outcome: 'failure' }]);
  });
});

describe('corrections of the frozen roll', () => {
  it('are the security admin’s alone, with a reason, audited', async () => {
    const election = await votingElection();
    const latecomer = await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member', name: '转入党员' });
    const url = `/api/consult/elections/${election.id}/roll`;
    const correction = { userId: latecomer.user.id, change: 'add', reason: '组织关系已于开票前转入' };
    expect((await organizer.client.post(url, correction)).statusCode).toBe(403);
    expect((await secadmin.client.post(url, { ...correction, reason: '' })).statusCode).toBe(400);
    expect((await secadmin.client.post(url, correction)).statusCode).toBe(200);
    expect((await secadmin.client.post(url, correction)).json().code).toBe('ALREADY_ON_ROLL');
    expect((await vote(latecomer, election.id, [election.candidates[0].id])).statusCode).toBe(201);
    expect((await secadmin.client.post(url, { ...correction, change: 'remove' })).json().code).toBe('CANNOT_REMOVE_VOTER');
    const audited = await env.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'reason'])
      .where('event_type', '=', 'consult.election.roll')
      .where('target_id', '=', election.id)
      .execute();
    expect(audited).toEqual([{ actor_id: secadmin.user.id, reason: '组织关系已于开票前转入' }]);
  });

  it('lists the rolls open for correction, with their counts, to the security admin only: 401, 403, 200', async () => {
    const election = await votingElection();
    expect((await anonymous().get('/api/consult/elections/open-rolls')).statusCode).toBe(401);
    expect((await organizer.client.get('/api/consult/elections/open-rolls')).statusCode).toBe(403);
    const listed = await secadmin.client.get('/api/consult/elections/open-rolls');
    expect(listed.statusCode).toBe(200);
    const item = listed.json().items.find((entry: { id: string }) => entry.id === election.id);
    expect(item).toMatchObject({ title: '2026 年度“最美党员”评选', votingEndsOn: '2026-03-15', voted: 0 });
    expect(item.eligible).toBeGreaterThanOrEqual(6);
  });
});

// Last: it moves the clock days ahead, past every session's idle timeout.
describe('the end of the 公示', () => {
  it('becomes final only after the 公示 days', async () => {
    const election = await votingElection({ publicityDays: 3 });
    await close(election.id);
    const { version } = await detail(organizer, election.id);
    const early = await organizer.client.post(`/api/consult/elections/${election.id}/finalize`, { version });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('PUBLICITY_NOT_OVER');
    env.clock.set(new Date(Date.parse(TEST_START) + 3 * 86_400_000));
    try {
      // Sessions idle for days have expired: a worker signs in again.
      const worker = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree' });
      const final = await worker.client.post(`/api/consult/elections/${election.id}/finalize`, { version });
      expect(final.statusCode).toBe(200);
      expect(final.json().state).toBe('final');
    } finally {
      env.clock.set(TEST_START);
    }
  });
});
