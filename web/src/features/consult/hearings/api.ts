import { api, toQuery } from '../../../shared/http';
import type {
  CheckInResult,
  ConcludeBody,
  CreateHearingBody,
  HearingDetail,
  HearingPage,
  HearingState,
  HearingTransition,
  Material,
  MyRegistration,
  RegisterBody,
  RegistrationPage,
  RegistrationStatus,
  UpdateHearingBody,
} from './types';

const hearing = (id: string) => `/api/consult/hearings/${encodeURIComponent(id)}`;
// The H5 pages answer a 401 themselves (public hearings need no account).
const publicPage = { authRedirect: false } as const;

export const hearingsApi = {
  list: (query: { page: number; state?: HearingState }) => api<HearingPage>(`/api/consult/hearings${toQuery({ ...query })}`),
  board: (query: { page: number; scope: 'open' | 'concluded' }) =>
    api<HearingPage>(`/api/consult/hearings/board${toQuery({ ...query })}`, publicPage),
  detail: (id: string) => api<HearingDetail>(hearing(id), publicPage),
  create: (body: CreateHearingBody) => api<HearingDetail>('/api/consult/hearings', { body }),
  update: (id: string, body: UpdateHearingBody) => api<HearingDetail>(hearing(id), { method: 'PATCH', body }),
  transition: (id: string, action: HearingTransition, version: number) =>
    api<HearingDetail>(`${hearing(id)}/transitions/${action}`, { body: { version } }),
  uploadMaterial: (id: string, name: string, dataBase64: string) =>
    api<Material>(`${hearing(id)}/materials`, { body: { name, dataBase64 } }),
  removeMaterial: (id: string, fileId: string) =>
    api<{ ok: true }>(`${hearing(id)}/materials/${encodeURIComponent(fileId)}`, { method: 'DELETE' }),
  recordMinutes: (id: string, minutes: string) => api<HearingDetail>(`${hearing(id)}/minutes`, { method: 'PUT', body: { minutes } }),
  conclude: (id: string, body: ConcludeBody) => api<HearingDetail>(`${hearing(id)}/outcome`, { body }),
  registrations: (id: string, query: { page: number; status?: RegistrationStatus }) =>
    api<RegistrationPage>(`${hearing(id)}/registrations${toQuery({ ...query })}`),
  reveal: (id: string, registrationId: string, reason: string) =>
    api<{ phone: string }>(`${hearing(id)}/registrations/${encodeURIComponent(registrationId)}/reveal`, { body: { reason } }),
  selectSpeaker: (id: string, registrationId: string, speaker: boolean) =>
    api<{ ok: true }>(`${hearing(id)}/registrations/${encodeURIComponent(registrationId)}/speaker`, { body: { speaker } }),
  checkIn: (id: string, code: string) => api<CheckInResult>(`${hearing(id)}/check-in`, { body: { code } }),
  register: (id: string, body: RegisterBody, idempotencyKey: string) =>
    api<MyRegistration>(`${hearing(id)}/registrations`, { body, headers: { 'Idempotency-Key': idempotencyKey }, ...publicPage }),
  lookup: (id: string, code: string) => api<MyRegistration>(`${hearing(id)}/registrations/lookup`, { body: { code }, ...publicPage }),
  cancel: (id: string, code?: string) =>
    api<{ ok: true }>(`${hearing(id)}/registrations/cancel`, { body: code ? { code } : {}, ...publicPage }),
};
