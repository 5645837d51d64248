import { iso } from '../../../../core/clock';
import { freezeRoll } from '../../ballots/box';
import { listRoster, updateAppraisal, type AppraisalRow } from '../repository';
import { recordAppraisalChange, requireState, requireUpdated, type AppraisalCommandContext } from './context';

/** 民主测评 opens: everyone on the roster, 预备党员 included, may rate once (the roll is frozen). */
export async function openAppraisalVoting(c: AppraisalCommandContext, appraisal: AppraisalRow, version: number): Promise<void> {
  requireState(appraisal, ['self_review'], 'NOT_SELF_REVIEW', '只有自评阶段的评议可以开始测评');
  requireUpdated(
    await updateAppraisal(c.trx, appraisal.id, version, { state: 'voting', voting_opened_at: iso(c.now), updated_at: iso(c.now) }),
  );
  const roster = await listRoster(c.trx, appraisal.id);
  await freezeRoll(
    c.trx,
    appraisal.id,
    roster.map((member) => member.user_id),
  );
  await recordAppraisalChange(c, appraisal, {
    auditType: 'consult.appraisal.open',
    eventType: 'consult.appraisal.opened',
    detail: { raters: roster.length },
  });
}
