import type { Generated, Insertable, Selectable } from 'kysely';

/** Timestamps are ISO-8601 UTC strings on both SQLite and PostgreSQL, so comparisons and sorting are plain text. */
export type Timestamp = string;
/** Booleans are 0/1 integers on both databases. */
export type Flag = number;

export interface OrgTable {
  id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  path: string;
  sort: number;
  created_at: Timestamp;
}

export interface UserTable {
  id: string;
  username: string;
  username_lower: string;
  display_name: string;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Flag;
  failed_logins: number;
  locked_until: Timestamp | null;
  disabled: Flag;
  admin_role: string | null;
  org_id: string;
  phone_enc: string | null;
  phone_index: string | null;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
}

export interface PasswordHistoryTable {
  user_id: string;
  password_hash: string;
  created_at: Timestamp;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
  org_id: string;
  scope: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: number;
  ts: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  event_type: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  src_ip: string | null;
  request_id: string | null;
  reason: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface EventTable {
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  org_id: string | null;
  actor_id: string | null;
  actor_role: string | null;
  payload: string;
  created_at: Timestamp;
  handled_at: Timestamp | null;
  claimed_until: Timestamp | null;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
  /** Unread notifications with the same key collapse into one that counts them. */
  collapse_key: string | null;
  count: Generated<number>;
}

/** Segmented text of a searchable record (see src/core/search.ts); the full-text index follows it. */
export interface SearchDocumentTable {
  id: Generated<number>;
  source_type: string;
  source_id: string;
  /** The record's words, normalised and joined by spaces. */
  terms: string;
  indexed_at: Timestamp;
}

export interface RateLimitTable {
  key: string;
  window: string;
  count: number;
}

export interface JobRunTable {
  job: string;
  slot: string;
  started_at: Timestamp;
}

export interface CalendarOverrideTable {
  date: string;
  is_workday: Flag;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface FileTable {
  id: string;
  owner_type: string;
  owner_id: string | null;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_at: Timestamp;
}

export interface AppealCategoryTable {
  code: string;
  name: string;
  appeal_type: string;
  limit_kind: string;
  default_unit_id: string | null;
  description: string | null;
  sort: number;
  active: Flag;
}

export interface AppealTable {
  id: string;
  tracking_no: string;
  query_code_hash: string;
  org_id: string;
  category_code: string;
  appeal_type: string;
  urgency: string;
  content: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  contact_name_enc: string | null;
  contact_phone_enc: string | null;
  phone_index: string | null;
  anonymous: Flag;
  publicable: Flag;
  submitter_id: string | null;
  channel: string;
  state: string;
  unit_id: string | null;
  handler_id: string | null;
  version: number;
  received_at: Timestamp;
  dispatched_at: Timestamp | null;
  sign_due_at: Timestamp | null;
  signed_at: Timestamp | null;
  contact_due_at: Timestamp | null;
  contacted_at: Timestamp | null;
  due_at: Timestamp | null;
  replied_at: Timestamp | null;
  reply_text: string | null;
  closed_at: Timestamp | null;
  close_reason: string | null;
  satisfaction: string | null;
  resolved: Flag | null;
  rated_at: Timestamp | null;
  rating_comment: string | null;
  supervised: Flag;
  supervised_at: Timestamp | null;
  merged_into_id: string | null;
  redo_count: number;
  tag: string | null;
  pending_reason: string | null;
  pending_unit_id: string | null;
  extension_due_at: Timestamp | null;
  support_count: number;
  updated_at: Timestamp;
}

export interface IdempotencyKeyTable {
  key_hash: string;
  response_enc: string;
  created_at: Timestamp;
}

export interface AppealPhotoTable {
  appeal_id: string;
  file_id: string;
  sort: number;
}

/** How often a term occurs in the appeals learned with a label, per triage model (naive Bayes counts). */
export interface TriageTermTable {
  model: string;
  term: string;
  label: string;
  count: number;
}

/** Per triage model and label: the appeals learned with it and the terms they hold in all. */
export interface TriageLabelTable {
  model: string;
  label: string;
  appeals: number;
  terms: number;
}

/** What a dispatched appeal taught the triage models: its labels and its terms (JSON array). */
export interface TriageExampleTable {
  appeal_id: string;
  category_code: string;
  unit_id: string;
  terms: string;
  learned_at: Timestamp;
}

/** The triage suggestion at an appeal's dispatch beside what the dispatcher chose. */
export interface TriageDecisionTable {
  appeal_id: string;
  decided_at: Timestamp;
  suggested_category_code: string | null;
  category_confidence: number | null;
  category_code: string;
  suggested_unit_id: string | null;
  unit_confidence: number | null;
  unit_id: string;
}

export interface OpinionAppealTable {
  appeal_id: string;
  org_id: string;
  day: string;
  category_code: string;
  place: string;
  unit_id: string | null;
  terms: string;
}

export interface OpinionCountTable {
  org_id: string;
  facet: string;
  value: string;
  day: string;
  term: string;
  count: number;
}

export interface OpinionAlertTable {
  id: string;
  org_id: string;
  term: string;
  day: string;
  observed: number;
  expected: number;
  p_value: number;
  related_terms: string;
  state: string;
  raised_at: Timestamp;
  updated_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  response_text: string | null;
  responded_by: string | null;
  responded_at: Timestamp | null;
  published_at: Timestamp | null;
  version: number;
}

export interface ArticleTable {
  id: string;
  org_id: string;
  kind: string;
  title: string;
  author: string | null;
  author_unit: string | null;
  /** YYYY-MM-DD, as printed on the page. */
  published_on: string | null;
  journal: string | null;
  issue: string | null;
  /** JSON array of strings. */
  keywords: string;
  /** Simplified script, paragraphs separated by a blank line. */
  body: string;
  /** JSON array of strings. */
  reference_list: string;
  /** The page text as pasted. */
  original: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  orgs: OrgTable;
  users: UserTable;
  password_history: PasswordHistoryTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  events: EventTable;
  notifications: NotificationTable;
  rate_limits: RateLimitTable;
  search_documents: SearchDocumentTable;
  job_runs: JobRunTable;
  calendar_overrides: CalendarOverrideTable;
  settings: SettingTable;
  files: FileTable;
  appeal_categories: AppealCategoryTable;
  appeals: AppealTable;
  appeal_photos: AppealPhotoTable;
  idempotency_keys: IdempotencyKeyTable;
  articles: ArticleTable;
  opinion_appeals: OpinionAppealTable;
  opinion_counts: OpinionCountTable;
  opinion_alerts: OpinionAlertTable;
  triage_terms: TriageTermTable;
  triage_labels: TriageLabelTable;
  triage_examples: TriageExampleTable;
  triage_decisions: TriageDecisionTable;
}

export type Org = Selectable<OrgTable>;
export type User = Selectable<UserTable>;
export type Appeal = Selectable<AppealTable>;
export type NewAppeal = Insertable<AppealTable>;
export type AppealCategory = Selectable<AppealCategoryTable>;
export type EventRow = Selectable<EventTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type Article = Selectable<ArticleTable>;
export type OpinionAlert = Selectable<OpinionAlertTable>;
