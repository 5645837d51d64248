import { z } from 'zod';
import { APPRAISAL_GRADES, APPRAISAL_STATES } from '../../../db/migrations/0012_consult_ballots';
import { CheckReceiptBody } from '../elections/schemas';

export { APPRAISAL_GRADES, APPRAISAL_STATES, CheckReceiptBody };
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export type AppraisalState = (typeof APPRAISAL_STATES)[number];

export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basic: '基本合格',
  unqualified: '不合格',
};
export const APPRAISAL_STATE_LABELS: Record<AppraisalState, string> = {
  self_review: '个人自评',
  voting: '民主测评',
  closed: '测评结束',
  final: '已定等次',
};

export const CreateAppraisalBody = z.object({
  orgId: z.string().uuid(),
  year: z.number().int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确'),
});

export const Branch = z.object({ id: z.string(), name: z.string() });

export const SelfAppraisalBody = z.object({
  text: z.string().trim().min(20, '个人自评至少 20 字').max(5_000, '个人自评不能超过 5000 字'),
});

export const VersionBody = z.object({ version: z.number().int() });

/** A grade for every graded member of the branch (oneself included: see castAppraisalBallot). */
export const AppraisalBallotBody = z.object({
  grades: z.record(z.string().uuid(), z.enum(APPRAISAL_GRADES)).refine((grades) => Object.keys(grades).length > 0, '请为每位党员选择等次'),
});

export const FinalGradesBody = z.object({
  version: z.number().int(),
  grades: z
    .array(z.object({ userId: z.string().uuid(), grade: z.enum(APPRAISAL_GRADES) }))
    .min(1, '请评定等次')
    .refine((grades) => new Set(grades.map((entry) => entry.userId)).size === grades.length, '同一人只能评定一个等次'),
});

export const APPRAISAL_ACTIONS = ['writeSelf', 'open', 'vote', 'close', 'tally', 'grade', 'export', 'receipts'] as const;
export type AppraisalAction = (typeof APPRAISAL_ACTIONS)[number];

export const AppraisalSummary = z
  .object({
    id: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    year: z.number(),
    title: z.string(),
    state: z.enum(APPRAISAL_STATES),
    stateLabel: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'AppraisalSummary' });

export const AppraisalPage = z.object({ items: z.array(AppraisalSummary), total: z.number(), page: z.number(), pageSize: z.number() });

export const RosterMember = z.object({
  userId: z.string(),
  name: z.string(),
  probationary: z.boolean(),
  selfAppraisal: z.string().nullable(),
  /** The committee sees every grade; a member only their own. */
  finalGrade: z.enum(APPRAISAL_GRADES).nullable(),
  finalGradeLabel: z.string().nullable(),
  /** 不合格: the branch follows the member up until this date (限期改正). */
  followUpDueOn: z.string().nullable(),
});

export const AppraisalDetail = AppraisalSummary.extend({
  votingOpenedAt: z.string().nullable(),
  votingClosedAt: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  version: z.number(),
  roster: z.array(RosterMember),
  turnout: z.object({ eligible: z.number(), voted: z.number() }).nullable(),
  myVote: z.enum(['eligible', 'voted']).nullable(),
  allowedActions: z.array(z.enum(APPRAISAL_ACTIONS)),
}).meta({ id: 'AppraisalDetail' });

export const GradeCounts = z.object({ excellent: z.number(), qualified: z.number(), basic: z.number(), unqualified: z.number() });

export const AppraisalTally = z
  .object({
    raters: z.number(),
    eligible: z.number(),
    members: z.array(z.object({ userId: z.string(), name: z.string(), counts: GradeCounts })),
    /** The most 优秀 the committee may give: a third of those graded. */
    excellentLimit: z.number(),
  })
  .meta({ id: 'AppraisalTally' });

export type FinalGradesInput = z.infer<typeof FinalGradesBody>;
