import { iso } from '../../../../core/clock';
import type { AppraisalRow } from '../repository';
import { recordAppraisalChange, requireState, type AppraisalCommandContext } from './context';

/** 个人自评: a member's own account of the year, until the test closes. */
export async function writeSelfAppraisal(c: AppraisalCommandContext, appraisal: AppraisalRow, text: string): Promise<void> {
  requireState(appraisal, ['self_review', 'voting'], 'SELF_REVIEW_CLOSED', '测评已结束，个人自评不能再修改');
  await c.trx
    .updateTable('appraisal_members')
    .set({ self_appraisal: text, self_written_at: iso(c.now) })
    .where('appraisal_id', '=', appraisal.id)
    .where('user_id', '=', c.actor.id)
    .execute();
  await recordAppraisalChange(c, appraisal, {
    auditType: 'consult.appraisal.self',
    eventType: 'consult.appraisal.self_written',
    detail: {},
  });
}
