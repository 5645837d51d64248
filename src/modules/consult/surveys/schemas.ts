import { z } from 'zod';
import { SURVEY_AUDIENCES, SURVEY_STATES } from '../../../db/migrations/0011_consult_surveys';
import { PageQuery } from '../../../server/schemas';
import { QUESTION_TYPES, SurveyDefinition } from './definition';

export { SURVEY_AUDIENCES, SURVEY_STATES };
export type SurveyState = (typeof SURVEY_STATES)[number];
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

export const SURVEY_STATE_LABELS: Record<SurveyState, string> = { draft: '草稿', published: '已发布', closed: '已结束' };
export const SURVEY_AUDIENCE_LABELS: Record<SurveyAudience, string> = {
  public: '公开链接（群众扫码填写）',
  orgs: '指定组织的成员',
  users: '指定人员',
};
export const SURVEY_ACTIONS = ['edit', 'publish', 'close', 'publishResults', 'export'] as const;
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];

/** Fewer answers than this from one organisation of an anonymous survey are not shown apart (k-anonymity, as for ballots). */
export const MIN_GROUP_SIZE = 5;
export const MAX_AUDIENCE_ORGS = 50;
export const MAX_AUDIENCE_USERS = 500;
/** A definition of 200 questions with 100 choices each, in three-byte UTF-8, with room to spare. */
export const SURVEY_BODY_LIMIT = 2 * 1024 * 1024;
export const ANSWER_BODY_LIMIT = 256 * 1024;

const instant = z.iso.datetime({ offset: true, message: '时间格式应为 ISO-8601' }).transform((value) => new Date(value).toISOString());

export const Audience = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('public') }),
    z.object({
      kind: z.literal('orgs'),
      orgIds: z.array(z.uuid()).min(1, '请至少选择一个组织').max(MAX_AUDIENCE_ORGS, `最多选择 ${MAX_AUDIENCE_ORGS} 个组织`),
    }),
    z.object({
      kind: z.literal('users'),
      userIds: z.array(z.uuid()).min(1, '请至少选择一位人员').max(MAX_AUDIENCE_USERS, `最多指定 ${MAX_AUDIENCE_USERS} 人`),
    }),
  ],
  { error: '请选择调查对象：公开、指定组织或指定人员' },
);
export type AudienceInput = z.infer<typeof Audience>;

const SurveyFields = z.object({
  title: z.string().trim().min(1, '请填写问卷标题').max(200, '标题不能超过 200 字'),
  description: z.string().trim().max(2000, '说明不能超过 2000 字'),
  definition: SurveyDefinition,
  audience: Audience,
  anonymous: z.boolean(),
  opensAt: instant.nullable(),
  closesAt: instant.nullable(),
});

const datesInOrder = (body: { opensAt?: string | null; closesAt?: string | null }) =>
  !body.opensAt || !body.closesAt || body.closesAt > body.opensAt;
const DATES_MESSAGE = { message: '截止时间须晚于开始时间', path: ['closesAt'] };

export const CreateSurveyBody = SurveyFields.extend({
  description: SurveyFields.shape.description.default(''),
  opensAt: SurveyFields.shape.opensAt.default(null),
  closesAt: SurveyFields.shape.closesAt.default(null),
  /** The organisation running the survey; the worker's own when absent. */
  orgId: z.uuid().optional(),
}).refine(datesInOrder, DATES_MESSAGE);
export type CreateSurveyInput = z.infer<typeof CreateSurveyBody>;

export const UpdateSurveyBody = SurveyFields.partial()
  .extend({ version: z.number().int().min(1) })
  .refine(datesInOrder, DATES_MESSAGE)
  .refine((body) => Object.keys(body).length > 1, '请至少修改一项');
export type UpdateSurveyInput = z.infer<typeof UpdateSurveyBody>;

export const VersionBody = z.object({ version: z.number().int().min(1) });

export const SurveyListQuery = PageQuery.extend({ state: z.enum(SURVEY_STATES).optional() });
export const ResultsQuery = z.object({ orgId: z.uuid().optional() });
export const TextsQuery = PageQuery.extend({ question: z.string().min(1).max(60), orgId: z.uuid().optional() });

