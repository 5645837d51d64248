/**
 * Mirrors of the zod schemas in src/modules/consult/hearings/schemas.ts. The web bundle never imports
 * server code; test/web-mirrors.test.ts keeps these in step.
 */

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

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const TRANSITIONS = ['publish', 'closeRegistration', 'markHeld'] as const;
export type HearingTransition = (typeof TRANSITIONS)[number];

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

/** MAX_MATERIAL_BYTES: ten megabytes a file. */
export const MAX_MATERIAL_BYTES = 10 * 1024 * 1024;
export const CHECK_IN_CODE_LENGTH = 8;

export interface HearingFields {
  kind: HearingKind;
  audience: HearingAudience;
  topic: string;
  background: string;
  place: string;
  /** ISO 8601 with offset. */
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  capacity: number;
  speakerCap: number;
}

export type CreateHearingBody = HearingFields & { orgId?: string };
export type UpdateHearingBody = Partial<HearingFields> & { version: number };

export interface HearingSummary {
  id: string;
  orgName: string;
  kind: HearingKind;
  kindLabel: string;
  audience: HearingAudience;
  topic: string;
  place: string;
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  capacity: number;
  registeredCount: number;
  waitlistedCount: number;
  state: HearingState;
  stateLabel: string;
}

export interface HearingPage {
  items: HearingSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Material {
  id: string;
  name: string;
  mime: string;
  size: number;
  url: string;
}

export interface OutcomeLink {
  label: string;
  articleId: string | null;
  url: string | null;
}

export interface MyRegistration {
  id: string;
  hearingId: string;
  name: string;
  phoneMasked: string;
  status: RegistrationStatus;
  statusLabel: string;
  waitlistPosition: number | null;
  code: string;
  wantsToSpeak: boolean;
  statement: string | null;
  speaker: boolean;
  checkedInAt: string | null;
  canCancel: boolean;
}

export interface HearingDetail extends HearingSummary {
  orgId: string;
  background: string;
  speakerCap: number;
  speakerCount: number;
  checkedInCount: number;
  version: number;
  registrationOpen: boolean;
  materials: Material[];
  minutes: string | null;
  outcome: string | null;
  outcomeLinks: OutcomeLink[];
  concludedAt: string | null;
  calendarUrl: string;
  myRegistration: MyRegistration | null;
  allowedActions: HearingAction[];
}

export interface RegisterBody {
  name: string;
  phone: string;
  wantsToSpeak: boolean;
  statement?: string;
}

export interface RegistrationRow {
  id: string;
  name: string;
  phoneMasked: string;
  withAccount: boolean;
  status: RegistrationStatus;
  statusLabel: string;
  waitlistPosition: number | null;
  wantsToSpeak: boolean;
  statement: string | null;
  speaker: boolean;
  checkedInAt: string | null;
  createdAt: string;
}

export interface RegistrationPage {
  items: RegistrationRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CheckInResult {
  registrationId: string;
  name: string;
  speaker: boolean;
  checkedInAt: string;
}

export interface ConcludeBody {
  outcome: string;
  links: OutcomeLink[];
  version: number;
}
