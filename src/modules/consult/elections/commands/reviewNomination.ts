import { iso } from '../../../../core/clock';
import { conflict, notFound } from '../../../../core/errors';
import { getNomination, type ElectionRow } from '../repository';
import { recordElectionChange, requireState, type ElectionCommandContext } from './context';

/** A worker approves a nomination (the person becomes a candidate) or rejects it, with a note. */
export async function reviewNomination(
  c: ElectionCommandContext,
  election: ElectionRow,
  nominationId: string,
  review: { decision: 'approve' | 'reject'; note: string | null },
): Promise<void> {
  requireState(election, ['nominating'], 'NOMINATION_CLOSED', '提名阶段已结束，不能再审核');
  const nomination = await getNomination(c.trx, election.id, nominationId);
  if (!nomination) {
    throw notFound('提名不存在');
  }
  if (nomination.status !== 'pending') {
    throw conflict('ALREADY_REVIEWED', '该提名已经审核过了');
  }
  const status = review.decision === 'approve' ? 'approved' : 'rejected';
  await c.trx
    .updateTable('election_nominations')
    .set({ status, review_note: review.note, reviewed_by: c.actor.id, reviewed_at: iso(c.now) })
    .where('id', '=', nomination.id)
    .execute();
  await recordElectionChange(c, election, {
    auditType: 'consult.election.review',
    eventType: 'consult.election.reviewed',
    detail: { nominationId: nomination.id, status },
  });
}
