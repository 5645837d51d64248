import type { Hearing } from '../../../db/schema';
import type { HearingState, HearingTransition } from './schemas';

/** draft → published (registration open) → registration_closed → held → concluded; registration may also run until the meeting is held. */
export const TRANSITION_RULES: Record<HearingTransition, { from: readonly HearingState[]; to: HearingState }> = {
  publish: { from: ['draft'], to: 'published' },
  closeRegistration: { from: ['published'], to: 'registration_closed' },
  markHeld: { from: ['published', 'registration_closed'], to: 'held' },
};

const BEFORE_THE_MEETING: readonly HearingState[] = ['draft', 'published', 'registration_closed'];
const AT_THE_DOOR: readonly HearingState[] = ['published', 'registration_closed', 'held'];

/** The particulars (time, place, seats) change until the meeting is held. */
export const isEditable = (state: string) => BEFORE_THE_MEETING.includes(state as HearingState);
/** Registrants cancel, and speakers are chosen, until the meeting is held. */
export const takesCancellations = (state: string) => state === 'published' || state === 'registration_closed';
export const takesSpeakers = takesCancellations;
export const takesCheckIns = (state: string) => AT_THE_DOOR.includes(state as HearingState);
export const takesMaterials = isEditable;
export const takesMinutes = (state: string) => state === 'held' || state === 'concluded';
export const takesOutcome = (state: string) => state === 'held';

export type RegistrationWindow = 'not_published' | 'not_yet' | 'open' | 'closed';

/** Whether the hearing takes registrations at `now`: published, and inside its registration window. */
export function registrationWindow(
  hearing: Pick<Hearing, 'state' | 'registration_opens_at' | 'registration_closes_at'>,
  now: Date,
): RegistrationWindow {
  if (hearing.state === 'draft') {
    return 'not_published';
  }
  if (hearing.state !== 'published') {
    return 'closed';
  }
  const at = now.toISOString();
  if (at < hearing.registration_opens_at) {
    return 'not_yet';
  }
  return at < hearing.registration_closes_at ? 'open' : 'closed';
}

export interface Schedule {
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  capacity: number;
  speakerCap: number;
}

/** What is wrong with a schedule, as a field and a message; null when it holds together. */
export function scheduleProblem(schedule: Schedule): { field: string; message: string } | null {
  if (schedule.endsAt <= schedule.startsAt) {
    return { field: 'endsAt', message: '结束时间应晚于开始时间' };
  }
  if (schedule.registrationClosesAt <= schedule.registrationOpensAt) {
    return { field: 'registrationClosesAt', message: '报名截止时间应晚于报名开始时间' };
  }
  if (schedule.registrationClosesAt > schedule.startsAt) {
    return { field: 'registrationClosesAt', message: '报名应在会议开始前截止' };
  }
  if (schedule.speakerCap > schedule.capacity) {
    return { field: 'speakerCap', message: '发言人数不能超过名额' };
  }
  return null;
}
