import { z } from 'zod';
import { ELECTION_STATES, NOMINATION_STATES } from '../../../db/migrations/0012_consult_ballots';
import { PageQuery } from '../../../server/schemas';
import { RECEIPT_LENGTH } from '../ballots/seal';
import { IsoDate } from '../dates';

export { ELECTION_STATES, NOMINATION_STATES };
export type ElectionState = (typeof ELECTION_STATES)[number];
export type NominationState = (typeof NOMINATION_STATES)[number];

export const ELECTION_STATE_LABELS: Record<ElectionState, string> = {
  nominating: '提名中',
  voting: '投票中',
  publicity: '公示中',
  final: '已结束',
};
export const NOMINATION_STATE_LABELS: Record<NominationState, string> = { pending: '待审核', approved: '已通过', rejected: '未通过' };

export const MAX_CHOICES_LIMIT = 50;

const ElectionFieldsBase = z.object({
  title: z.string().trim().min(1, '请填写标题').max(100, '标题不能超过 100 字'),
  description: z.string().trim().max(5_000, '说明不能超过 5000 字'),
  audienceMembers: z.boolean(),
  audienceMasses: z.boolean(),
  maxChoices: z.number().int('可选人数应为整数').min(1, '每人至少可选 1 人').max(MAX_CHOICES_LIMIT, `每人最多可选 ${MAX_CHOICES_LIMIT} 人`),
  nominationStartsOn: IsoDate,
  nominationEndsOn: IsoDate,
  votingStartsOn: IsoDate,
  votingEndsOn: IsoDate,
  publicityDays: z.number().int('公示天数应为整数').min(1, '公示至少 1 天').max(30, '公示最多 30 天'),
});

type ElectionFieldsInput = z.infer<typeof ElectionFieldsBase>;

/** The phases follow one another, and someone is asked. */
function checkFields(fields: Partial<ElectionFieldsInput>, issue: (message: string, path: string) => void): void {
  if (fields.audienceMembers === false && fields.audienceMasses === false) {
    issue('请至少选择一类参与对象（党员或群众）', 'audienceMembers');
  }
  const order: [keyof ElectionFieldsInput, string][] = [
    ['nominationStartsOn', '提名开始'],
    ['nominationEndsOn', '提名截止'],
    ['votingStartsOn', '投票开始'],
    ['votingEndsOn', '投票截止'],
  ];
  for (let index = 1; index < order.length; index += 1) {
    const [earlierKey, earlierLabel] = order[index - 1];
    const [laterKey, laterLabel] = order[index];
    const earlier = fields[earlierKey] as string | undefined;
    const later = fields[laterKey] as string | undefined;
    if (earlier && later && later < earlier) {
      issue(`${laterLabel}日期不能早于${earlierLabel}日期`, laterKey);
    }
  }
}

const refinePhases = <T extends Partial<ElectionFieldsInput>>(fields: T, context: z.RefinementCtx) =>
  checkFields(fields, (message, path) => context.addIssue({ code: 'custom', message, path: [path] }));

/** Every field, checked together: what an edit must leave behind. */
export const ElectionFields = ElectionFieldsBase.superRefine(refinePhases);

export const CreateElectionBody = ElectionFieldsBase.extend({
  /** The organisation whose consultation it is; the worker's own when absent. */
  orgId: z.string().uuid().optional(),
}).superRefine(refinePhases);

export const EditElectionBody = ElectionFieldsBase.partial().extend({ version: z.number().int() }).superRefine(refinePhases);

export const ElectionListQuery = PageQuery.extend({ state: z.enum(ELECTION_STATES).optional() });

export const NominateBody = z.object({
  name: z.string().trim().min(1, '请填写被提名人姓名').max(50, '姓名不能超过 50 字'),
  unit: z
    .string()
    .trim()
    .max(100, '单位不能超过 100 字')
    .optional()
    .transform((value) => value || null),
  reason: z.string().trim().min(10, '提名理由至少 10 字').max(2_000, '提名理由不能超过 2000 字'),
});

export const ReviewNominationBody = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z
    .string()
    .trim()
    .max(500, '审核意见不能超过 500 字')
    .optional()
    .transform((value) => value || null),
});

