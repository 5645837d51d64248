import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context';
import { EventProcessor } from '../core/events';

export interface ScheduledJob {
  name: string;
  intervalSeconds: (ctx: AppContext) => number;
  run: (ctx: AppContext) => Promise<void>;
}

/**
 * What a module gives the platform (like Decidim's component manifest): routes, event handlers and
 * scheduled jobs. The server knows modules only through this.
 */
export interface ModuleManifest {
  name: string;
  routes: (app: FastifyInstance) => Promise<void>;
  subscribe?: (events: EventProcessor, ctx: AppContext) => void;
  jobs?: ScheduledJob[];
}

/**
 * Registers the modules' event handlers with the context's outbox when this thread handles its
 * events; when the background thread does (src/server/background.ts), it registers them there.
 */
export function subscribeModules(ctx: AppContext, modules: ModuleManifest[]): void {
  if (ctx.events instanceof EventProcessor) {
    for (const module of modules) {
      module.subscribe?.(ctx.events, ctx);
    }
  }
}
