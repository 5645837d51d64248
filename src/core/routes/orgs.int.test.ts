import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser, type TestOrgs } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { createOrg } from '../orgs';

let env: TestEnv;
let orgs: TestOrgs;

beforeAll(async () => {
  env = await startTestApp();
  orgs = await createTestOrgs(env.ctx);
});
afterAll(() => env.close());

const anonymous = () => client(env.app);

interface Node {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  children: Node[];
}

describe('GET /api/orgs', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous().get('/api/orgs')).statusCode).toBe(401);
  });

  it('takes no input, so an unknown query parameter changes nothing', async () => {
    const member = await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member' });
    expect((await member.client.get('/api/orgs?scope=all')).json().map((node: Node) => node.id)).toEqual([orgs.branch.id]);
  });

  it('refuses the masses and the admins, who work outside the tree', async () => {
    const citizen = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'masses' });
    expect((await citizen.client.get('/api/orgs')).statusCode).toBe(403);
    const admin = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, adminRole: 'sysadmin' });
    expect((await admin.client.get('/api/orgs')).statusCode).toBe(403);
  });

  it('nests the subtree a leader reaches, and nothing of another organisation', async () => {
    const office = await createOrg(env.ctx.db, env.clock, { name: '综合科', kind: 'office', parentId: orgs.unitA.id });
    const elsewhere = await createTestOrgs(env.ctx);
    const leader = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'leader', scope: 'subtree' });
    const response = await leader.client.get('/api/orgs');
    expect(response.statusCode).toBe(200);
    const [root, ...others] = response.json() as Node[];
    expect(others).toEqual([]);
    expect(root).toMatchObject({ id: orgs.committee.id, kind: 'party_committee', kindLabel: '党委' });
    expect(root.children.map((child) => child.id).sort()).toEqual([orgs.branch.id, orgs.unitA.id, orgs.unitB.id].sort());
    const unitA = root.children.find((child) => child.id === orgs.unitA.id)!;
    expect(unitA.children).toEqual([{ id: office.id, name: '综合科', kind: 'office', kindLabel: '科室', children: [] }]);
    expect(response.body).not.toContain(elsewhere.committee.id);
  });

  it('makes a reached organisation a root when its parent is out of reach', async () => {
    const handler = await createTestUser(env.ctx, env.app, { orgId: orgs.unitB.id, role: 'handler' });
    expect((await handler.client.get('/api/orgs')).json()).toEqual([
      { id: orgs.unitB.id, name: orgs.unitB.name, kind: 'department', kindLabel: '部门', children: [] },
    ]);
  });
});

describe('GET /api/orgs/units', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous().get('/api/orgs/units')).statusCode).toBe(401);
  });

  it('takes no input, so an unknown query parameter changes nothing', async () => {
    const head = await createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'unit_head' });
    expect((await head.client.get('/api/orgs/units?kind=branch')).json().map((unit: { id: string }) => unit.id)).toEqual([orgs.unitA.id]);
  });

  it('refuses handlers and members, who do not dispatch', async () => {
    const handler = await createTestUser(env.ctx, env.app, { orgId: orgs.unitA.id, role: 'handler' });
    expect((await handler.client.get('/api/orgs/units')).statusCode).toBe(403);
    const member = await createTestUser(env.ctx, env.app, { orgId: orgs.branch.id, role: 'member' });
    expect((await member.client.get('/api/orgs/units')).statusCode).toBe(403);
  });

  it("lists the responsible units in the dispatcher's scope, not party branches or another organisation's units", async () => {
    const elsewhere = await createTestOrgs(env.ctx);
    const dispatcher = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'dispatcher', scope: 'subtree' });
    const response = await dispatcher.client.get('/api/orgs/units');
    expect(response.statusCode).toBe(200);
    const units = response.json() as { id: string; kind: string; kindLabel: string; parentId: string }[];
    expect(units.map((unit) => unit.id)).toEqual(expect.arrayContaining([orgs.unitA.id, orgs.unitB.id]));
    expect(units.map((unit) => unit.id)).not.toContain(orgs.branch.id);
    expect(units.map((unit) => unit.id)).not.toContain(orgs.committee.id);
    expect(units.map((unit) => unit.id)).not.toContain(elsewhere.unitA.id);
    expect(units.find((unit) => unit.id === orgs.unitB.id)).toEqual({
      id: orgs.unitB.id,
      name: orgs.unitB.name,
      kind: 'department',
      kindLabel: '部门',
      parentId: orgs.committee.id,
    });
  });
});