export const AnswerBody = z.object({ data: z.record(z.string(), z.unknown()) });
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

const Named = z.object({ id: z.string(), name: z.string() });

export const SurveySummary = z
  .object({
    id: z.string(),
    title: z.string(),
    state: z.enum(SURVEY_STATES),
    stateLabel: z.string(),
    audience: z.enum(SURVEY_AUDIENCES),
    audienceLabel: z.string(),
    anonymous: z.boolean(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    /** Published, and within its dates: answers are taken now. */
    acceptingAnswers: z.boolean(),
    orgName: z.string(),
    answerCount: z.number().int(),
    createdAt: z.string(),
    resultsPublishedAt: z.string().nullable(),
  })
  .meta({ id: 'SurveySummary' });

export const SurveyPage = z.object({ items: z.array(SurveySummary), total: z.number(), page: z.number(), pageSize: z.number() });

export const SurveyDetail = SurveySummary.extend({
  orgId: z.string(),
  description: z.string(),
  definition: z.record(z.string(), z.unknown()),
  audienceOrgs: z.array(Named),
  audienceUsers: z.array(Named),
  /** Where the masses answer a public survey (for the link and the QR code). */
  publicPath: z.string().nullable(),
  version: z.number().int(),
  allowedActions: z.array(z.enum(SURVEY_ACTIONS)),
}).meta({ id: 'SurveyDetail' });

/** A survey as the person answering it sees it. */
export const SurveyForm = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    orgName: z.string(),
    definition: z.record(z.string(), z.unknown()),
    anonymous: z.boolean(),
    acceptingAnswers: z.boolean(),
    closesAt: z.string().nullable(),
    /** The person asking has answered already (known audience only). */
    answered: z.boolean(),
  })
  .meta({ id: 'SurveyForm' });

export const AnswerReceipt = z.object({ surveyId: z.string(), answeredOn: z.string() }).meta({ id: 'SurveyAnswerReceipt' });

const ResultItem = z.object({ value: z.string(), label: z.string(), count: z.number().int(), average: z.number().nullable() });

export const QuestionResult = z
  .object({
    name: z.string(),
    title: z.string(),
    type: z.enum(QUESTION_TYPES),
    answered: z.number().int(),
    /** Ratings: the mean score; otherwise null. */
    average: z.number().nullable(),
    /** Choices, scores or ranked items with their counts (a ranking's average is the mean place, 1 = first). */
    items: z.array(ResultItem),
    /** Matrices: each row's counts per column. */
    rows: z.array(z.object({ value: z.string(), label: z.string(), columns: z.array(ResultItem) })),
    /** Free text: the most frequent keywords. */
    keywords: z.array(z.object({ word: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'SurveyQuestionResult' });

export const SurveyResults = z
  .object({
    surveyId: z.string(),
    title: z.string(),
    answerCount: z.number().int(),
    orgId: z.string().nullable(),
    /** The organisations answers came from, for the filter; those under the group size are not offered on anonymous surveys. */
    orgs: z.array(Named.extend({ count: z.number().int() })),
    questions: z.array(QuestionResult),
  })
  .meta({ id: 'SurveyResults' });

export const TextAnswerPage = z.object({
  items: z.array(z.object({ text: z.string(), keywords: z.array(z.string()), orgName: z.string().nullable(), submittedOn: z.string() })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** The summary on the public board: counts only, no free text, no breakdown by organisation. */
export const PublicSurveyResults = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    orgName: z.string(),
    answerCount: z.number().int(),
    state: z.enum(SURVEY_STATES),
    resultsPublishedAt: z.string(),
    questions: z.array(QuestionResult.omit({ keywords: true })),
  })
  .meta({ id: 'PublicSurveyResults' });

export const PublishedSurveyList = z.object({
  items: z.array(
    z.object({ id: z.string(), title: z.string(), orgName: z.string(), answerCount: z.number().int(), resultsPublishedAt: z.string() }),
  ),
});

export const SurveyTemplate = z
  .object({ key: z.string(), name: z.string(), title: z.string(), description: z.string(), definition: z.record(z.string(), z.unknown()) })
  .meta({ id: 'SurveyTemplate' });
