import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import { isAllowed } from '../../../core/policy';
import { appraisalPolicy, isCommittee, type AppraisalFacts } from './policy';
import type { AppraisalRow, RosterRow } from './repository';
import {
  APPRAISAL_GRADE_LABELS,
  APPRAISAL_STATE_LABELS,
  type AppraisalAction,
  type AppraisalDetail,
  type AppraisalGrade,
  type AppraisalState,
  type AppraisalSummary,
} from './schemas';

export const presentSummary = (row: AppraisalRow): z.infer<typeof AppraisalSummary> => ({
  id: row.id,
  orgId: row.org_id,
  orgName: row.org_name,
  year: row.year,
  title: row.title,
  state: row.state as AppraisalState,
  stateLabel: APPRAISAL_STATE_LABELS[row.state as AppraisalState],
  createdAt: row.created_at,
});

function actionsFor(actor: Actor, row: AppraisalRow, facts: AppraisalFacts, myVote: 'eligible' | 'voted' | null): AppraisalAction[] {
  const closed = row.state === 'closed' || row.state === 'final';
  const phase: Record<AppraisalAction, boolean> = {
    writeSelf: row.state === 'self_review' || row.state === 'voting',
    open: row.state === 'self_review',
    vote: row.state === 'voting' && myVote === 'eligible',
    close: row.state === 'voting',
    tally: closed,
    grade: row.state === 'closed',
    export: row.state === 'final',
    receipts: closed && myVote === 'voted',
  };
  return (Object.keys(phase) as AppraisalAction[]).filter((action) => phase[action] && isAllowed(actor, appraisalPolicy[action], facts));
}

export function presentDetail(
  actor: Actor,
  row: AppraisalRow,
  roster: RosterRow[],
  myVote: 'eligible' | 'voted' | null,
  turnout: { eligible: number; voted: number } | null,
): z.infer<typeof AppraisalDetail> {
  const facts: AppraisalFacts = { orgId: row.org_id, onRoster: roster.some((member) => member.user_id === actor.id) };
  const committee = isCommittee(actor, facts);
  return {
    ...presentSummary(row),
    votingOpenedAt: row.voting_opened_at,
    votingClosedAt: row.voting_closed_at,
    finalizedAt: row.finalized_at,
    version: row.version,
    roster: roster.map((member) => {
      // A grade is the appraised member's sensitive information: the committee's and their own only.
      const shown = committee || member.user_id === actor.id;
      const grade = shown ? (member.final_grade as AppraisalGrade | null) : null;
      return {
        userId: member.user_id,
        name: member.name,
        probationary: member.probationary === 1,
        selfAppraisal: member.self_appraisal,
        finalGrade: grade,
        finalGradeLabel: grade ? APPRAISAL_GRADE_LABELS[grade] : null,
        followUpDueOn: shown ? member.follow_up_due_on : null,
      };
    }),
    turnout: committee ? turnout : null,
    myVote,
    allowedActions: actionsFor(actor, row, facts, myVote),
  };
}
