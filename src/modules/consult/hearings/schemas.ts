import { z } from 'zod';
import { PageQuery } from '../../../server/schemas';

export const HEARING_KINDS = ['hearing', 'council', 'forum'] as const;
export type HearingKind = (typeof HEARING_KINDS)[number];
export const HEARING_KIND_LABELS: Record<HearingKind, string> = { hearing: '听证会', council: '议事会', forum: '恳谈会' };

export const HEARING_AUDIENCES = ['public', 'organisation'] as const;
export type HearingAudience = (typeof HEARING_AUDIENCES)[number];
export const HEARING_AUDIENCE_LABELS: Record<HearingAudience, string> = {
  public: '面向社会公开（无需账号即可报名）',
  organisation: '面向本组织及下级组织',
};

export const HEARING_STATES = ['draft', 'published', 'registration_closed', 'held', 'concluded'] as const;
export type HearingState = (typeof HEARING_STATES)[number];
export const HEARING_STATE_LABELS: Record<HearingState, string> = {
  draft: '草稿',
  published: '报名中',
  registration_closed: '报名已截止',
  held: '已召开',
  concluded: '已公布结果',
};

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
};

/** Materials: ten megabytes each, sent base64-encoded in JSON like appeal photos (a third larger). */
export const MAX_MATERIAL_BYTES = 10 * 1024 * 1024;
export const MATERIAL_BODY_LIMIT = 15 * 1024 * 1024;
export const MAX_MATERIALS = 20;

/** The check-in code: eight characters without look-alikes, typed at the door or read from the QR code. */
export const CHECK_IN_CODE_LENGTH = 8;

const instant = z.iso
  .datetime({ offset: true, message: '时间格式应为 ISO 8601（含时区）' })
  .transform((value) => new Date(value).toISOString());

const HearingFields = z.object({
  kind: z.enum(HEARING_KINDS),
  audience: z.enum(HEARING_AUDIENCES),
  topic: z.string().trim().min(1, '请填写议题').max(200, '议题不能超过 200 字'),
  background: z.string().trim().min(1, '请填写背景介绍').max(20_000, '背景介绍不能超过 2 万字'),
  place: z.string().trim().min(1, '请填写会议地点').max(200, '地点不能超过 200 字'),
  startsAt: instant,
  endsAt: instant,
  registrationOpensAt: instant,
  registrationClosesAt: instant,
  capacity: z.number().int().min(1, '名额至少为 1').max(10_000, '名额不能超过 10000'),
  speakerCap: z.number().int().min(0).max(1_000, '发言人数不能超过 1000'),
});

export const CreateHearingBody = HearingFields.extend({
  /** The organisation holding the hearing; the organizer's own when absent. */
  orgId: z.string().uuid().optional(),
});

export const UpdateHearingBody = HearingFields.partial().extend({ version: z.number().int() });

export const TRANSITIONS = ['publish', 'closeRegistration', 'markHeld'] as const;
export type HearingTransition = (typeof TRANSITIONS)[number];
export const TransitionParams = z.object({ id: z.string().uuid(), action: z.enum(TRANSITIONS) });
export const VersionBody = z.object({ version: z.number().int() });

export const MaterialUpload = z.object({
  name: z.string().trim().min(1, '请提供文件名').max(200, '文件名不能超过 200 字'),
  dataBase64: z.string().min(1, '文件不能为空').max(MATERIAL_BODY_LIMIT),
});

export const MaterialParams = z.object({ id: z.string().uuid(), fileId: z.string().uuid() });
export const RegistrationParams = z.object({ id: z.string().uuid(), registrationId: z.string().uuid() });

const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号');

export const RegisterBody = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不能超过 50 字'),
  phone,
  wantsToSpeak: z.boolean(),
  statement: z
    .string()
    .trim()
    .max(500, '观点不能超过 500 字')
    .optional()
    .transform((value) => value || null),
});

/** Spaces and dashes people type between groups of the code do not matter, nor does case. */
const code = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{6,8}$/, '签到码为 6 到 8 位字母或数字'));

export const CodeBody = z.object({ code });
export const CancelBody = z.object({ code: code.optional() });
export const SpeakerBody = z.object({ speaker: z.boolean() });
export const RevealBody = z.object({ reason: z.string().trim().min(2, '请说明查看原因').max(200) });

export const MinutesBody = z.object({ minutes: z.string().trim().min(1, '请填写会议纪要').max(50_000, '会议纪要不能超过 5 万字') });

export const OutcomeLink = z
  .object({
    label: z.string().trim().min(1, '请填写链接说明').max(100),
    articleId: z.string().uuid().nullable().default(null),
    url: z
      .string()
      .trim()
      .max(500)
      .regex(/^https?:\/\/\S+$/, '链接应以 http:// 或 https:// 开头')
      .nullable()
      .default(null),
  })
  .refine((link) => (link.articleId === null) !== (link.url === null), '每个链接请填写文章或网址中的一项');

