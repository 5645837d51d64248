import type { FastifyInstance } from 'fastify';

/** Runs the event handlers for what just committed (notifications, the search index), without holding up the response. */
export function afterCommit(app: FastifyInstance): void {
  app.ctx.events.drain().catch((error: unknown) => app.log.error({ err: error }, 'event drain failed'));
}
