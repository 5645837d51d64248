/** Mirrors of src/modules/consult/surveys (checked by test/web-mirrors.test.ts). */
export const SURVEY_STATES = ['draft', 'published', 'closed'] as const;
export const SURVEY_AUDIENCES = ['public', 'orgs', 'users'] as const;
export const SURVEY_ACTIONS = ['edit', 'publish', 'close', 'publishResults', 'export'] as const;
export const QUESTION_TYPES = ['radiogroup', 'checkbox', 'dropdown', 'text', 'comment', 'rating', 'matrix', 'ranking', 'boolean'] as const;
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  radiogroup: '单选',
  checkbox: '多选',
  dropdown: '下拉选择',
  text: '单行文本',
  comment: '多行文本',
  rating: '评分',
  matrix: '矩阵',
  ranking: '排序',
  boolean: '是非',
};
export const SURVEY_AUDIENCE_LABELS: Record<SurveyAudience, string> = {
  public: '公开链接（群众扫码填写）',
  orgs: '指定组织的成员',
  users: '指定人员',
};
export const MIN_GROUP_SIZE = 5;

export type SurveyState = (typeof SURVEY_STATES)[number];
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface SurveySummary {
  id: string;
  title: string;
  state: SurveyState;
  stateLabel: string;
  audience: SurveyAudience;
  audienceLabel: string;
  anonymous: boolean;
  opensAt: string | null;
  closesAt: string | null;
  acceptingAnswers: boolean;
  orgName: string;
  answerCount: number;
  createdAt: string;
  resultsPublishedAt: string | null;
}

export interface SurveyPage {
  items: SurveySummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** SurveyJS JSON: the server checks it against the subset it supports. */
export type SurveyJson = Record<string, unknown>;

export interface SurveyDetail extends SurveySummary {
  orgId: string;
  description: string;
  definition: SurveyJson;
  audienceOrgs: { id: string; name: string }[];
  audienceUsers: { id: string; name: string }[];
  publicPath: string | null;
  version: number;
  allowedActions: SurveyAction[];
}

export type Audience = { kind: 'public' } | { kind: 'orgs'; orgIds: string[] } | { kind: 'users'; userIds: string[] };

export interface SurveyFields {
  title: string;
  description: string;
  definition: SurveyJson;
  audience: Audience;
  anonymous: boolean;
  opensAt: string | null;
  closesAt: string | null;
}

export interface SurveyTemplate {
  key: string;
  name: string;
  title: string;
  description: string;
  definition: SurveyJson;
}

export interface SurveyForm {
  id: string;
  title: string;
  description: string;
  orgName: string;
  definition: SurveyJson;
  anonymous: boolean;
  acceptingAnswers: boolean;
  closesAt: string | null;
  answered: boolean;
}

export interface ResultItem {
  value: string;
  label: string;
  count: number;
  average: number | null;
}

export interface QuestionResult {
  name: string;
  title: string;
  type: QuestionType;
  answered: number;
  average: number | null;
  items: ResultItem[];
  rows: { value: string; label: string; columns: ResultItem[] }[];
  keywords: { word: string; count: number }[];
}

export interface SurveyResults {
  surveyId: string;
  title: string;
  answerCount: number;
  orgId: string | null;
  orgs: { id: string; name: string; count: number }[];
  questions: QuestionResult[];
}

export interface TextAnswerPage {
  items: { text: string; keywords: string[]; orgName: string | null; submittedOn: string }[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PublicSurveyResults {
  id: string;
  title: string;
  description: string;
  orgName: string;
  answerCount: number;
  state: SurveyState;
  resultsPublishedAt: string;
  questions: Omit<QuestionResult, 'keywords'>[];
}

export interface PublishedSurvey {
  id: string;
  title: string;
  orgName: string;
  answerCount: number;
  resultsPublishedAt: string;
}
