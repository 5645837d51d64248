import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/core/context';
import { createOrg } from '../src/core/orgs';
import type { AdminRole, Role, Scope } from '../src/core/roles';
import { createUser } from '../src/core/users';
import type { Org, User } from '../src/db/schema';
import { client, type Client } from './harness';

export const TEST_PASSWORD = 'Lianxin#2026';

export interface TestOrgs {
  committee: Org;
  branch: Org;
  unitA: Org;
  unitB: Org;
}

/** A fresh organisation per test, so no test depends on or cleans up after another. */
export async function createTestOrgs(ctx: AppContext): Promise<TestOrgs> {
  const tag = randomBytes(3).toString('hex');
  const committee = await createOrg(ctx.db, ctx.clock, { name: `测试党委${tag}`, kind: 'party_committee' });
  const branch = await createOrg(ctx.db, ctx.clock, { name: `第一党支部${tag}`, kind: 'branch', parentId: committee.id });
  const unitA = await createOrg(ctx.db, ctx.clock, { name: `物业管理科${tag}`, kind: 'department', parentId: committee.id });
  const unitB = await createOrg(ctx.db, ctx.clock, { name: `后勤保障部${tag}`, kind: 'department', parentId: committee.id });
  return { committee, branch, unitA, unitB };
}

export interface TestUser {
  user: User;
  client: Client;
}

export async function createTestUser(
  ctx: AppContext,
  app: FastifyInstance,
  options: { orgId: string; role?: Role; scope?: Scope; adminRole?: AdminRole; name?: string; phone?: string },
): Promise<TestUser> {
  const username = `u_${randomBytes(5).toString('hex')}`;
  const user = await createUser(ctx.db, ctx.clock, ctx.crypto, {
    username,
    displayName: options.name ?? '测试用户',
    password: TEST_PASSWORD,
    orgId: options.orgId,
    adminRole: options.adminRole ?? null,
    phone: options.phone ?? null,
    mustChangePassword: false,
    grants: options.role ? [{ role: options.role, orgId: options.orgId, scope: options.scope ?? 'org' }] : [],
  });
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (response.statusCode !== 200) {
    throw new Error(`test login failed: ${response.body}`);
  }
  const cookie = String(response.headers['set-cookie']).split(';')[0];
  return { user, client: client(app, cookie) };
}
