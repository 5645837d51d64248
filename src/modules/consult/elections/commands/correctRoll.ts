import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import type { Actor } from '../../../../core/actor';
import { notFound } from '../../../../core/errors';
import { changeRoll, type RollChange } from '../../ballots/box';
import type { Db } from '../../../../db/database';
import { requireState } from './context';
import type { ElectionRow } from '../repository';

/** The security admin adds someone the frozen roll missed or removes someone who may not vote, with a reason (VO-07). */
export async function correctRoll(
  app: AppContext,
  trx: Db,
  actor: Actor,
  meta: RequestMeta,
  election: ElectionRow,
  correction: { userId: string; change: RollChange; reason: string },
): Promise<void> {
  requireState(election, ['voting'], 'NOT_VOTING', '只有投票中的名单可以更正');
  const user = await trx.selectFrom('users').select('id').where('id', '=', correction.userId).executeTakeFirst();
  if (!user) {
    throw notFound('人员不存在');
  }
  await changeRoll(trx, election.id, correction.userId, correction.change);
  await audit(app, trx, meta, actor, {
    eventType: 'consult.election.roll',
    outcome: 'success',
    targetType: 'election',
    targetId: election.id,
    reason: correction.reason,
    detail: { userId: correction.userId, change: correction.change },
  });
}
