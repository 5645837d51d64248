import type { Kysely } from 'kysely';
import { z } from 'zod';
import { readSetting } from '../../core/settings';
import type { Database } from '../../db/schema';

export const LIMIT_KINDS = ['emergency', 'utility', 'general', 'complex'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

export const LIMIT_KIND_LABELS: Record<LimitKind, string> = {
  emergency: '紧急（2小时）',
  utility: '水电气热等时效类（24小时）',
  general: '一般（7个工作日）',
  complex: '复杂（15个工作日）',
};

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '加急', emergency: '特急' };

const TimeLimit = z.union([z.object({ hours: z.number().int().min(1).max(720) }), z.object({ workdays: z.number().int().min(1).max(60) })]);
export type TimeLimit = z.infer<typeof TimeLimit>;

/** Words that signal danger to life or property: an appeal naming one is 特急 at once and its leaders are told. */
export const DEFAULT_DANGER_WORDS = [
  '燃气泄漏',
  '煤气泄漏',
  '燃气味',
  '煤气味',
  '火灾',
  '着火',
  '起火',
  '冒烟',
  '爆炸',
  '坍塌',
  '倒塌',
  '塌陷',
  '轻生',
  '自杀',
  '跳楼',
  '触电',
  '漏电',
  '电梯困人',
  '被困',
  '溺水',
  '昏迷',
  '走失',
];

export const AppealSettings = z.object({
  reviewReplies: z.boolean(),
  signHours: z.number().int().min(1).max(72),
  contactHours: z.number().int().min(1).max(168),
  redoWorkdays: z.number().int().min(1).max(30),
  nearDueHours: z.number().int().min(1).max(168),
  limits: z.object({ emergency: TimeLimit, utility: TimeLimit, general: TimeLimit, complex: TimeLimit }),
  kpi: z.object({
    weights: z.object({
      response: z.number().min(0).max(100),
      resolution: z.number().min(0).max(100),
      satisfaction: z.number().min(0).max(100),
    }),
    countBasicallySatisfied: z.boolean(),
  }),
  dangerWords: z.array(z.string().trim().min(2).max(20)).max(200).default(DEFAULT_DANGER_WORDS),
});
export type AppealSettings = z.infer<typeof AppealSettings>;

/** Defaults from the domain notes (shared/domain/appeals.md §3, §5); an admin may change each. */
export const DEFAULT_APPEAL_SETTINGS: AppealSettings = {
  reviewReplies: false,
  signHours: 2,
  contactHours: 24,
  redoWorkdays: 3,
  nearDueHours: 24,
  limits: { emergency: { hours: 2 }, utility: { hours: 24 }, general: { workdays: 7 }, complex: { workdays: 15 } },
  kpi: { weights: { response: 30, resolution: 35, satisfaction: 35 }, countBasicallySatisfied: false },
  dangerWords: DEFAULT_DANGER_WORDS,
};

export const APPEAL_SETTINGS_KEY = 'appeals';

export const loadAppealSettings = (db: Kysely<Database>) => readSetting(db, APPEAL_SETTINGS_KEY, AppealSettings, DEFAULT_APPEAL_SETTINGS);
