import { iso } from '../../../core/clock';
import { SCHEDULED_JOB, type AppContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { closeSurvey } from './commands/changeSurveyState';

/**
 * 到期结束: a published survey whose closing time has passed is closed through the same command as the
 * worker's button, so lists, the audit and the events say so, not only the answer form.
 */
export async function closeDueSurveys(app: AppContext): Promise<string[]> {
  const now = app.clock.now();
  const due = await app.db
    .selectFrom('surveys')
    .select('id')
    .where('state', '=', 'published')
    .where('closes_at', 'is not', null)
    .where('closes_at', '<=', iso(now))
    .orderBy('id')
    .execute();
  const closed: string[] = [];
  for (const { id } of due) {
    try {
      await app.writes.transaction(async (trx) => {
        const survey = await trx.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await closeSurvey({ app, trx, actor: null, meta: SCHEDULED_JOB, now }, survey, survey.version);
      });
      closed.push(id);
    } catch (error) {
      // A worker closed it in the meantime.
      if (!(error instanceof AppError)) {
        throw error;
      }
    }
  }
  return closed;
}
