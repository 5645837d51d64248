import type { Role } from '../../auth/types';

/**
 * Mirrors of src/modules/consult/appraisal/schemas.ts and policy.ts; test/web-mirrors.test.ts keeps
 * these in step.
 */

/** The branch committee (APPRAISAL_COMMITTEE_ROLES): the organisation's workers and the branch's leaders. */
export const APPRAISAL_COMMITTEE_ROLES: Role[] = ['organizer', 'leader'];

export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basic: '基本合格',
  unqualified: '不合格',
};

export const APPRAISAL_STATES = ['self_review', 'voting', 'closed', 'final'] as const;
export type AppraisalState = (typeof APPRAISAL_STATES)[number];
export const APPRAISAL_STATE_LABELS: Record<AppraisalState, string> = {
  self_review: '个人自评',
  voting: '民主测评',
  closed: '测评结束',
  final: '已定等次',
};

export const APPRAISAL_ACTIONS = ['writeSelf', 'open', 'vote', 'close', 'tally', 'grade', 'export', 'receipts'] as const;
export type AppraisalAction = (typeof APPRAISAL_ACTIONS)[number];

export interface AppraisalSummary {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  title: string;
  state: AppraisalState;
  stateLabel: string;
  createdAt: string;
}

export interface AppraisalPage {
  items: AppraisalSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RosterMember {
  userId: string;
  name: string;
  probationary: boolean;
  selfAppraisal: string | null;
  finalGrade: AppraisalGrade | null;
  finalGradeLabel: string | null;
  followUpDueOn: string | null;
}

export interface AppraisalDetail extends AppraisalSummary {
  votingOpenedAt: string | null;
  votingClosedAt: string | null;
  finalizedAt: string | null;
  version: number;
  roster: RosterMember[];
  turnout: { eligible: number; voted: number } | null;
  myVote: 'eligible' | 'voted' | null;
  allowedActions: AppraisalAction[];
}

export interface AppraisalTally {
  raters: number;
  eligible: number;
  members: { userId: string; name: string; counts: Record<AppraisalGrade, number> }[];
  excellentLimit: number;
}
