import { shanghaiDate } from '../../../../core/calendar';
import { iso } from '../../../../core/clock';
import { conflict } from '../../../../core/errors';
import { publicityEndsOn } from '../phases';
import { updateElection, type ElectionRow } from '../repository';
import { recordElectionChange, requireState, requireUpdated, type PhaseChangeContext } from './context';

/** 公示期满: the result becomes final once the last day of the 公示 has passed. */
export async function finalizeElection(c: PhaseChangeContext, election: ElectionRow, version: number): Promise<void> {
  requireState(election, ['publicity'], 'NOT_IN_PUBLICITY', '只有公示中的评选可以确认结果');
  const lastDay = publicityEndsOn(election)!;
  if (shanghaiDate(c.now) <= lastDay) {
    throw conflict('PUBLICITY_NOT_OVER', `公示期到 ${lastDay} 结束，期满后才能确认最终结果`);
  }
  requireUpdated(await updateElection(c.trx, election.id, version, { state: 'final', finalized_at: iso(c.now), updated_at: iso(c.now) }));
  await recordElectionChange(c, election, { auditType: 'consult.election.finalize', eventType: 'consult.election.finalized', detail: {} });
}