export const NominationParams = z.object({ id: z.string().uuid(), nominationId: z.string().uuid() });

export const VersionBody = z.object({ version: z.number().int() });

export const CastVoteBody = z.object({
  candidateIds: z
    .array(z.string().uuid())
    .min(1, '请至少选择一位候选人')
    .max(MAX_CHOICES_LIMIT)
    .refine((ids) => new Set(ids).size === ids.length, '同一位候选人只能选一次'),
});

export const Receipt = z
  .string()
  .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[A-Z2-7]{${RECEIPT_LENGTH}}$`), `回执码应为 ${RECEIPT_LENGTH} 位字母和数字`));

export const CheckReceiptBody = z.object({ receipt: Receipt });

export const CorrectRollBody = z.object({
  userId: z.string().uuid(),
  change: z.enum(['add', 'remove']),
  reason: z.string().trim().min(5, '请写明更正理由（至少 5 字）').max(500),
});

export const ELECTION_ACTIONS = ['edit', 'review', 'open', 'close', 'finalize', 'nominate', 'vote', 'results', 'receipts'] as const;
export type ElectionAction = (typeof ELECTION_ACTIONS)[number];

export const Candidate = z.object({ id: z.string(), name: z.string(), unit: z.string().nullable(), reason: z.string() });

export const Nomination = Candidate.extend({
  status: z.enum(NOMINATION_STATES),
  statusLabel: z.string(),
  nominatedByName: z.string(),
  reviewNote: z.string().nullable(),
  createdAt: z.string(),
}).meta({ id: 'ElectionNomination' });

export const ElectionSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    state: z.enum(ELECTION_STATES),
    stateLabel: z.string(),
    maxChoices: z.number(),
    nominationStartsOn: z.string(),
    nominationEndsOn: z.string(),
    votingStartsOn: z.string(),
    votingEndsOn: z.string(),
    publicityDays: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'ElectionSummary' });

export const ElectionPage = z.object({ items: z.array(ElectionSummary), total: z.number(), page: z.number(), pageSize: z.number() });

export const ElectionDetail = ElectionSummary.extend({
  description: z.string(),
  audienceMembers: z.boolean(),
  audienceMasses: z.boolean(),
  votingOpenedAt: z.string().nullable(),
  votingClosedAt: z.string().nullable(),
  /** The last day of the 公示, once voting closed. */
  publicityEndsOn: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  version: z.number(),
  candidates: z.array(Candidate),
  /** Every nomination with its review, for the election's workers only. */
  nominations: z.array(Nomination).nullable(),
  /** Turnout as aggregates, for the workers once the roll is frozen. */
  turnout: z.object({ eligible: z.number(), voted: z.number() }).nullable(),
  /** The reader's place on the roll: not on it, may vote, has voted. */
  myVote: z.enum(['eligible', 'voted']).nullable(),
  allowedActions: z.array(z.enum(ELECTION_ACTIONS)),
}).meta({ id: 'ElectionDetail' });

export const CastVoteResult = z.object({
  /** Shown once: only its hash is stored. */
  receipt: z.string(),
});

export const ElectionResults = z
  .object({
    eligible: z.number(),
    voted: z.number(),
    ballots: z.number(),
    candidates: z.array(Candidate.pick({ id: true, name: true, unit: true }).extend({ votes: z.number() })),
  })
  .meta({ id: 'ElectionResults' });

export const ReceiptList = z.object({ hashes: z.array(z.string()) });
export const OpenRolls = z.object({
  items: z.array(
    z.object({ id: z.string(), title: z.string(), orgName: z.string(), votingEndsOn: z.string(), eligible: z.number(), voted: z.number() }),
  ),
});
export const ReceiptCheck = z.object({ counted: z.boolean() });

export type CreateElectionInput = z.infer<typeof CreateElectionBody>;
export type EditElectionInput = z.infer<typeof EditElectionBody>;
export type NominateInput = z.infer<typeof NominateBody>;
export type ElectionListQueryInput = z.infer<typeof ElectionListQuery>;
