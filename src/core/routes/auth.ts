import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, Ok } from '../../server/schemas';
import { changePassword } from '../commands/changePassword';
import { login } from '../commands/login';
import { audit } from '../context';
import { corePolicy } from '../policies';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLE_LABELS, SCOPES } from '../roles';
import { endSession, SESSION_COOKIE } from '../sessions';
import type { Actor } from '../actor';

const Me = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    orgId: z.string(),
    adminRole: z.enum(ADMIN_ROLES).nullable(),
    roles: z.array(z.object({ role: z.enum(BUSINESS_ROLES), orgId: z.string(), scope: z.enum(SCOPES), label: z.string() })),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'Me' });

const presentMe = (actor: Actor, mustChangePassword: boolean): z.infer<typeof Me> => ({
  id: actor.id,
  username: actor.user.username,
  displayName: actor.user.display_name,
  orgId: actor.user.org_id,
  adminRole: actor.adminRole,
  roles: actor.grants.map((grant) => ({ ...grant, label: ROLE_LABELS[grant.role] })),
  mustChangePassword,
});

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { policy: corePolicy.login },
      schema: {
        tags: ['auth'],
        body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ mustChangePassword: z.boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await login(app.ctx, { ...request.meta, userAgent: request.headers['user-agent'] ?? null }, request.body);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: app.ctx.config.cookieSecure,
      });
      return { mustChangePassword: result.mustChangePassword };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { policy: corePolicy.session, allowBeforePasswordChange: true },
      schema: { tags: ['auth'], response: { 200: Ok, ...errorResponses } },
    },
    async (request, reply) => {
      const actor = request.actor!;
      await endSession(app.ctx.db, actor.sessionId);
      await audit(app.ctx, app.ctx.db, request.meta, actor, {
        eventType: 'auth.logout',
        outcome: 'success',
        targetType: 'user',
        targetId: actor.id,
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { policy: corePolicy.session, allowBeforePasswordChange: true },
      schema: { tags: ['auth'], response: { 200: Me, ...errorResponses } },
    },
    async (request) => presentMe(request.actor!, request.actor!.user.must_change_password === 1),
  );

  r.post(
    '/api/auth/password',
    {
      config: { policy: corePolicy.session, allowBeforePasswordChange: true },
      schema: {
        tags: ['auth'],
        body: z.object({ oldPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await changePassword(app.ctx, request.meta, request.actor!, request.body);
      return { ok: true as const };
    },
  );
}
