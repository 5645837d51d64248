import type { Actor } from '../core/actor';
import type { AppContext, RequestMeta } from '../core/context';
import type { RouteEntry } from './app';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Name of the policy rule guarding the route (see core/policy.ts). Every API route has one. */
    policy?: string;
    /** Routes a user who must change their password may still call. */
    allowBeforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    meta: RequestMeta;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** Every guarded route with its policy rule, for the completeness tests. */
    routeTable: RouteEntry[];
  }
}
