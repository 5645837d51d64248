import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context';
import type { EventProcessor } from '../core/events';

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
