import type { FastifyInstance } from 'fastify';
import { loadActor } from '../core/actor';
import { AppError, deniedForbidden, forbidden, unauthenticated } from '../core/errors';
import { getRule } from '../core/policy';
import { resumeSession, SESSION_COOKIE } from '../core/sessions';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie to an actor, then enforces the route's policy rule before the handler
 * runs. A route without a rule never reaches here: the server refuses to register it.
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('meta', null as never);

  app.addHook('onRequest', async (request) => {
    request.meta = { ip: request.ip ?? null, requestId: request.id };
    request.actor = null;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) {
      return;
    }
    // A cookie-authenticated write from another site is cross-site request forgery (ASVS 3.5).
    if (MUTATING.has(request.method) && request.headers['sec-fetch-site'] === 'cross-site') {
      throw new AppError(403, 'CROSS_SITE_REQUEST', '拒绝跨站请求');
    }
    const session = await resumeSession(app.ctx.db, app.ctx.clock, app.ctx.config, token);
    if (session) {
      request.actor = await loadActor(app.ctx.db, session.user, session.id);
    }
  });

  // Before validation, so an anonymous caller learns nothing about a route's input (authenticate → validate).
  app.addHook('preValidation', async (request) => {
    const ruleName = request.routeOptions.config.policy;
    if (!ruleName) {
      return;
    }
    const rule = getRule(ruleName);
    if (!rule) {
      throw forbidden();
    }
    if (rule.kind === 'public') {
      return;
    }
    const actor = request.actor;
    if (!actor) {
      throw unauthenticated();
    }
    if (actor.user.must_change_password === 1 && !request.routeOptions.config.allowBeforePasswordChange) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码');
    }
    const allowed = rule.kind === 'actor' ? rule.allow(actor) : true;
    if (!allowed) {
      throw deniedForbidden();
    }
  });
}
