import type { AppContext } from '../core/context';
import { claimJobSlot, intervalSlot } from '../core/jobs';
import { purgeRateLimits } from '../core/rateLimit';
import { refreshPlannerStatistics } from '../db/dialect';
import type { ModuleManifest, ScheduledJob } from './modules';

const EVENT_POLL_MS = 5_000;

const housekeeping: ScheduledJob = {
  name: 'core.purge-rate-limits',
  intervalSeconds: () => 3600,
  run: (ctx) => purgeRateLimits(ctx.db, ctx.clock.now()),
};

const plannerStatistics: ScheduledJob = {
  name: 'core.planner-statistics',
  intervalSeconds: () => 3600,
  run: (ctx) => refreshPlannerStatistics(ctx.db),
};

/**
 * Runs the modules' scheduled jobs and catches up on unhandled events. Every instance ticks, but a
 * job's slot can be claimed once, so each run happens in exactly one instance. Without jobs (the
 * benchmarks, which measure one thing at a time), only the catching up.
 */
export function startScheduler(
  ctx: AppContext,
  modules: ModuleManifest[],
  log: (message: string, error?: unknown) => void,
  options: { jobs?: boolean } = {},
): () => void {
  const jobs = options.jobs === false ? [] : [housekeeping, plannerStatistics, ...modules.flatMap((module) => module.jobs ?? [])];
  const timers = jobs.map((job) => {
    const seconds = job.intervalSeconds(ctx);
    const tick = async () => {
      try {
        if (await claimJobSlot(ctx.db, job.name, intervalSlot(ctx.clock.now(), seconds), ctx.clock.now())) {
          await job.run(ctx);
        }
      } catch (error) {
        log(`job ${job.name} failed`, error);
      }
    };
    return setInterval(() => void tick(), Math.min(seconds * 1000, 60_000));
  });
  timers.push(setInterval(() => void ctx.events.drain().catch((error: unknown) => log('event drain failed', error)), EVENT_POLL_MS));
  return () => timers.forEach(clearInterval);
}
