import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditRow } from '../../db/schema';
import { errorResponses, IdParams, PageQuery } from '../../server/schemas';
import { findAccount, listAccounts, type AccountRow } from '../accounts';
import { verifyAuditChain } from '../audit';
import { searchAudit } from '../auditSearch';
import { createAccount, USERNAME_PATTERN } from '../commands/createAccount';
import { grantRoles } from '../commands/grantRoles';
import { resetPassword } from '../commands/resetPassword';
import { setAccountDisabled } from '../commands/setAccountDisabled';
import { audit } from '../context';
import { badRequest, notFound } from '../errors';
import { maskPhone, scrubPersonalData } from '../masking';
import { getOrg } from '../orgs';
import { accountPolicy, corePolicy } from '../policies';
import { authorize } from '../policy';
import { ADMIN_ROLES, BUSINESS_ROLES, SCOPES } from '../roles';

const GrantSchema = z.object({ role: z.enum(BUSINESS_ROLES), orgId: z.string().uuid(), scope: z.enum(SCOPES) });

const AdminUser = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    adminRole: z.enum(ADMIN_ROLES).nullable(),
    roles: z.array(GrantSchema),
    /** Masked (GB/T 35273 §7.2): 138****1234. */
    phone: z.string().nullable(),
    disabled: z.boolean(),
    locked: z.boolean(),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AdminUser' });

const AuditEntry = z
  .object({
    seq: z.number().int(),
    ts: z.string(),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    eventType: z.string(),
    outcome: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    reason: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });

const Paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const UserListQuery = PageQuery.extend({ orgId: z.string().uuid().optional(), q: z.string().trim().max(64).optional() });

const NewUserBody = z.object({
  username: z.string().trim().regex(USERNAME_PATTERN, '用户名须为 3–32 位字母、数字、下划线、点或连字符'),
  displayName: z.string().trim().min(1).max(64),
  orgId: z.string().uuid(),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码')
    .optional(),
  password: z.string().min(1).max(128),
});

