import { api, toQuery } from '../../../shared/http';
import type { AppraisalDetail, AppraisalGrade, AppraisalPage, AppraisalTally } from './types';

const appraisal = (id: string) => `/api/consult/appraisals/${encodeURIComponent(id)}`;

export const exportUrl = (id: string) => `${appraisal(id)}/export.xlsx`;

export const appraisalApi = {
  list: (page: number) => api<AppraisalPage>(`/api/consult/appraisals${toQuery({ page, pageSize: 20 })}`),
  branches: () => api<{ id: string; name: string }[]>('/api/consult/appraisals/branches'),
  create: (orgId: string, year: number) => api<AppraisalDetail>('/api/consult/appraisals', { body: { orgId, year } }),
  detail: (id: string) => api<AppraisalDetail>(appraisal(id)),
  writeSelf: (id: string, text: string) => api<AppraisalDetail>(`${appraisal(id)}/self`, { method: 'PUT', body: { text } }),
  phase: (id: string, action: 'open' | 'close', version: number) =>
    api<AppraisalDetail>(`${appraisal(id)}/${action}`, { body: { version } }),
  vote: (id: string, grades: Record<string, AppraisalGrade>) => api<{ receipt: string }>(`${appraisal(id)}/ballots`, { body: { grades } }),
  tally: (id: string) => api<AppraisalTally>(`${appraisal(id)}/tally`),
  grade: (id: string, version: number, grades: { userId: string; grade: AppraisalGrade }[]) =>
    api<AppraisalDetail>(`${appraisal(id)}/grades`, { body: { version, grades } }),
  checkReceipt: (id: string, receipt: string) => api<{ counted: boolean }>(`${appraisal(id)}/receipts/check`, { body: { receipt } }),
};
