import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import type { FieldCrypto } from '../../../core/crypto';
import { maskPhone } from '../../../core/masking';
import { isAllowed } from '../../../core/policy';
import type { Db } from '../../../db/database';
import type { Hearing, HearingRegistration } from '../../../db/schema';
import { hearingPolicy, type HearingFacts } from './policy';
import { waitlistPosition, type HearingListRow, type HearingRow, type MaterialRow, type RegistrationCounts } from './repository';
import {
  HEARING_KIND_LABELS,
  HEARING_STATE_LABELS,
  REGISTRATION_STATUS_LABELS,
  type HearingAction,
  type HearingAudience,
  type HearingDetail,
  type HearingKind,
  type HearingState,
  type HearingSummary,
  type MyRegistration,
  type OutcomeLinkInput,
  type RegistrationRow,
  type RegistrationStatus,
} from './schemas';
import {
  isEditable,
  registrationWindow,
  takesCancellations,
  takesCheckIns,
  takesMaterials,
  takesMinutes,
  takesOutcome,
  takesSpeakers,
  TRANSITION_RULES,
} from './stateMachine';

const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 2026-03-10T06:30:00.000Z → 2026/03/10 14:30, Beijing time, for messages. */
export const shanghaiTime = (isoTime: string) => SHANGHAI_TIME.format(new Date(isoTime));

export const hearingFacts = (hearing: Pick<Hearing, 'org_id' | 'audience' | 'state'>, readerOrgPath: string | null): HearingFacts => ({
  orgId: hearing.org_id,
  audience: hearing.audience,
  state: hearing.state,
  readerOrgPath,
});

export const calendarPath = (hearingId: string) => `/api/consult/hearings/${hearingId}/hearing.ics`;
export const materialPath = (hearingId: string, fileId: string) => `/api/consult/hearings/${hearingId}/materials/${fileId}`;

export const presentSummary = (row: HearingListRow, counts: RegistrationCounts): z.infer<typeof HearingSummary> => ({
  id: row.id,
  orgName: row.org_name,
  kind: row.kind as HearingKind,
  kindLabel: HEARING_KIND_LABELS[row.kind as HearingKind],
  audience: row.audience as HearingAudience,
  topic: row.topic,
  place: row.place,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  registrationOpensAt: row.registration_opens_at,
  registrationClosesAt: row.registration_closes_at,
  capacity: row.capacity,
  registeredCount: counts.registered,
  waitlistedCount: counts.waitlisted,
  state: row.state as HearingState,
  stateLabel: HEARING_STATE_LABELS[row.state as HearingState],
});

/** The organizer's buttons, as the policy and the state will accept them; `register` for whoever may register now. */
function allowedActions(actor: Actor | null, hearing: HearingRow, facts: HearingFacts, now: Date, registered: boolean): HearingAction[] {
  const actions: HearingAction[] = [];
  const manages = actor !== null && isAllowed(actor, hearingPolicy.edit, facts);
  if (manages) {
    const state = hearing.state;
    const checks: [HearingAction, boolean][] = [
      ['edit', isEditable(state)],
      ['publish', TRANSITION_RULES.publish.from.includes(state as HearingState)],
      ['closeRegistration', TRANSITION_RULES.closeRegistration.from.includes(state as HearingState)],
      ['markHeld', TRANSITION_RULES.markHeld.from.includes(state as HearingState)],
      ['manageMaterials', takesMaterials(state)],
      ['viewRegistrations', state !== 'draft'],
      ['selectSpeakers', takesSpeakers(state)],
      ['checkIn', takesCheckIns(state)],
      ['recordMinutes', takesMinutes(state)],
      ['conclude', takesOutcome(state)],
    ];
    actions.push(...checks.filter(([, allowed]) => allowed).map(([action]) => action));
  }
  // Without an account only public hearings take registrations; the rest need the reader's organisation.
  const mayRegister = actor !== null || hearing.audience === 'public';
  if (mayRegister && !registered && registrationWindow(hearing, now) === 'open') {
    actions.push('register');
  }
  return actions;
}

const parseLinks = (json: string) =>
  (JSON.parse(json) as OutcomeLinkInput[]).map((link) => ({ label: link.label, articleId: link.articleId, url: link.url }));

export function presentDetail(
  actor: Actor | null,
  hearing: HearingRow,
  details: {
    facts: HearingFacts;
    counts: RegistrationCounts;
    materials: MaterialRow[];
    myRegistration: z.infer<typeof MyRegistration> | null;
    now: Date;
  },
): z.infer<typeof HearingDetail> {
  const manages = actor !== null && isAllowed(actor, hearingPolicy.recordMinutes, details.facts);
  return {
    ...presentSummary(hearing, details.counts),
    orgId: hearing.org_id,
    background: hearing.background,
    speakerCap: hearing.speaker_cap,
    speakerCount: details.counts.speakers,
    checkedInCount: details.counts.checkedIn,
    version: hearing.version,
    registrationOpen: registrationWindow(hearing, details.now) === 'open',
    materials: details.materials.map((material) => ({
      id: material.file_id,
      name: material.name,
      mime: material.mime,
      size: Number(material.size),
      url: materialPath(hearing.id, material.file_id),
    })),
    minutes: manages || hearing.state === 'concluded' ? hearing.minutes : null,
    outcome: hearing.outcome,
    outcomeLinks: parseLinks(hearing.outcome_links),
    concludedAt: hearing.concluded_at,
    calendarUrl: calendarPath(hearing.id),
    myRegistration: details.myRegistration,
    allowedActions: allowedActions(actor, hearing, details.facts, details.now, details.myRegistration !== null),
  };
}

/** The registrant's own view: their check-in code in full, their place in the waitlist while waiting. */
export async function presentMyRegistration(
  db: Db,
  crypto: FieldCrypto,
  hearing: Pick<Hearing, 'state'>,
  registration: HearingRegistration,
): Promise<z.infer<typeof MyRegistration>> {
  const status = registration.status as RegistrationStatus;
  return {
    id: registration.id,
    hearingId: registration.hearing_id,
    name: crypto.decrypt(registration.name_enc),
    phoneMasked: maskPhone(crypto.decrypt(registration.phone_enc)) ?? '',
    status,
    statusLabel: REGISTRATION_STATUS_LABELS[status],
    waitlistPosition: status === 'waitlisted' ? await waitlistPosition(db, registration) : null,
    code: crypto.decrypt(registration.code_enc),
    wantsToSpeak: registration.wants_to_speak === 1,
    statement: registration.statement,
    speaker: registration.speaker === 1,
    checkedInAt: registration.checked_in_at,
    canCancel: status !== 'cancelled' && registration.checked_in_at === null && takesCancellations(hearing.state),
  };
}

/** A row of the organizer's list: the name, the phone masked (GB/T 35273 §7.2), never the check-in code. */
export function presentRegistrationRow(
  crypto: FieldCrypto,
  registration: HearingRegistration,
  position: number | null,
): z.infer<typeof RegistrationRow> {
  const status = registration.status as RegistrationStatus;
  return {
    id: registration.id,
    name: crypto.decrypt(registration.name_enc),
    phoneMasked: maskPhone(crypto.decrypt(registration.phone_enc)) ?? '',
    withAccount: registration.user_id !== null,
    status,
    statusLabel: REGISTRATION_STATUS_LABELS[status],
    waitlistPosition: position,
    wantsToSpeak: registration.wants_to_speak === 1,
    statement: registration.statement,
    speaker: registration.speaker === 1,
    checkedInAt: registration.checked_in_at,
    createdAt: registration.created_at,
  };
}
