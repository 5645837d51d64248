import { iso } from '../../../../core/clock';
import { rewriteBallotsInKeyOrder, turnout } from '../../ballots/box';
import { updateAppraisal, type AppraisalRow } from '../repository';
import { recordAppraisalChange, requireState, requireUpdated, type AppraisalCommandContext } from './context';

/** 测评结束: the committee may read the tally and decide the grades. */
export async function closeAppraisalVoting(c: AppraisalCommandContext, appraisal: AppraisalRow, version: number): Promise<void> {
  requireState(appraisal, ['voting'], 'NOT_VOTING', '只有测评中的评议可以结束测评');
  requireUpdated(
    await updateAppraisal(c.trx, appraisal.id, version, { state: 'closed', voting_closed_at: iso(c.now), updated_at: iso(c.now) }),
  );
  await rewriteBallotsInKeyOrder(c.trx, appraisal.id);
  await recordAppraisalChange(c, appraisal, {
    auditType: 'consult.appraisal.close',
    eventType: 'consult.appraisal.closed',
    detail: await turnout(c.trx, appraisal.id),
  });
}
