import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hearingsApi } from './api';
import type {
  ConcludeBody,
  CreateHearingBody,
  HearingDetail,
  HearingState,
  HearingTransition,
  RegisterBody,
  RegistrationStatus,
  UpdateHearingBody,
} from './types';

export const hearingKeys = {
  all: ['hearings'] as const,
  list: (page: number, state?: HearingState) => ['hearings', 'list', page, state ?? null] as const,
  board: (page: number, scope: 'open' | 'concluded') => ['hearings', 'board', scope, page] as const,
  detail: (id: string) => ['hearings', 'detail', id] as const,
  registrations: (id: string, page: number, status?: RegistrationStatus) =>
    ['hearings', 'registrations', id, page, status ?? null] as const,
};

export const useHearingList = (page: number, state?: HearingState) =>
  useQuery({
    queryKey: hearingKeys.list(page, state),
    queryFn: () => hearingsApi.list({ page, state }),
    placeholderData: keepPreviousData,
  });

export const useHearingBoard = (page: number, scope: 'open' | 'concluded') =>
  useQuery({
    queryKey: hearingKeys.board(page, scope),
    queryFn: () => hearingsApi.board({ page, scope }),
    placeholderData: keepPreviousData,
  });

export const useHearingDetail = (id: string) =>
  useQuery({ queryKey: hearingKeys.detail(id), queryFn: () => hearingsApi.detail(id), retry: false });

export const useRegistrations = (id: string, page: number, status?: RegistrationStatus) =>
  useQuery({
    queryKey: hearingKeys.registrations(id, page, status),
    queryFn: () => hearingsApi.registrations(id, { page, status }),
    placeholderData: keepPreviousData,
  });

/** After any change, the hearing's detail is what the server answered and every list is read again. */
function useHearingChange<A>(id: string, change: (argument: A) => Promise<HearingDetail | unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async (result) => {
      if (result && typeof result === 'object' && 'allowedActions' in result) {
        client.setQueryData(hearingKeys.detail(id), result);
      }
      await client.invalidateQueries({ queryKey: hearingKeys.all });
    },
  });
}

export function useCreateHearing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateHearingBody) => hearingsApi.create(body),
    onSuccess: async (detail) => {
      client.setQueryData(hearingKeys.detail(detail.id), detail);
      await client.invalidateQueries({ queryKey: ['hearings', 'list'] });
    },
  });
}

export const useUpdateHearing = (id: string) => useHearingChange(id, (body: UpdateHearingBody) => hearingsApi.update(id, body));
export const useTransitionHearing = (id: string) =>
  useHearingChange(id, ({ action, version }: { action: HearingTransition; version: number }) =>
    hearingsApi.transition(id, action, version),
  );
export const useUploadMaterial = (id: string) =>
  useHearingChange(id, ({ name, dataBase64 }: { name: string; dataBase64: string }) => hearingsApi.uploadMaterial(id, name, dataBase64));
export const useRemoveMaterial = (id: string) => useHearingChange(id, (fileId: string) => hearingsApi.removeMaterial(id, fileId));
export const useRecordMinutes = (id: string) => useHearingChange(id, (minutes: string) => hearingsApi.recordMinutes(id, minutes));
export const useConclude = (id: string) => useHearingChange(id, (body: ConcludeBody) => hearingsApi.conclude(id, body));
export const useSelectSpeaker = (id: string) =>
  useHearingChange(id, ({ registrationId, speaker }: { registrationId: string; speaker: boolean }) =>
    hearingsApi.selectSpeaker(id, registrationId, speaker),
  );
export const useCheckIn = (id: string) => useHearingChange(id, (code: string) => hearingsApi.checkIn(id, code));
export const useReveal = (id: string) =>
  useMutation({
    mutationFn: ({ registrationId, reason }: { registrationId: string; reason: string }) => hearingsApi.reveal(id, registrationId, reason),
  });

export const useRegister = (id: string) =>
  useHearingChange(id, ({ body, idempotencyKey }: { body: RegisterBody; idempotencyKey: string }) =>
    hearingsApi.register(id, body, idempotencyKey),
  );
export const useLookupRegistration = (id: string) => useMutation({ mutationFn: (code: string) => hearingsApi.lookup(id, code) });
export const useCancelRegistration = (id: string) => useHearingChange(id, (code?: string) => hearingsApi.cancel(id, code));
