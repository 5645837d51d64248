import { shanghaiDate } from '../../../../core/calendar';
import { iso } from '../../../../core/clock';
import { badRequest } from '../../../../core/errors';
import { newId } from '../../../../core/ids';
import { notifyUsers } from '../../../../core/notifications';
import { addDays } from '../../dates';
import { gradingProblem } from '../grading';
import { listRoster, updateAppraisal, type AppraisalRow } from '../repository';
import type { FinalGradesInput } from '../schemas';
import { recordAppraisalChange, requireState, requireUpdated, type AppraisalCommandContext } from './context';

/** 限期改正 is generally one year (party-affairs.md §3.2). */
const FOLLOW_UP_DAYS = 365;

const PROBLEM_MESSAGES = {
  NOT_GRADED: '每位正式党员都要评定等次',
  NOT_GRADABLE: '预备党员参加评议但不评定等次，名单外的人员也不能评定',
  TOO_MANY_EXCELLENT: (limit: number) => `优秀等次不能超过参加评定人数的三分之一（本次最多 ${limit} 人）`,
};

/**
 * 支委会定等次: from the tally and daily conduct ("不唯票数"), a grade for every full member, 优秀 at
 * most a third. A 不合格 starts the follow-up: 限期改正 for a year, recorded, and the member told.
 */
export async function setFinalGrades(c: AppraisalCommandContext, appraisal: AppraisalRow, input: FinalGradesInput): Promise<void> {
  requireState(appraisal, ['closed'], 'NOT_CLOSED', '测评结束后才能评定等次，且等次只能评定一次');
  const roster = await listRoster(c.trx, appraisal.id);
  const graded = roster.filter((member) => member.probationary === 0).map((member) => member.user_id);
  const problem = gradingProblem(graded, input.grades);
  if (problem) {
    const message =
      problem.code === 'TOO_MANY_EXCELLENT' ? PROBLEM_MESSAGES.TOO_MANY_EXCELLENT(problem.limit) : PROBLEM_MESSAGES[problem.code];
    throw badRequest(problem.code, message, 'grades');
  }
  requireUpdated(
    await updateAppraisal(c.trx, appraisal.id, input.version, { state: 'final', finalized_at: iso(c.now), updated_at: iso(c.now) }),
  );
  for (const { userId, grade } of input.grades) {
    await c.trx
      .updateTable('appraisal_members')
      .set({ final_grade: grade })
      .where('appraisal_id', '=', appraisal.id)
      .where('user_id', '=', userId)
      .execute();
  }
  const unqualified = input.grades.filter((entry) => entry.grade === 'unqualified').map((entry) => entry.userId);
  const dueOn = addDays(shanghaiDate(c.now), FOLLOW_UP_DAYS);
  for (const userId of unqualified) {
    await c.trx
      .insertInto('appraisal_followups')
      .values({ id: newId(), appraisal_id: appraisal.id, user_id: userId, due_on: dueOn, created_by: c.actor.id, created_at: iso(c.now) })
      .execute();
  }
  if (unqualified.length > 0) {
    await notifyUsers(c.trx, c.app.clock, unqualified, {
      kind: 'appraisal.follow_up',
      title: '民主评议结果与限期改正',
      body: `${appraisal.title}中您被评为不合格。支部将与您谈心谈话，帮助您在 ${dueOn} 前限期改正。`,
      link: `/h5/appraisals/${appraisal.id}`,
    });
  }
  await recordAppraisalChange(c, appraisal, {
    auditType: 'consult.appraisal.grade',
    eventType: 'consult.appraisal.graded',
    detail: { graded: input.grades.length, followUps: unqualified.length },
  });
}
