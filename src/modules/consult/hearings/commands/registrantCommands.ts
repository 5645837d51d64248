import { iso } from '../../../../core/clock';
import { conflict, notFound } from '../../../../core/errors';
import type { Hearing, HearingRegistration } from '../../../../db/schema';
import { countSpeakers, lockHearingForRegistration, registrationByCode, updateRegistrationIn } from '../repository';
import { HEARING_STATE_LABELS, type HearingState, type RegistrationStatus } from '../schemas';
import { takesCancellations, takesCheckIns, takesSpeakers } from '../stateMachine';
import { shanghaiTime } from '../presenters';
import { recordHearingChange, type HearingCommandContext } from './context';
import { promoteWaitlisted } from './promoteWaitlisted';

const stateLabel = (hearing: Hearing) => HEARING_STATE_LABELS[hearing.state as HearingState];
const changedMeanwhile = () => conflict('REGISTRATION_CHANGED', '该报名刚刚发生了变化，请刷新后重试');

/** 取消报名: the seat goes to the first person on the waitlist. */
export async function cancelRegistration(c: HearingCommandContext, hearingId: string, registration: HearingRegistration): Promise<void> {
  const hearing = await lockHearingForRegistration(c.trx, hearingId);
  if (!takesCancellations(hearing.state)) {
    throw conflict('CANCEL_CLOSED', `会议${stateLabel(hearing)}，不能再取消报名`);
  }
  if (registration.status === 'cancelled') {
    throw conflict('ALREADY_CANCELLED', '该报名已取消');
  }
  if (registration.checked_in_at) {
    throw conflict('ALREADY_CHECKED_IN', '已签到的报名不能取消');
  }
  const status = registration.status as RegistrationStatus;
  if (!(await updateRegistrationIn(c.trx, registration.id, status, { status: 'cancelled', speaker: 0, updated_at: iso(c.now) }))) {
    throw changedMeanwhile();
  }
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.registration.cancel',
    eventType: 'consult.hearing.cancelled',
    targetType: 'hearing_registration',
    targetId: registration.id,
    detail: { from: status },
  });
  if (status === 'registered') {
    await promoteWaitlisted(c, hearing.id);
  }
}

/** 确定发言人: among the registered, up to the hearing's cap. */
export async function selectSpeaker(
  c: HearingCommandContext,
  hearing: Hearing,
  registration: HearingRegistration,
  speaker: boolean,
): Promise<void> {
  if (!takesSpeakers(hearing.state)) {
    throw conflict('SPEAKERS_CLOSED', `会议${stateLabel(hearing)}，不能再调整发言人`);
  }
  if (registration.status !== 'registered') {
    throw conflict('NOT_REGISTERED', '只能从已报名（非候补、未取消）的人中确定发言人');
  }
  // The hearing's row lock, so two organizers choosing at once cannot pass the cap together.
  await lockHearingForRegistration(c.trx, hearing.id);
  if (speaker && registration.speaker === 0 && (await countSpeakers(c.trx, hearing.id)) >= hearing.speaker_cap) {
    throw conflict('SPEAKER_CAP_REACHED', `发言人已满 ${hearing.speaker_cap} 人`);
  }
  if (!(await updateRegistrationIn(c.trx, registration.id, 'registered', { speaker: speaker ? 1 : 0, updated_at: iso(c.now) }))) {
    throw changedMeanwhile();
  }
  await recordHearingChange(c, hearing, {
    auditType: speaker ? 'hearing.speaker.select' : 'hearing.speaker.unselect',
    eventType: speaker ? 'consult.hearing.speakerSelected' : 'consult.hearing.speakerUnselected',
    targetType: 'hearing_registration',
    targetId: registration.id,
    detail: { registrationId: registration.id, userId: registration.user_id },
  });
}

/**
 * 签到: the code read from the QR code or typed at the door. A code works once; a waitlisted or
 * cancelled registration does not get in.
 */
export async function checkInRegistrant(c: HearingCommandContext, hearing: Hearing, code: string): Promise<HearingRegistration> {
  if (!takesCheckIns(hearing.state)) {
    throw conflict('CHECK_IN_CLOSED', `会议${stateLabel(hearing)}，不能签到`);
  }
  const registration = await registrationByCode(c.trx, hearing.id, c.app.crypto.hashCode(code));
  if (!registration) {
    throw notFound('签到码不正确，请核对后重新输入');
  }
  if (registration.status === 'waitlisted') {
    throw conflict('WAITLISTED', '该报名仍在候补，未获得名额，不能签到');
  }
  if (registration.status === 'cancelled') {
    throw conflict('REGISTRATION_CANCELLED', '该报名已取消，不能签到');
  }
  if (registration.checked_in_at) {
    throw conflict('ALREADY_CHECKED_IN', `该签到码已于 ${shanghaiTime(registration.checked_in_at)} 使用过`);
  }
  const at = iso(c.now);
  const updated = await c.trx
    .updateTable('hearing_registrations')
    .set({ checked_in_at: at, updated_at: at })
    .where('id', '=', registration.id)
    .where('status', '=', 'registered')
    .where('checked_in_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw conflict('ALREADY_CHECKED_IN', '该签到码刚刚已被使用');
  }
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.checkIn',
    eventType: 'consult.hearing.checkedIn',
    targetType: 'hearing_registration',
    targetId: registration.id,
    detail: { registrationId: registration.id },
  });
  return { ...registration, checked_in_at: at };
}
