/**
 * Mirrors of the zod schemas in src/modules/appeals/schemas.ts (and the enums they use from
 * stateMachine.ts and settings.ts). The web bundle never imports server code; keep these in step.
 */

export const APPEAL_STATES = [
  'received',
  'dispatched',
  'return_requested',
  'signed',
  'in_progress',
  'extension_requested',
  'review',
  'callback',
  'closed',
  'rejected',
  'merged',
] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

export const APPEAL_ACTIONS = [
  'dispatch',
  'reject',
  'answer',
  'merge',
  'sign',
  'requestReturn',
  'approveReturn',
  'denyReturn',
  'contact',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'reply',
  'sendBack',
  'acceptReply',
  'rate',
  'supervise',
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

export const APPEAL_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const REJECT_REASONS = ['emergency_transfer', 'other_legal_route', 'non_compliant', 'malicious', 'out_of_scope'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

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
export type InboxBox = (typeof INBOX_BOXES)[number];

export const KPI_FILTERS = ['responded', 'not_responded', 'rated', 'resolved', 'unresolved', 'satisfied', 'unsatisfied'] as const;
export type KpiFilter = (typeof KPI_FILTERS)[number];

export const LIMIT_KINDS = ['emergency', 'utility', 'general', 'complex'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface Category {
  code: string;
  name: string;
  type: AppealType;
  typeLabel: string;
  limitKind: LimitKind;
  description: string | null;
}

export interface PhotoUpload {
  name?: string;
  /** The image bytes, base64-encoded (no `data:` prefix). */
  dataBase64: string;
}

export interface SubmitAppealBody {
  categoryCode: string;
  content: string;
  address?: string;
  lat?: number;
  lng?: number;
  contactName?: string;
  contactPhone?: string;
  anonymous: boolean;
  publicable: boolean;
  urgency?: Urgency;
  photos: PhotoUpload[];
}

export interface SubmitAppealResult {
  trackingNo: string;
  queryCode: string;
  state: AppealState;
  receivedAt: string;
}

export interface LookupBody {
  trackingNo: string;
  queryCode: string;
}

export interface TimelineEntry {
  at: string;
  type: string;
  label: string;
  actorName: string | null;
  note: string | null;
}

export interface PublicAppeal {
  trackingNo: string;
  categoryName: string;
  content: string;
  address: string | null;
  state: AppealState;
  stateLabel: string;
  receivedAt: string;
  unitName: string | null;
  replyText: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  dueAt: string | null;
  satisfaction: Satisfaction | null;
  canRate: boolean;
  timeline: TimelineEntry[];
}

export interface RateBody extends LookupBody {
  satisfaction: Satisfaction;
  resolved: boolean;
  comment?: string;
}

export interface BoardItem {
  trackingNo: string;
  categoryName: string;
  content: string;
  unitName: string | null;
  replyText: string | null;
  receivedAt: string;
  closedAt: string | null;
  satisfaction: Satisfaction | null;
}

export interface BoardPage {
  items: BoardItem[];
  total: number;
  /** false when only the newest matches were ranked and counted: there are at least `total`. */
  totalIsExact: boolean;
}

export interface BoardQuery {
  page?: number;
  pageSize?: number;
  categoryCode?: string;
  /** Searches the board (most relevant first) when given; at most 100 characters. */
  q?: string;
}

export interface AppealListQuery {
  box?: InboxBox;
  state?: AppealState;
  unitId?: string;
  categoryCode?: string;
  urgency?: Urgency;
  /** YYYY-MM-DD */
  from?: string;
  /** YYYY-MM-DD */
  to?: string;
  /** YYYY-MM, with `kpi`: the dashboard's drill-down */
  month?: string;
  kpi?: KpiFilter;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface AppealSummary {
  id: string;
  trackingNo: string;
  categoryCode: string;
  categoryName: string;
  preview: string;
  state: AppealState;
  stateLabel: string;
  urgency: Urgency;
  unitId: string | null;
  unitName: string | null;
  contactName: string | null;
  receivedAt: string;
  dueAt: string | null;
  nearDue: boolean;
  overdue: boolean;
  supervised: boolean;
}

export interface AppealPage {
  items: AppealSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** The inbox's filters without box, month and kpi, with the text to search for (1–100 characters, required). */
export interface AppealSearchQuery {
  q: string;
  state?: AppealState;
  unitId?: string;
  categoryCode?: string;
  urgency?: Urgency;
  /** YYYY-MM-DD */
  from?: string;
  /** YYYY-MM-DD */
  to?: string;
  page?: number;
  /** 1–100, default 20 */
  pageSize?: number;
}

/** A passage of the matched text, cut into plain parts and hits (the client marks the hits; no HTML travels). */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface AppealSearchHit extends AppealSummary {
  snippet: SnippetPart[];
}

export interface AppealSearchPage {
  items: AppealSearchHit[];
  total: number;
  /** false when only the newest matches were ranked and counted: there are at least `total`. */
  totalIsExact: boolean;
  page: number;
  pageSize: number;
  /** The words searched for, as the index holds them (Simplified). */
  words: string[];
}

/** What the H5 form sends while the citizen types: 6–2000 characters (trimmed), and the receiving organisation if known. */
export interface SimilarQuery {
  content: string;
  orgId?: string;
}

/**
 * An open appeal of the last 30 days that its citizen allowed to be public, telling of the same problem:
 * offered on the H5 form to support ("我也遇到了") instead of filing again. `content` is short and scrubbed of
 * personal data.
 */
export interface PublicSimilarAppeal {
  trackingNo: string;
  categoryName: string;
  content: string;
  stateLabel: string;
  receivedAt: string;
  supportCount: number;
  /** Cosine similarity of the two texts, 0 to 1, two decimals. */
  similarity: number;
}

export interface PublicSimilarAppeals {
  items: PublicSimilarAppeal[];
}

/** "我也遇到了": counted once per address per appeal per day. */
export interface SupportBody {
  trackingNo: string;
}

export interface SupportResult {
  supportCount: number;
}

/** A likely duplicate within the viewer's scope, beside an appeal's detail. */
export interface SimilarAppeal extends AppealSummary {
  /** Cosine similarity of the two texts, 0 to 1, two decimals. */
  similarity: number;
  supportCount: number;
}

/** Best first. */
export interface SimilarAppeals {
  items: SimilarAppeal[];
}

/** One label a triage model suggests, with its posterior probability (0 to 1). */
interface LabelSuggestion {
  name: string;
  confidence: number;
  /** Probable enough that the dispatch form takes it over the citizen's choice. */
  confident: boolean;
}

export interface CategorySuggestion extends LabelSuggestion {
  code: string;
}

export interface UnitSuggestion extends LabelSuggestion {
  id: string;
}

/** 智能建议 for dispatching: learned from how past appeals were dispatched; null until enough were. */
export interface TriageSuggestion {
  category: CategorySuggestion | null;
  unit: UnitSuggestion | null;
  /** The runners-up, most probable first. */
  alternatives: { categories: CategorySuggestion[]; units: UnitSuggestion[] };
  learnedAppeals: number;
  minimumLearnedAppeals: number;
}

export type InboxCounts = Record<InboxBox, number>;

export interface AppealDetail extends AppealSummary {
  content: string;
  appealType: AppealType;
  address: string | null;
  lat: number | null;
  lng: number | null;
  contactPhone: string | null;
  /** Contact fields are always masked in the detail; reveal them through POST /reveal. */
  contactRevealed: boolean;
  /** True when this viewer (the assigned handler) may reveal the contact. */
  canReveal: boolean;
  anonymous: boolean;
  publicable: boolean;
  channel: string;
  version: number;
  handlerName: string | null;
  signDueAt: string | null;
  signedAt: string | null;
  contactedAt: string | null;
  replyText: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  satisfaction: Satisfaction | null;
  resolved: boolean | null;
  ratingComment: string | null;
  pendingReason: string | null;
  extensionDueAt: string | null;
  redoCount: number;
  supportCount: number;
  mergedIntoId: string | null;
  mergedChildren: { id: string; trackingNo: string }[];
  photos: { id: string; url: string }[];
  timeline: TimelineEntry[];
  /** What this viewer may do now: exactly the buttons the server will accept. */
  allowedActions: AppealAction[];
}

interface Versioned {
  version: number;
}

export interface ActionBodies {
  /** `categoryCode`: the category the dispatcher files it under, when it corrects the citizen's choice. */
  dispatch: Versioned & { unitId: string; categoryCode?: string; note?: string };
  reject: Versioned & { reasonCode: RejectReason; note?: string };
  answer: Versioned & { text: string };
  merge: Versioned & { masterId: string };
  sign: Versioned;
  requestReturn: Versioned & { reason: string };
  approveReturn: Versioned & { unitId: string };
  denyReturn: Versioned & { reason: string };
  contact: Versioned & { note?: string };
  requestExtension: Versioned & { workdays: number; reason: string };
  approveExtension: Versioned;
  denyExtension: Versioned & { reason: string };
  reply: Versioned & { text: string };
  sendBack: Versioned & { reason: string };
  acceptReply: Versioned;
  rate: Versioned & { satisfaction: Satisfaction; resolved: boolean; comment?: string };
  supervise: Versioned & { note?: string };
}

export interface RevealBody {
  reason: string;
}

export interface RevealResult {
  contactName: string | null;
  contactPhone: string | null;
}
