import { api, toQuery } from '../../../shared/http';
import type {
  PublicSurveyResults,
  PublishedSurvey,
  SurveyDetail,
  SurveyFields,
  SurveyForm,
  SurveyPage,
  SurveyResults,
  SurveySummary,
  SurveyTemplate,
  TextAnswerPage,
} from './types';

const survey = (id: string) => `/api/consult/surveys/${encodeURIComponent(id)}`;

export type SurveyStateAction = 'publish' | 'close' | 'publish-results';

/** Where the answer goes: public surveys through the link (no account needed), the others as the signed-in person. */
const answersPath = (id: string, isPublic: boolean) =>
  isPublic ? `/api/public/surveys/${encodeURIComponent(id)}/answers` : `/api/my/surveys/${encodeURIComponent(id)}/answers`;

export const surveysApi = {
  list: (page: number) => api<SurveyPage>(`/api/consult/surveys${toQuery({ page, pageSize: 20 })}`),
  templates: () => api<SurveyTemplate[]>('/api/consult/survey-templates'),
  audienceOrgs: () => api<{ id: string; name: string; depth: number }[]>('/api/consult/survey-orgs'),
  audiencePeople: (q: string) => api<{ id: string; name: string; orgName: string }[]>(`/api/consult/survey-people${toQuery({ q })}`),
  detail: (id: string) => api<SurveyDetail>(survey(id)),
  create: (body: SurveyFields) => api<SurveyDetail>('/api/consult/surveys', { body }),
  edit: (id: string, body: Partial<SurveyFields> & { version: number }) => api<SurveyDetail>(survey(id), { method: 'PATCH', body }),
  changeState: (id: string, action: SurveyStateAction, version: number) =>
    api<SurveyDetail>(`${survey(id)}/${action}`, { body: { version } }),
  results: (id: string, orgId?: string) => api<SurveyResults>(`${survey(id)}/results${toQuery({ orgId })}`),
  texts: (id: string, question: string, page: number, orgId?: string) =>
    api<TextAnswerPage>(`${survey(id)}/texts${toQuery({ question, page, pageSize: 10, orgId })}`),
  exportPath: (id: string) => `${survey(id)}/export.xlsx`,
  mine: () => api<{ items: SurveySummary[] }>('/api/my/surveys', { authRedirect: false }),
  form: (id: string, signedIn: boolean) =>
    api<SurveyForm>(signedIn ? `/api/my/surveys/${encodeURIComponent(id)}` : `/api/public/surveys/${encodeURIComponent(id)}`, {
      authRedirect: false,
    }),
  answer: (id: string, isPublic: boolean, data: Record<string, unknown>, idempotencyKey: string) =>
    api<{ surveyId: string; answeredOn: string }>(answersPath(id, isPublic), {
      body: { data },
      headers: { 'Idempotency-Key': idempotencyKey },
      authRedirect: false,
    }),
  publishedResults: () => api<{ items: PublishedSurvey[] }>('/api/public/survey-results', { authRedirect: false }),
  publicResults: (id: string) => api<PublicSurveyResults>(`/api/public/survey-results/${encodeURIComponent(id)}`, { authRedirect: false }),
};
