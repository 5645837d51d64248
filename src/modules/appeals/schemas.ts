import { z } from 'zod';
import { APPEAL_ACTIONS, APPEAL_STATES } from './stateMachine';
import { LIMIT_KINDS, URGENCIES } from './settings';

export const APPEAL_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion'] as const;
export const APPEAL_TYPE_LABELS: Record<(typeof APPEAL_TYPES)[number], string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const SATISFACTION_LABELS: Record<(typeof SATISFACTIONS)[number], string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
export const REJECT_REASONS = ['emergency_transfer', 'other_legal_route', 'non_compliant', 'malicious', 'out_of_scope'] as const;
export const REJECT_REASON_LABELS: Record<(typeof REJECT_REASONS)[number], string> = {
  emergency_transfer: '属紧急事项，已转110/119/120/122',
  other_legal_route: '应通过诉讼、仲裁、复议等法定途径解决',
  non_compliant: '诉求不合规或涉及他人隐私',
  malicious: '恶意骚扰',
  out_of_scope: '不属于本平台受理范围',
};
export const INBOX_BOXES = [
  'to_dispatch',
  'to_sign',
  'in_progress',
  'to_review',
  'near_due',
  'overdue',
  'supervised',
  'closed',
  'all',
] as const;
export const KPI_FILTERS = ['responded', 'not_responded', 'rated', 'resolved', 'unresolved', 'satisfied', 'unsatisfied'] as const;

const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const Category = z
  .object({
    code: z.string(),
    name: z.string(),
    type: z.enum(APPEAL_TYPES),
    typeLabel: z.string(),
    limitKind: z.enum(LIMIT_KINDS),
    description: z.string().nullable(),
  })
  .meta({ id: 'AppealCategory' });

export const PhotoUpload = z.object({
  name: z.string().max(200).optional(),
  /** The image file, base64-encoded; its type is checked from its bytes, not from the name. */
  dataBase64: z.string().min(1).max(4_200_000, '单张照片不能超过 3MB'),
});

export const SubmitAppealBody = z
  .object({
    categoryCode: z.string().min(1).max(40),
    content: z.string().trim().min(5, '诉求内容至少 5 个字').max(2000, '诉求内容不能超过 2000 字'),
    address: z.string().trim().max(200).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    contactName: z.string().trim().min(1).max(50).optional(),
    contactPhone: mobile.optional(),
    anonymous: z.boolean().default(false),
    publicable: z.boolean().default(false),
    urgency: z.enum(URGENCIES).default('normal'),
    photos: z.array(PhotoUpload).max(9, '最多上传 9 张照片').default([]),
    /** The receiving organisation, from the QR code of a place; the top organisation when absent. */
    orgId: z.string().uuid().optional(),
  })
  .refine((body) => body.anonymous || (body.contactName && body.contactPhone), {
    message: '实名反映请填写联系人和手机号码',
    path: ['contactPhone'],
  });

export const SubmitAppealResult = z
  .object({ trackingNo: z.string(), queryCode: z.string(), state: z.enum(APPEAL_STATES), receivedAt: z.string() })
  .meta({ id: 'SubmitAppealResult' });

export const LookupBody = z.object({
  trackingNo: z.string().trim().min(6).max(40),
  queryCode: z.string().trim().min(4).max(20),
});

export const TimelineEntry = z.object({
  at: z.string(),
  type: z.string(),
  label: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

export const PublicAppeal = z
  .object({
    trackingNo: z.string(),
    categoryName: z.string(),
    content: z.string(),
    address: z.string().nullable(),
    state: z.enum(APPEAL_STATES),
    stateLabel: z.string(),
    receivedAt: z.string(),
    unitName: z.string().nullable(),
    replyText: z.string().nullable(),
    repliedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    satisfaction: z.enum(SATISFACTIONS).nullable(),
    canRate: z.boolean(),
    timeline: z.array(TimelineEntry),
  })
  .meta({ id: 'PublicAppeal' });

export const RateBody = LookupBody.extend({
  satisfaction: z.enum(SATISFACTIONS),
  resolved: z.boolean(),
  comment: z.string().trim().max(500).optional(),
});

export const BoardItem = z
  .object({
    trackingNo: z.string(),
    categoryName: z.string(),
    content: z.string(),
    unitName: z.string().nullable(),
    replyText: z.string().nullable(),
    receivedAt: z.string(),
    closedAt: z.string().nullable(),
    satisfaction: z.enum(SATISFACTIONS).nullable(),
  })
  .meta({ id: 'BoardItem' });

export const BoardQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
  categoryCode: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
});

