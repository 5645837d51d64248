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

/** 听证会、议事会、恳谈会 (consult/hearings). */
export interface HearingTable {
  id: string;
  org_id: string;
  kind: string;
  /** 'public': anyone, also without an account; 'organisation': the people of the organisation and below. */
  audience: string;
  topic: string;
  background: string;
  place: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  registration_opens_at: Timestamp;
  registration_closes_at: Timestamp;
  capacity: number;
  speaker_cap: number;
  state: string;
  version: number;
  registration_seq: number;
  minutes: string | null;
  outcome: string | null;
  /** JSON array of { label, articleId, url }. */
  outcome_links: string;
  published_at: Timestamp | null;
  concluded_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HearingMaterialTable {
  hearing_id: string;
  file_id: string;
  /** The file name as uploaded, for the download. */
  name: string;
  sort: number;
}

export interface HearingRegistrationTable {
  id: string;
  hearing_id: string;
  user_id: string | null;
  name_enc: string;
  phone_enc: string;
  phone_index: string;
  wants_to_speak: Flag;
  statement: string | null;
  status: string;
  /** The hearing's registration_seq when this registration took its place: the waitlist order. */
  seq: number;
  speaker: Flag;
  code_hash: string;
  code_enc: string;
  checked_in_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Who may vote in a ballot box (an election or an appraisal) and whether they have; no time (VO-01). */
export interface BallotVoterTable {
  box_id: string;
  user_id: string;
  status: string;
}

/** What one voter chose, with nothing that names or orders the voter (VO-01, VO-03). */
export interface BallotTable {
  box_id: string;
  /** 128 random bits, hex. */
  ballot_id: string;
  /** JSON, in the form of the box's kind. */
  choices: string;
  receipt_hash: string;
  mac: string;
}

export interface ElectionTable {
  id: string;
  org_id: string;
  title: string;
  description: string;
  audience_members: Flag;
  audience_masses: Flag;
  max_choices: number;
  /** Phase dates, YYYY-MM-DD in Beijing time. */
  nomination_starts_on: string;
  nomination_ends_on: string;
  voting_starts_on: string;
  voting_ends_on: string;
  publicity_days: number;
  state: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  voting_opened_at: Timestamp | null;
  voting_closed_at: Timestamp | null;
  finalized_at: Timestamp | null;
  version: number;
}

export interface ElectionNominationTable {
  id: string;
  election_id: string;
  name: string;
  unit: string | null;
  reason: string;
  nominated_by: string;
  status: string;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  created_at: Timestamp;
}

/** 预备党员: take part in an appraisal but are not graded. */
export interface ProbationaryMemberTable {
  user_id: string;
  since_on: string;
}

export interface AppraisalTable {
  id: string;
  org_id: string;
  year: number;
  title: string;
  state: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  voting_opened_at: Timestamp | null;
  voting_closed_at: Timestamp | null;
  finalized_at: Timestamp | null;
  version: number;
}

export interface AppraisalMemberTable {
  appraisal_id: string;
  user_id: string;
  probationary: Flag;
  self_appraisal: string | null;
  self_written_at: Timestamp | null;
  final_grade: string | null;
}

/** 限期改正 after a 不合格 grade: the branch follows the member up until the date. */
export interface AppraisalFollowupTable {
  id: string;
  appraisal_id: string;
  user_id: string;
  due_on: string;
  created_by: string;
  created_at: Timestamp;
}

export interface SurveyTable {
  id: string;
  org_id: string;
  title: string;
  description: string;
  /** SurveyJS JSON, as parsed by src/modules/consult/surveys/definition.ts. */
  definition: string;
  audience: 'public' | 'orgs' | 'users';
  anonymous: Flag;
  state: 'draft' | 'published' | 'closed';
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
  closed_at: Timestamp | null;
  results_published_at: Timestamp | null;
  version: number;
}

export interface SurveyAudienceOrgTable {
  survey_id: string;
  org_id: string;
}

export interface SurveyAudienceUserTable {
  survey_id: string;
  user_id: string;
}

export interface SurveyRespondentTable {
  survey_id: string;
  user_id: string;
  answered_on: string;
}

export interface SurveyAnswerTable {
  id: string;
  survey_id: string;
  org_id: string | null;
  user_id: string | null;
  data: string;
  submitted_on: string;
  submitted_at: Timestamp | null;
}

export interface SurveyTallyTable {
  survey_id: string;
  question: string;
  item: string;
  org_id: string;
  count: number;
  total: number;
}

export interface SurveyTextTable {
  answer_id: string;
  question: string;
  survey_id: string;
  org_id: string;
  text: string;
  keywords: string;
  submitted_on: string;
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
  surveys: SurveyTable;
  survey_audience_orgs: SurveyAudienceOrgTable;
  survey_audience_users: SurveyAudienceUserTable;
  survey_respondents: SurveyRespondentTable;
  survey_answers: SurveyAnswerTable;
  survey_tallies: SurveyTallyTable;
  survey_texts: SurveyTextTable;
  hearings: HearingTable;
  hearing_materials: HearingMaterialTable;
  hearing_registrations: HearingRegistrationTable;
  ballot_voters: BallotVoterTable;
  ballots: BallotTable;
  elections: ElectionTable;
  election_nominations: ElectionNominationTable;
  probationary_members: ProbationaryMemberTable;
  appraisals: AppraisalTable;
  appraisal_members: AppraisalMemberTable;
  appraisal_followups: AppraisalFollowupTable;
}

export type Survey = Selectable<SurveyTable>;
export type Org = Selectable<OrgTable>;
export type User = Selectable<UserTable>;
export type Appeal = Selectable<AppealTable>;
export type NewAppeal = Insertable<AppealTable>;
export type AppealCategory = Selectable<AppealCategoryTable>;
export type EventRow = Selectable<EventTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type Article = Selectable<ArticleTable>;
export type OpinionAlert = Selectable<OpinionAlertTable>;
export type Hearing = Selectable<HearingTable>;
export type HearingRegistration = Selectable<HearingRegistrationTable>;
export type Election = Selectable<ElectionTable>;
export type ElectionNomination = Selectable<ElectionNominationTable>;
export type Appraisal = Selectable<AppraisalTable>;
