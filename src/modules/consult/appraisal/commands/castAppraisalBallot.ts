import type { Actor } from '../../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import { badRequest, conflict, notFound } from '../../../../core/errors';
import { castSplitBallot } from '../../ballots/box';
import { listRoster, lockAppraisalState } from '../repository';
import type { AppraisalGrade } from '../schemas';
import { membersRatedBy } from '../tally';

/**
 * 民主测评: each rater grades every other full member of the branch, anonymously. Each rating is a
 * sealed row of its own (castSplitBallot), so no stored ballot lacks exactly its rater's line. Through
 * the ballot machinery of the elections (VO-01…VO-07).
 */
export function castAppraisalBallot(
  app: AppContext,
  actor: Actor,
  meta: RequestMeta,
  appraisalId: string,
  grades: Record<string, AppraisalGrade>,
): Promise<string> {
  return app.writes.transaction(async (trx) => {
    const appraisal = await lockAppraisalState(trx, appraisalId);
    if (!appraisal) {
      throw notFound();
    }
    if (appraisal.state !== 'voting') {
      throw conflict('VOTING_NOT_OPEN', '当前不在民主测评阶段');
    }
    if (actor.id in grades) {
      throw badRequest('SELF_RATING', '不能为自己评定等次，请评议其他党员', 'grades');
    }
    const rated = membersRatedBy(await listRoster(trx, appraisalId), actor.id);
    if (Object.keys(grades).length !== rated.length || rated.some((userId) => !(userId in grades))) {
      throw badRequest('INCOMPLETE_BALLOT', '请为名单上除本人以外的每一位正式党员选择等次', 'grades');
    }
    const ratings = rated.map((userId) => JSON.stringify({ userId, grade: grades[userId] }));
    const receipt = await castSplitBallot(trx, app.crypto.ballotKey, appraisalId, actor.id, ratings);
    await audit(app, trx, meta, actor, {
      eventType: 'consult.ballot.cast',
      outcome: 'success',
      targetType: 'appraisal',
      targetId: appraisalId,
    });
    return receipt;
  });
}
