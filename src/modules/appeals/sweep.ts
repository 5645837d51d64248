import { WorkCalendar } from '../../core/calendar';
import { SCHEDULED_JOB, type AppContext } from '../../core/context';
import type { Db } from '../../db/database';
import { superviseAppeal } from './commands/superviseAppeal';
import { getAppeal } from './repository';
import { loadAppealSettings } from './settings';
import { HANDLING_STATES } from './stateMachine';

const BATCH = 200;

/**
 * Escalates overdue appeals to 督办 and tells the unit and the leaders (through the supervise event).
 * The scheduler runs it in one app instance per interval; each appeal is flagged once.
 */
export async function sweepOverdueAppeals(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const settings = await loadAppealSettings(ctx.db);
  let escalated = 0;
  for (;;) {
    const overdue = await ctx.db
      .selectFrom('appeals')
      .select('id')
      .where('state', 'in', HANDLING_STATES)
      .where('supervised', '=', 0)
      .where('due_at', '<', now.toISOString())
      .orderBy('due_at')
      .limit(BATCH)
      .execute();
    for (const { id } of overdue) {
      await ctx.db.transaction().execute(async (trx: Db) => {
        const appeal = await getAppeal(trx, id);
        if (!appeal || appeal.supervised === 1) {
          return;
        }
        const calendar = await WorkCalendar.load(trx);
        const c = { app: ctx, trx, actor: null, meta: SCHEDULED_JOB, now, settings, calendar };
        await superviseAppeal(c, appeal, { version: appeal.version, note: '超过办理期限，系统自动督办' });
      });
      escalated += 1;
    }
    if (overdue.length < BATCH) {
      return escalated;
    }
  }
}
