import { iso } from '../../../../core/clock';
import { rewriteBallotsInKeyOrder, turnout } from '../../ballots/box';
import { updateElection, type ElectionRow } from '../repository';
import { recordElectionChange, requireState, requireUpdated, type PhaseChangeContext } from './context';

/**
 * 结束投票: no ballot is taken after this, and the result goes on 公示. On PostgreSQL the update
 * waits for votes in flight, which hold a shared lock on the election row.
 */
export async function closeVoting(c: PhaseChangeContext, election: ElectionRow, version: number): Promise<void> {
  requireState(election, ['voting'], 'NOT_VOTING', '只有投票中的评选可以结束投票');
  requireUpdated(
    await updateElection(c.trx, election.id, version, { state: 'publicity', voting_closed_at: iso(c.now), updated_at: iso(c.now) }),
  );
  await rewriteBallotsInKeyOrder(c.trx, election.id);
  await recordElectionChange(c, election, {
    auditType: 'consult.election.close',
    eventType: 'consult.election.closed',
    detail: await turnout(c.trx, election.id),
  });
}
