import type { z } from 'zod';
import { iso } from '../../../../core/clock';
import { conflict } from '../../../../core/errors';
import { storedResponse, storeResponse } from '../../../../core/idempotency';
import { newId, newReadableCode } from '../../../../core/ids';
import type { Hearing, HearingRegistration } from '../../../../db/schema';
import { presentMyRegistration } from '../presenters';
import { countRegistered, insertRegistration, liveRegistrationOf, lockHearingForRegistration } from '../repository';
import { CHECK_IN_CODE_LENGTH, type RegisterInput, type RegisterResult } from '../schemas';
import { registrationWindow } from '../stateMachine';
import { recordHearingChange, type HearingCommandContext } from './context';

type Registered = z.infer<typeof RegisterResult>;

export const alreadyRegistered = () => conflict('ALREADY_REGISTERED', '该手机号或账号已报名本次会议');

const WINDOW_MESSAGES = {
  not_published: '会议尚未发布',
  not_yet: '报名尚未开始',
  closed: '报名已截止',
} as const;

/**
 * 报名: takes a seat while one is free, else a place at the end of the waitlist. The hearing's row
 * is locked first, so concurrent registrations count the seats one after another and none is given
 * twice. The check-in code is random; its hash finds the registration at the door, its encrypted
 * copy shows it to the registrant again. A retry with the same Idempotency-Key gets the first answer.
 */
export async function registerForHearing(
  c: HearingCommandContext,
  hearingId: string,
  input: RegisterInput,
  idempotencyKeyHash: string | null,
): Promise<{ result: Registered; created: boolean }> {
  const previous = idempotencyKeyHash ? await storedResponse<Registered>(c.trx, c.app.crypto, idempotencyKeyHash) : null;
  if (previous) {
    return { result: previous, created: false };
  }
  const hearing: Hearing = await lockHearingForRegistration(c.trx, hearingId);
  const window = registrationWindow(hearing, c.now);
  if (window !== 'open') {
    throw conflict('REGISTRATION_NOT_OPEN', WINDOW_MESSAGES[window]);
  }
  const phoneIndex = c.app.crypto.blindIndex(input.phone);
  if (await liveRegistrationOf(c.trx, hearing.id, { userId: c.actor?.id ?? null, phoneIndex })) {
    throw alreadyRegistered();
  }
  const seatFree = (await countRegistered(c.trx, hearing.id)) < hearing.capacity;
  const code = newReadableCode(CHECK_IN_CODE_LENGTH);
  const at = iso(c.now);
  const registration: HearingRegistration = {
    id: newId(),
    hearing_id: hearing.id,
    user_id: c.actor?.id ?? null,
    name_enc: c.app.crypto.encrypt(input.name),
    phone_enc: c.app.crypto.encrypt(input.phone),
    phone_index: phoneIndex,
    wants_to_speak: input.wantsToSpeak ? 1 : 0,
    statement: input.statement,
    status: seatFree ? 'registered' : 'waitlisted',
    seq: hearing.registration_seq,
    speaker: 0,
    code_hash: c.app.crypto.hashCode(code),
    code_enc: c.app.crypto.encrypt(code),
    checked_in_at: null,
    created_at: at,
    updated_at: at,
  };
  await insertRegistration(c.trx, registration);
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.registration.create',
    eventType: 'consult.hearing.registered',
    targetType: 'hearing_registration',
    targetId: registration.id,
    detail: { status: registration.status, withAccount: registration.user_id !== null },
  });
  const result = await presentMyRegistration(c.trx, c.app.crypto, hearing, registration);
  if (idempotencyKeyHash) {
    await storeResponse(c.trx, c.app.crypto, c.app.clock, idempotencyKeyHash, result);
  }
  return { result, created: true };
}
