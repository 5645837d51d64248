import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser, type TestUser } from '../../../../test/factories';
import { startTestApp, TEST_START, type TestEnv } from '../../../../test/harness';
import { advanceElectionPhases } from './schedule';

let env: TestEnv;
let organizer: TestUser;
let member: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  const orgs = await createTestOrgs(env.ctx);
  organizer = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree' });
  member = await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member' });
  await Promise.all(Array.from({ length: 3 }, () => createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member' })));
  electionBody.orgId = orgs.committee.id;
});
afterAll(() => env.close());

// TEST_START is 2026-03-02, 10:00 in Shanghai.
const electionBody = {
  orgId: '',
  title: '2026 年度“身边好人”评选',
  description: '推选身边的好人好事。',
  audienceMembers: true,
  audienceMasses: false,
  maxChoices: 1,
  nominationStartsOn: '2026-02-20',
  nominationEndsOn: '2026-03-01',
  votingStartsOn: '2026-03-02',
  votingEndsOn: '2026-03-03',
  publicityDays: 1,
};
const reason = '长期坚持志愿服务，带领群众解决小区难题。';
const day = (offset: number) => new Date(Date.parse(TEST_START) + offset * 86_400_000);

async function election(nominatedBy: TestUser): Promise<string> {
  const created = await organizer.client.post('/api/consult/elections', electionBody);
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await nominatedBy.client.post(`/api/consult/elections/${id}/nominations`, { name: '张明', reason })).statusCode).toBe(201);
  return id;
}

const stateOf = async (id: string) =>
  (await env.ctx.db.selectFrom('elections').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

describe('the election schedule', () => {
  it('opens voting on its first day, closes it after its last and ends the 公示 after its days, once each', async () => {
    const ready = await election(organizer);
    const underReview = await election(member);

    // Two instances at the same moment: each election moves once.
    const runs = await Promise.all([advanceElectionPhases(env.ctx), advanceElectionPhases(env.ctx)]);
    expect(runs.flatMap((run) => run.moved)).toEqual([ready]);
    expect(runs[0].waiting).toContainEqual({ id: underReview, code: 'NOMINATIONS_PENDING' });
    expect(await stateOf(ready)).toBe('voting');
    expect(await stateOf(underReview)).toBe('nominating');
    const roll = await env.ctx.db.selectFrom('ballot_voters').select('user_id').where('box_id', '=', ready).execute();
    expect(roll.length).toBeGreaterThanOrEqual(4);
    const opened = await env.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'outcome'])
      .where('event_type', '=', 'consult.election.open')
      .where('target_id', '=', ready)
      .execute();
    expect(opened).toEqual([{ actor_id: null, outcome: 'success' }]);

    try {
      env.clock.set(day(1));
      expect((await advanceElectionPhases(env.ctx)).moved).toEqual([]);
      env.clock.set(day(2));
      expect((await advanceElectionPhases(env.ctx)).moved).toEqual([ready]);
      expect(await stateOf(ready)).toBe('publicity');
      expect((await advanceElectionPhases(env.ctx)).moved).toEqual([]);
      env.clock.set(day(3));
      expect((await advanceElectionPhases(env.ctx)).moved).toEqual([ready]);
      expect(await stateOf(ready)).toBe('final');
      const events = await env.ctx.db.selectFrom('events').select('type').where('subject_id', '=', ready).orderBy('id').execute();
      expect(events.map((event) => event.type)).toEqual(
        expect.arrayContaining(['consult.election.opened', 'consult.election.closed', 'consult.election.finalized']),
      );
    } finally {
      env.clock.set(TEST_START);
    }
  });
});
