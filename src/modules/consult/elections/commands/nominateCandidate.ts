import { iso } from '../../../../core/clock';
import { newId } from '../../../../core/ids';
import type { ElectionNomination } from '../../../../db/schema';
import { canManageConsultation } from '../../policy';
import type { ElectionRow } from '../repository';
import { insertNomination } from '../repository';
import type { NominateInput } from '../schemas';
import { recordElectionChange, requireState, type ElectionCommandContext } from './context';

/**
 * 提名: someone addressed puts a person forward with a reason, for the workers to review. A worker's
 * own nomination needs no review.
 */
export async function nominateCandidate(
  c: ElectionCommandContext,
  election: ElectionRow,
  input: NominateInput,
): Promise<ElectionNomination> {
  requireState(election, ['nominating'], 'NOMINATION_CLOSED', '提名阶段已结束');
  const byWorker = canManageConsultation(c.actor, election.org_id);
  const nomination: ElectionNomination = {
    id: newId(),
    election_id: election.id,
    name: input.name,
    unit: input.unit,
    reason: input.reason,
    nominated_by: c.actor.id,
    status: byWorker ? 'approved' : 'pending',
    review_note: null,
    reviewed_by: byWorker ? c.actor.id : null,
    reviewed_at: byWorker ? iso(c.now) : null,
    created_at: iso(c.now),
  };
  await insertNomination(c.trx, nomination);
  await recordElectionChange(c, election, {
    auditType: 'consult.election.nominate',
    eventType: 'consult.election.nominated',
    detail: { nominationId: nomination.id, name: nomination.name },
  });
  return nomination;
}
