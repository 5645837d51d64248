import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser } from '../../test/factories';
import { startTestApp, type TestEnv } from '../../test/harness';
import { loadActor } from './actor';
import { createOrg } from './orgs';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestApp();
});
afterAll(() => env.close());

const actorOf = async (userId: string) => {
  const user = await env.ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  return loadActor(env.ctx.db, user, 'test-session');
};

describe('loadActor', () => {
  it('reads a subtree of the whole organisation as all of it, and a subtree of a part as its organisations', async () => {
    const orgs = await createTestOrgs(env.ctx);
    const top = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'dispatcher', scope: 'subtree' });
    const branch = await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'dispatcher', scope: 'subtree' });
    expect((await actorOf(top.user.id)).orgsFor(['dispatcher'])).toBe('all');
    expect((await actorOf(branch.user.id)).orgsFor(['dispatcher'])).toEqual(new Set([orgs.branch.id]));

    // With a second top-level organisation the committee's subtree is no longer everything.
    const other = await createOrg(env.ctx.db, env.clock, { name: '另一个党委', kind: 'party_committee' });
    const topNow = await actorOf(top.user.id);
    expect(topNow.orgsFor(['dispatcher'])).toEqual(new Set([orgs.committee.id, orgs.branch.id, orgs.unitA.id, orgs.unitB.id]));
    expect(topNow.reaches(['dispatcher'], other.id)).toBe(false);
  });
});
