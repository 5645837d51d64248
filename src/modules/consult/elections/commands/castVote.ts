import type { Actor } from '../../../../core/actor';
import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import { badRequest, conflict, notFound } from '../../../../core/errors';
import { castBallot } from '../../ballots/box';
import { approvedCandidates, lockElectionState } from '../repository';

/**
 * 投票: one ballot of up to N approved candidates, through the group commit (a burst of voters shares
 * commits). The election must be voting when the ballot is written; the voter's row then moves to
 * voted and the ballot is stored without anything naming the voter (VO-01, VO-02). The audit log
 * says that the voter voted in this election, nothing more (VO-04).
 */
export function castVote(app: AppContext, actor: Actor, meta: RequestMeta, electionId: string, candidateIds: string[]): Promise<string> {
  return app.writes.transaction(async (trx) => {
    const election = await lockElectionState(trx, electionId);
    if (!election) {
      throw notFound();
    }
    if (election.state !== 'voting') {
      throw conflict('VOTING_NOT_OPEN', '当前不在投票阶段');
    }
    if (candidateIds.length > election.max_choices) {
      throw badRequest('TOO_MANY_CHOICES', `每人最多选 ${election.max_choices} 人`, 'candidateIds');
    }
    const candidates = new Set((await approvedCandidates(trx, electionId)).map((candidate) => candidate.id));
    if (candidateIds.some((id) => !candidates.has(id))) {
      throw badRequest('UNKNOWN_CANDIDATE', '所选的人不在候选人名单中', 'candidateIds');
    }
    const receipt = await castBallot(trx, app.crypto.ballotKey, electionId, actor.id, JSON.stringify([...candidateIds].sort()));
    await audit(app, trx, meta, actor, {
      eventType: 'consult.ballot.cast',
      outcome: 'success',
      targetType: 'election',
      targetId: electionId,
    });
    return receipt;
  });
}
