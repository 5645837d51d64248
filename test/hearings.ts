import { expect } from 'vitest';
import type { Client } from './harness';

/** Times around TEST_START (Monday 2026-03-02 10:00 Beijing): registration is open now, the meeting is next week. */
export const HEARING_TIMES = {
  registrationOpensAt: '2026-03-01T08:00:00+08:00',
  registrationClosesAt: '2026-03-09T18:00:00+08:00',
  startsAt: '2026-03-10T14:30:00+08:00',
  endsAt: '2026-03-10T16:30:00+08:00',
};

export const hearingBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'hearing',
  audience: 'public',
  topic: '明远家园二期停车收费调整听证会',
  background: '物业拟将地面停车费由每月 150 元调整为 200 元，听取业主意见。',
  place: '党群服务中心二楼会议室',
  ...HEARING_TIMES,
  capacity: 3,
  speakerCap: 1,
  ...overrides,
});

export interface CreatedHearing {
  id: string;
  version: number;
  state: string;
}

/** A hearing drafted by the organizer and, unless `draft`, published. */
export async function createHearing(organizer: Client, overrides: Record<string, unknown> = {}, options: { draft?: boolean } = {}) {
  const created = await organizer.post('/api/consult/hearings', hearingBody(overrides));
  expect(created.statusCode, created.body).toBe(201);
  const hearing = created.json() as CreatedHearing;
  if (options.draft) {
    return hearing;
  }
  const published = await organizer.post(`/api/consult/hearings/${hearing.id}/transitions/publish`, { version: hearing.version });
  expect(published.statusCode, published.body).toBe(200);
  return published.json() as CreatedHearing;
}

export async function transition(organizer: Client, hearing: { id: string }, action: string) {
  const current = (await organizer.get(`/api/consult/hearings/${hearing.id}`)).json() as CreatedHearing;
  const response = await organizer.post(`/api/consult/hearings/${hearing.id}/transitions/${action}`, { version: current.version });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as CreatedHearing;
}

let phoneCounter = 0;
/** A different valid mobile number each call. */
export const nextPhone = () => `139${String(10_000_000 + (phoneCounter++ % 89_999_999)).padStart(8, '0')}`;

export const registration = (overrides: Record<string, unknown> = {}) => ({
  name: '刘建国',
  phone: nextPhone(),
  wantsToSpeak: false,
  ...overrides,
});
