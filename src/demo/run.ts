import type { Actor } from '../core/actor';
import { ManualClock } from '../core/clock';
import type { AppContext, RequestMeta } from '../core/context';
import { AppError } from '../core/errors';
import { performAppealAction, submitAppeal } from '../modules/appeals';
import { timeline, type PlannedAppeal, type PlannedStep } from './timeline';

const META: RequestMeta = { ip: null, requestId: 'demo-seed' };

export interface RunResult {
  submitted: number;
  steps: number;
  /** Steps the workflow refused, with the reason; the seed test expects none. */
  refused: string[];
}

/**
 * Plays the planned appeals through the real commands, in time order, with the clock set to each
 * moment: the audit log, the events and every timestamp read as if the year had really happened.
 */
export async function runPlans(
  ctx: AppContext,
  plans: readonly PlannedAppeal[],
  actors: ReadonlyMap<string, Actor>,
  orgId: string,
  now: Date,
): Promise<RunResult> {
  const clock = new ManualClock(now);
  const clocked: AppContext = { ...ctx, clock };
  const stuck = new Set<PlannedAppeal>();
  const result: RunResult = { submitted: 0, steps: 0, refused: [] };
  const actor = (username: string | null) => (username === null ? null : actors.get(username)!);

  const perform = (plan: PlannedAppeal, step: PlannedStep) =>
    performAppealAction(clocked, step.action, plan.id!, step.input() as never, { actor: actor(step.actor), meta: META });

  for (const entry of timeline(plans, now)) {
    clock.set(entry.at);
    const plan = entry.appeal;
    if (entry.step === null) {
      const submitted = await submitAppeal(clocked, plan.body, { actor: actor(plan.submitter), meta: META, channel: plan.channel, orgId });
      plan.id = submitted.appealId!;
      plan.trackingNo = submitted.result.trackingNo;
      plan.queryCode = submitted.result.queryCode;
      result.submitted += 1;
      continue;
    }
    if (stuck.has(plan)) {
      continue;
    }
    try {
      await perform(plan, entry.step);
      result.steps += 1;
    } catch (error) {
      if (!(error instanceof AppError)) {
        throw error;
      }
      stuck.add(plan);
      result.refused.push(`${plan.trackingNo} ${entry.step.action}: ${error.code} ${error.message}`);
    }
  }
  return result;
}
