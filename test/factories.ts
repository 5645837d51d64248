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

export async function createTestCategory(
  ctx: AppContext,
  options: { limitKind?: string; appealType?: string; name?: string } = {},
): Promise<string> {
  const code = `c_${randomBytes(4).toString('hex')}`;
  await ctx.db
    .insertInto('appeal_categories')
    .values({
      code,
      name: options.name ?? '物业管理',
      appeal_type: options.appealType ?? 'complaint',
      limit_kind: options.limitKind ?? 'general',
      default_unit_id: null,
      description: null,
      sort: 0,
      active: 1,
    })
    .execute();
  return code;
}

/** A small organisation with one worker per role, each signed in. */
export async function createAppealsDesk(ctx: AppContext, app: FastifyInstance) {
  const orgs = await createTestOrgs(ctx);
  const categoryCode = await createTestCategory(ctx);
  const [dispatcher, handlerA, headA, handlerB, leader, resident] = await Promise.all([
    createTestUser(ctx, app, { orgId: orgs.committee.id, role: 'dispatcher', scope: 'subtree', name: '王受理' }),
    createTestUser(ctx, app, { orgId: orgs.unitA.id, role: 'handler', name: '李承办' }),
    createTestUser(ctx, app, { orgId: orgs.unitA.id, role: 'unit_head', name: '赵科长' }),
    createTestUser(ctx, app, { orgId: orgs.unitB.id, role: 'handler', name: '钱承办' }),
    createTestUser(ctx, app, { orgId: orgs.committee.id, role: 'leader', scope: 'subtree', name: '孙书记' }),
    createTestUser(ctx, app, { orgId: orgs.committee.id, role: 'masses', name: '周群众' }),
  ]);
  return { orgs, categoryCode, dispatcher, handlerA, headA, handlerB, leader, resident };
}

export type AppealsDesk = Awaited<ReturnType<typeof createAppealsDesk>>;

export function appealBody(desk: AppealsDesk, overrides: Record<string, unknown> = {}) {
  return {
    categoryCode: desk.categoryCode,
    content: '小区东门路灯已经坏了两个星期，晚上出行很不方便，请尽快维修。',
    address: '幸福路 12 号院东门',
    contactName: '刘建国',
    contactPhone: '13812341234',
    anonymous: false,
    publicable: true,
    orgId: desk.orgs.committee.id,
    ...overrides,
  };
}

export interface TestAdmins {
  sysadmin: TestUser;
  secadmin: TestUser;
  auditadmin: TestUser;
}

/** One signed-in account for each of the three separate admins (三员分立). */
export async function createTestAdmins(ctx: AppContext, app: FastifyInstance, orgId: string): Promise<TestAdmins> {
  return {
    sysadmin: await createTestUser(ctx, app, { orgId, adminRole: 'sysadmin', name: '系统管理员' }),
    secadmin: await createTestUser(ctx, app, { orgId, adminRole: 'secadmin', name: '安全管理员' }),
    auditadmin: await createTestUser(ctx, app, { orgId, adminRole: 'auditadmin', name: '审计管理员' }),
  };
}
