import { iso } from '../../../../core/clock';
import { conflict } from '../../../../core/errors';
import { newId } from '../../../../core/ids';
import { insertChunks, isUniqueViolation } from '../../../../db/dialect';
import type { Appraisal } from '../../../../db/schema';
import { branchMembers } from '../repository';
import { recordAppraisalChange, type AppraisalCommandContext } from './context';

/**
 * 民主评议 of a branch for a year: the roster is the branch's party members at this moment, 预备党员
 * marked (they rate but are not graded). Members then write their self-appraisals.
 */
export async function createAppraisal(
  c: AppraisalCommandContext,
  branch: { id: string; name: string; path: string },
  year: number,
): Promise<Appraisal> {
  const members = await branchMembers(c.trx, branch.path);
  if (members.length === 0) {
    throw conflict('NO_MEMBERS', '该组织没有党员，无法开展民主评议');
  }
  const now = iso(c.now);
  const appraisal: Appraisal = {
    id: newId(),
    org_id: branch.id,
    year,
    title: `${branch.name} ${year} 年度民主评议党员`,
    state: 'self_review',
    created_by: c.actor.id,
    created_at: now,
    updated_at: now,
    voting_opened_at: null,
    voting_closed_at: null,
    finalized_at: null,
    version: 1,
  };
  try {
    await c.trx.insertInto('appraisals').values(appraisal).execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('APPRAISAL_EXISTS', `${year} 年度的民主评议已经发起过了`);
    }
    throw error;
  }
  const roster = members.map((member) => ({
    appraisal_id: appraisal.id,
    user_id: member.user_id,
    probationary: member.probationary_id ? 1 : 0,
    self_appraisal: null,
    self_written_at: null,
    final_grade: null,
  }));
  for (const chunk of insertChunks(roster)) {
    await c.trx.insertInto('appraisal_members').values(chunk).execute();
  }
  await recordAppraisalChange(c, appraisal, {
    auditType: 'consult.appraisal.create',
    eventType: 'consult.appraisal.created',
    detail: { year, members: roster.length },
  });
  return appraisal;
}
