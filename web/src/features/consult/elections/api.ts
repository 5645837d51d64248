import { api, toQuery } from '../../../shared/http';
import type {
  CreateElectionBody,
  EditElectionBody,
  ElectionDetail,
  ElectionPage,
  ElectionResults,
  NominateBody,
  OpenRoll,
  RollCorrection,
} from './types';

const election = (id: string) => `/api/consult/elections/${encodeURIComponent(id)}`;

export type ElectionPhaseAction = 'open' | 'close' | 'finalize';

export const electionsApi = {
  list: (page: number) => api<ElectionPage>(`/api/consult/elections${toQuery({ page, pageSize: 20 })}`),
  detail: (id: string) => api<ElectionDetail>(election(id)),
  create: (body: CreateElectionBody) => api<ElectionDetail>('/api/consult/elections', { body }),
  edit: (id: string, body: EditElectionBody) => api<ElectionDetail>(election(id), { method: 'PATCH', body }),
  nominate: (id: string, body: NominateBody) => api<ElectionDetail>(`${election(id)}/nominations`, { body }),
  review: (id: string, nominationId: string, decision: 'approve' | 'reject', note?: string) =>
    api<ElectionDetail>(`${election(id)}/nominations/${encodeURIComponent(nominationId)}/review`, { body: { decision, note } }),
  phase: (id: string, action: ElectionPhaseAction, version: number) =>
    api<ElectionDetail>(`${election(id)}/${action}`, { body: { version } }),
  vote: (id: string, candidateIds: string[]) => api<{ receipt: string }>(`${election(id)}/ballots`, { body: { candidateIds } }),
  results: (id: string) => api<ElectionResults>(`${election(id)}/results`),
  checkReceipt: (id: string, receipt: string) => api<{ counted: boolean }>(`${election(id)}/receipts/check`, { body: { receipt } }),
  receiptHashes: (id: string) => api<{ hashes: string[] }>(`${election(id)}/receipts`),
  openRolls: () => api<{ items: OpenRoll[] }>('/api/consult/elections/open-rolls'),
  correctRoll: (id: string, body: RollCorrection) => api<{ ok: true }>(`${election(id)}/roll`, { body }),
};