export const ConcludeBody = z.object({
  outcome: z.string().trim().min(1, '请填写议定结果').max(20_000, '结果不能超过 2 万字'),
  links: z.array(OutcomeLink).max(20, '链接最多 20 个'),
  version: z.number().int(),
});

export const ManageListQuery = PageQuery.extend({ state: z.enum(HEARING_STATES).optional() });
export const BoardQuery = PageQuery.extend({ scope: z.enum(['open', 'concluded']).default('open') });
export const RegistrationListQuery = PageQuery.extend({ status: z.enum(REGISTRATION_STATUSES).optional() });

export const MaterialView = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), url: z.string() });

export const OutcomeLinkView = z.object({ label: z.string(), articleId: z.string().nullable(), url: z.string().nullable() });

/** A registration as its registrant sees it: the code in full, the phone masked. */
export const MyRegistration = z
  .object({
    id: z.string(),
    hearingId: z.string(),
    name: z.string(),
    phoneMasked: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    statusLabel: z.string(),
    waitlistPosition: z.number().int().nullable(),
    code: z.string(),
    wantsToSpeak: z.boolean(),
    statement: z.string().nullable(),
    speaker: z.boolean(),
    checkedInAt: z.string().nullable(),
    canCancel: z.boolean(),
  })
  .meta({ id: 'HearingMyRegistration' });

export const HEARING_ACTIONS = [
  'edit',
  'publish',
  'closeRegistration',
  'markHeld',
  'manageMaterials',
  'viewRegistrations',
  'selectSpeakers',
  'checkIn',
  'recordMinutes',
  'conclude',
  'register',
] as const;
export type HearingAction = (typeof HEARING_ACTIONS)[number];

export const HearingSummary = z
  .object({
    id: z.string(),
    orgName: z.string(),
    kind: z.enum(HEARING_KINDS),
    kindLabel: z.string(),
    audience: z.enum(HEARING_AUDIENCES),
    topic: z.string(),
    place: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    registrationOpensAt: z.string(),
    registrationClosesAt: z.string(),
    capacity: z.number().int(),
    registeredCount: z.number().int(),
    waitlistedCount: z.number().int(),
    state: z.enum(HEARING_STATES),
    stateLabel: z.string(),
  })
  .meta({ id: 'HearingSummary' });

export const HearingPage = z.object({ items: z.array(HearingSummary), total: z.number().int(), page: z.number(), pageSize: z.number() });

export const HearingDetail = HearingSummary.extend({
  orgId: z.string(),
  background: z.string(),
  speakerCap: z.number().int(),
  speakerCount: z.number().int(),
  checkedInCount: z.number().int(),
  version: z.number().int(),
  /** Whether registration is taking names right now (published and inside its window). */
  registrationOpen: z.boolean(),
  materials: z.array(MaterialView),
  /** The minutes are shown to everyone once the outcome is published; to the organizers from the start. */
  minutes: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeLinks: z.array(OutcomeLinkView),
  concludedAt: z.string().nullable(),
  calendarUrl: z.string(),
  myRegistration: MyRegistration.nullable(),
  allowedActions: z.array(z.enum(HEARING_ACTIONS)),
}).meta({ id: 'HearingDetail' });

export const RegisterResult = MyRegistration;

/** A registration in the organizer's list: the phone masked, the full number only through reveal. */
export const RegistrationRow = z
  .object({
    id: z.string(),
    name: z.string(),
    phoneMasked: z.string(),
    withAccount: z.boolean(),
    status: z.enum(REGISTRATION_STATUSES),
    statusLabel: z.string(),
    waitlistPosition: z.number().int().nullable(),
    wantsToSpeak: z.boolean(),
    statement: z.string().nullable(),
    speaker: z.boolean(),
    checkedInAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'HearingRegistrationRow' });

export const RegistrationPage = z.object({
  items: z.array(RegistrationRow),
  total: z.number().int(),
  page: z.number(),
  pageSize: z.number(),
});

export const RevealResult = z.object({ phone: z.string() });

export const CheckInResult = z.object({
  registrationId: z.string(),
  name: z.string(),
  speaker: z.boolean(),
  checkedInAt: z.string(),
});

export type CreateHearingInput = z.infer<typeof CreateHearingBody>;
export type UpdateHearingInput = z.infer<typeof UpdateHearingBody>;
export type RegisterInput = z.infer<typeof RegisterBody>;
export type ConcludeInput = z.infer<typeof ConcludeBody>;
export type OutcomeLinkInput = z.infer<typeof OutcomeLink>;
