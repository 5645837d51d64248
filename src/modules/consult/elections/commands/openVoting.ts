import { iso } from '../../../../core/clock';
import { conflict } from '../../../../core/errors';
import { freezeRoll } from '../../ballots/box';
import { approvedCandidates, audienceUserIds, countPendingNominations, updateElection, type ElectionRow } from '../repository';
import { recordElectionChange, requireState, requireUpdated, type PhaseChangeContext } from './context';

/**
 * 开始投票: the roll is frozen at this moment (VO-07), one row for each person the election asks;
 * who joins later does not vote, and corrections are the security admin's.
 */
export async function openVoting(c: PhaseChangeContext, election: ElectionRow, version: number): Promise<number> {
  requireState(election, ['nominating'], 'NOT_NOMINATING', '只有提名阶段的评选可以开始投票');
  if ((await countPendingNominations(c.trx, election.id)) > 0) {
    throw conflict('NOMINATIONS_PENDING', '还有提名未审核，请先审核全部提名');
  }
  if ((await approvedCandidates(c.trx, election.id)).length === 0) {
    throw conflict('NO_CANDIDATES', '还没有通过审核的候选人');
  }
  const voters = await audienceUserIds(c.trx, election);
  if (voters.length === 0) {
    throw conflict('EMPTY_ROLL', '参与范围内没有可投票的人员');
  }
  requireUpdated(
    await updateElection(c.trx, election.id, version, { state: 'voting', voting_opened_at: iso(c.now), updated_at: iso(c.now) }),
  );
  await freezeRoll(c.trx, election.id, voters);
  await recordElectionChange(c, election, {
    auditType: 'consult.election.open',
    eventType: 'consult.election.opened',
    detail: { voters: voters.length },
  });
  return voters.length;
}