export const AppealListQuery = z.object({
  box: z.enum(INBOX_BOXES).default('all'),
  state: z.enum(APPEAL_STATES).optional(),
  unitId: z.string().uuid().optional(),
  categoryCode: z.string().max(40).optional(),
  urgency: z.enum(URGENCIES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  month: month.optional(),
  kpi: z.enum(KPI_FILTERS).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AppealListQuery = z.infer<typeof AppealListQuery>;

export const AppealSummary = z
  .object({
    id: z.string(),
    trackingNo: z.string(),
    categoryCode: z.string(),
    categoryName: z.string(),
    preview: z.string(),
    state: z.enum(APPEAL_STATES),
    stateLabel: z.string(),
    urgency: z.enum(URGENCIES),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    contactName: z.string().nullable(),
    receivedAt: z.string(),
    dueAt: z.string().nullable(),
    nearDue: z.boolean(),
    overdue: z.boolean(),
    supervised: z.boolean(),
  })
  .meta({ id: 'AppealSummary' });

export const AppealPage = z.object({
  items: z.array(AppealSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const AppealSearchQuery = AppealListQuery.omit({ box: true, q: true, month: true, kpi: true }).extend({
  q: z.string().trim().min(1, '请输入要搜索的内容').max(100),
});
export type AppealSearchQuery = z.infer<typeof AppealSearchQuery>;

export const SnippetPart = z.object({ text: z.string(), hit: z.boolean() }).meta({ id: 'SnippetPart' });

export const AppealSearchPage = z.object({
  items: z.array(AppealSummary.extend({ snippet: z.array(SnippetPart) })),
  total: z.number().int(),
  /** false when only the newest matches were ranked and counted: there are at least `total`. */
  totalIsExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The words searched for, as the index holds them (Simplified), for the client to mark. */
  words: z.array(z.string()),
});

export const SimilarQuery = z.object({
  content: z.string().trim().min(6, '再多写几个字，才能找到相似的诉求').max(2000),
  orgId: z.string().uuid().optional(),
});

/** An open appeal that may be shown in public, as the H5 form offers it to support instead of filing again. */
export const PublicSimilarAppeal = z
  .object({
    trackingNo: z.string(),
    categoryName: z.string(),
    content: z.string(),
    stateLabel: z.string(),
    receivedAt: z.string(),
    supportCount: z.number().int(),
    similarity: z.number(),
  })
  .meta({ id: 'PublicSimilarAppeal' });

export const SupportBody = z.object({ trackingNo: z.string().trim().min(6).max(40) });

export const SimilarAppeals = z.object({
  items: z.array(AppealSummary.extend({ similarity: z.number(), supportCount: z.number().int() })),
});

export const InboxCounts = z.object(
  Object.fromEntries(INBOX_BOXES.map((box) => [box, z.number().int()])) as Record<(typeof INBOX_BOXES)[number], z.ZodNumber>,
);

export const AppealDetail = AppealSummary.extend({
  content: z.string(),
  appealType: z.enum(APPEAL_TYPES),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  contactPhone: z.string().nullable(),
  /** Contact fields are always masked here; true when this viewer may reveal them (the assigned handler). */
  contactRevealed: z.boolean(),
  canReveal: z.boolean(),
  anonymous: z.boolean(),
  publicable: z.boolean(),
  channel: z.string(),
  version: z.number().int(),
  handlerName: z.string().nullable(),
  signDueAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  resolved: z.boolean().nullable(),
  ratingComment: z.string().nullable(),
  pendingReason: z.string().nullable(),
  extensionDueAt: z.string().nullable(),
  redoCount: z.number().int(),
  supportCount: z.number().int(),
  mergedIntoId: z.string().nullable(),
  mergedChildren: z.array(z.object({ id: z.string(), trackingNo: z.string() })),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  timeline: z.array(TimelineEntry),
  /** What this viewer may do now: the buttons the server will accept. */
  allowedActions: z.array(z.enum(APPEAL_ACTIONS)),
}).meta({ id: 'AppealDetail' });

const version = z.number().int().min(1);
const reason = z.string().trim().min(2, '请填写理由').max(500);

export const ActionBodies = {
  dispatch: z.object({
    version,
    unitId: z.string().uuid(),
    /** The category the dispatcher files it under, when the citizen's choice was wrong. */
    categoryCode: z.string().min(1).max(40).optional(),
    note: z.string().trim().max(500).optional(),
  }),
  reject: z.object({ version, reasonCode: z.enum(REJECT_REASONS), note: z.string().trim().max(500).optional() }),
  answer: z.object({ version, text: z.string().trim().min(2).max(2000) }),
  merge: z.object({ version, masterId: z.string().uuid() }),
  sign: z.object({ version }),
  requestReturn: z.object({ version, reason }),
  approveReturn: z.object({ version, unitId: z.string().uuid() }),
  denyReturn: z.object({ version, reason }),
  contact: z.object({ version, note: z.string().trim().max(500).optional() }),
  requestExtension: z.object({ version, workdays: z.number().int().min(1).max(30), reason }),
  approveExtension: z.object({ version }),
  denyExtension: z.object({ version, reason }),
  reply: z.object({ version, text: z.string().trim().min(2, '请填写答复内容').max(2000) }),
  sendBack: z.object({ version, reason }),
  acceptReply: z.object({ version }),
  rate: z.object({ version, satisfaction: z.enum(SATISFACTIONS), resolved: z.boolean(), comment: z.string().trim().max(500).optional() }),
  supervise: z.object({ version, note: z.string().trim().max(500).optional() }),
} as const;

export const RevealBody = z.object({ reason: z.string().trim().min(2, '请填写查看理由').max(200) });
export const RevealResult = z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() });

export const KpiQuery = z.object({ month: month.optional(), months: z.coerce.number().int().min(1).max(24).default(6) });
export const UnitKpi = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    dispatched: z.number().int(),
    responseDue: z.number().int(),
    responded: z.number().int(),
    rated: z.number().int(),
    resolved: z.number().int(),
    satisfied: z.number().int(),
    responseRate: z.number().nullable(),
    resolutionRate: z.number().nullable(),
    satisfactionRate: z.number().nullable(),
    score: z.number().nullable(),
    rank: z.number().int().nullable(),
  })
  .meta({ id: 'UnitKpi' });
export const KpiReport = z.object({
  month: z.string(),
  weights: z.object({ response: z.number(), resolution: z.number(), satisfaction: z.number() }),
  units: z.array(UnitKpi),
  totals: UnitKpi.omit({ unitId: true, unitName: true, rank: true }),
  trend: z.array(
    z.object({
      month: z.string(),
      received: z.number().int(),
      closed: z.number().int(),
      responseRate: z.number().nullable(),
      resolutionRate: z.number().nullable(),
      satisfactionRate: z.number().nullable(),
    }),
  ),
});
