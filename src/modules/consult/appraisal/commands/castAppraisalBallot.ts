import type { Actor } from '../../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import { badRequest, conflict, notFound } from '../../../../core/errors';
import { castBallot } from '../../ballots/box';
import { listRoster, lockAppraisalState } from '../repository';
import type { AppraisalGrade } from '../schemas';

/**
 * 民主测评: one anonymous ballot per rater with a grade for every full member of the branch, the
 * rater included. A ballot leaving out the rater's own line would name the rater, so every ballot
 * covers the same members. Through the ballot machinery of the elections (VO-01…VO-07).
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
    const graded = (await listRoster(trx, appraisalId)).filter((member) => member.probationary === 0).map((member) => member.user_id);
    const given = Object.keys(grades);
    if (given.length !== graded.length || graded.some((userId) => !(userId in grades))) {
      throw badRequest('INCOMPLETE_BALLOT', '请为名单上的每一位正式党员（包括本人）选择等次', 'grades');
    }
    const choices = JSON.stringify(Object.fromEntries([...graded].sort().map((userId) => [userId, grades[userId]])));
    const receipt = await castBallot(trx, app.crypto.ballotKey, appraisalId, actor.id, choices);
    await audit(app, trx, meta, actor, {
      eventType: 'consult.ballot.cast',
      outcome: 'success',
      targetType: 'appraisal',
      targetId: appraisalId,
    });
    return receipt;
  });
}
