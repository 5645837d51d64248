import { iso } from '../../../../core/clock';
import { getHearingRow, countRegistered, firstWaiting, updateRegistrationIn } from '../repository';
import { recordHearingChange, type HearingCommandContext } from './context';

/**
 * Gives free seats to the waitlist, first come first served, and tells each promoted person (the
 * event's handler notifies those with an account). Runs under the hearing's row lock, taken by the
 * caller's registration, cancellation or change of seats.
 */
export async function promoteWaitlisted(c: HearingCommandContext, hearingId: string): Promise<number> {
  const hearing = (await getHearingRow(c.trx, hearingId))!;
  let free = hearing.capacity - (await countRegistered(c.trx, hearingId));
  let promoted = 0;
  while (free > 0) {
    const next = await firstWaiting(c.trx, hearingId);
    if (!next) {
      break;
    }
    if (await updateRegistrationIn(c.trx, next.id, 'waitlisted', { status: 'registered', updated_at: iso(c.now) })) {
      await recordHearingChange(c, hearing, {
        auditType: 'hearing.registration.promote',
        eventType: 'consult.hearing.promoted',
        targetType: 'hearing_registration',
        targetId: next.id,
        detail: { registrationId: next.id, userId: next.user_id },
      });
      free -= 1;
      promoted += 1;
    }
  }
  return promoted;
}