const AuditQuery = PageQuery.extend({
  eventType: z.string().trim().max(64).optional(),
  actorId: z.string().uuid().optional(),
  targetId: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const toUtc = (instant: string | undefined) => (instant ? new Date(instant).toISOString() : undefined);

function presentAccount(row: AccountRow, decryptPhone: (sealed: string | null) => string | null, now: Date): z.infer<typeof AdminUser> {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    adminRole: row.admin_role as z.infer<typeof AdminUser>['adminRole'],
    roles: row.grants,
    phone: maskPhone(decryptPhone(row.phone_enc)),
    disabled: row.disabled === 1,
    locked: row.locked_until !== null && new Date(row.locked_until) > now,
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

const presentAuditEntry = (row: AuditRow): z.infer<typeof AuditEntry> => ({
  seq: row.seq,
  ts: row.ts,
  actorId: row.actor_id,
  actorRole: row.actor_role,
  eventType: row.event_type,
  outcome: row.outcome,
  targetType: row.target_type,
  targetId: row.target_id,
  ip: row.src_ip,
  requestId: row.request_id,
  reason: row.reason,
  detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
});

/**
 * The three separate admins (三员分立, GB/T 22239 §8.1.5): the system admin keeps accounts, the
 * security admin grants business roles, the audit admin reads the audit log. Each route belongs to
 * exactly one of them, and every call is audited (TA-05).
 */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const present = (row: AccountRow) => presentAccount(row, (sealed) => ctx.crypto.decryptOptional(sealed), ctx.clock.now());
  const loadAccount = async (id: string) => {
    const account = await findAccount(ctx.db, id);
    if (!account) {
      throw notFound('用户不存在');
    }
    return account;
  };

  r.get(
    '/api/admin/users',
    {
      config: { policy: corePolicy.listUsers },
      schema: { tags: ['admin'], querystring: UserListQuery, response: { 200: Paged(AdminUser), ...errorResponses } },
    },
    async (request) => {
      const { orgId, q, page, pageSize } = request.query;
      const org = orgId ? await getOrg(ctx.db, orgId) : undefined;
      if (orgId && !org) {
        throw badRequest('UNKNOWN_ORG', '组织不存在', 'orgId');
      }
      const { total, rows } = await listAccounts(ctx.db, ctx.crypto, { orgPath: org?.path, text: q, page, pageSize });
      await audit(ctx, ctx.db, request.meta, request.actor, {
        eventType: 'admin.user_list',
        outcome: 'success',
        targetType: 'user',
        // A phone number searched for stays masked in the log too (MS-03).
        detail: { orgId: orgId ?? null, q: q ? scrubPersonalData(q) : null, page },
      });
      return { items: rows.map(present), total, page, pageSize };
    },
  );

  r.post(
    '/api/admin/users',
    {
      config: { policy: corePolicy.manageUsers },
      schema: { tags: ['admin'], body: NewUserBody, response: { 201: AdminUser, ...errorResponses } },
    },
    async (request, reply) => {
      const user = await createAccount(ctx, request.meta, request.actor, request.body);
      return reply.status(201).send(present(await loadAccount(user.id)));
    },
  );

  r.post(
    '/api/admin/users/:id/disable',
    {
      config: { policy: corePolicy.manageUsers },
      schema: { tags: ['admin'], params: IdParams, response: { 200: AdminUser, ...errorResponses } },
    },
    async (request) => {
      const account = await loadAccount(request.params.id);
      authorize(request.actor!, accountPolicy.disable, account);
      await setAccountDisabled(ctx, request.meta, request.actor!, account, true);
      return present({ ...account, disabled: 1 });
    },
  );

  r.post(
    '/api/admin/users/:id/enable',
    {
      config: { policy: corePolicy.manageUsers },
      schema: { tags: ['admin'], params: IdParams, response: { 200: AdminUser, ...errorResponses } },
    },
    async (request) => {
      const account = await loadAccount(request.params.id);
      await setAccountDisabled(ctx, request.meta, request.actor!, account, false);
      return present({ ...account, disabled: 0 });
    },
  );

  r.post(
    '/api/admin/users/:id/reset-password',
    {
      config: { policy: corePolicy.manageUsers },
      schema: { tags: ['admin'], params: IdParams, response: { 200: z.object({ temporaryPassword: z.string() }), ...errorResponses } },
    },
    async (request) => {
      const account = await loadAccount(request.params.id);
      authorize(request.actor!, accountPolicy.resetPassword, account);
      return { temporaryPassword: await resetPassword(ctx, request.meta, request.actor!, account) };
    },
  );

  r.put(
    '/api/admin/users/:id/roles',
    {
      config: { policy: corePolicy.grantRoles },
      schema: {
        tags: ['admin'],
        params: IdParams,
        body: z.object({ grants: z.array(GrantSchema).max(50) }),
        response: { 200: z.object({ roles: z.array(GrantSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const account = await loadAccount(request.params.id);
      authorize(request.actor!, accountPolicy.grantRoles, account);
      return { roles: await grantRoles(ctx, request.meta, request.actor!, account, request.body.grants) };
    },
  );

  r.get(
    '/api/admin/audit',
    {
      config: { policy: corePolicy.readAudit },
      schema: { tags: ['admin'], querystring: AuditQuery, response: { 200: Paged(AuditEntry), ...errorResponses } },
    },
    async (request) => {
      const filter = { ...request.query, from: toUtc(request.query.from), to: toUtc(request.query.to) };
      if (filter.from && filter.to && filter.from >= filter.to) {
        throw badRequest('INVALID_RANGE', '结束时间必须晚于开始时间', 'to');
      }
      const { total, rows } = await searchAudit(ctx.db, filter);
      const { page, pageSize, ...criteria } = filter;
      await audit(ctx, ctx.db, request.meta, request.actor, {
        eventType: 'admin.audit_read',
        outcome: 'success',
        detail: { ...criteria, page },
      });
      return { items: rows.map(presentAuditEntry), total, page, pageSize };
    },
  );

  r.get(
    '/api/admin/audit/verify',
    {
      config: { policy: corePolicy.readAudit },
      schema: {
        tags: ['admin'],
        response: {
          200: z.object({ ok: z.boolean(), checked: z.number().int(), brokenAt: z.number().int().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const verdict = await verifyAuditChain(ctx.db, ctx.crypto.auditKey);
      await audit(ctx, ctx.db, request.meta, request.actor, {
        eventType: 'admin.audit_verify',
        outcome: verdict.ok ? 'success' : 'failure',
        detail: { ...verdict },
      });
      return verdict;
    },
  );
}
