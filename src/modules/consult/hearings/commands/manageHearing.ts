import { iso } from '../../../../core/clock';
import { badRequest, conflict } from '../../../../core/errors';
import { newId } from '../../../../core/ids';
import type { Hearing } from '../../../../db/schema';
import { countRegistered, insertHearing, updateHearingAt } from '../repository';
import {
  HEARING_STATE_LABELS,
  type CreateHearingInput,
  type HearingState,
  type HearingTransition,
  type UpdateHearingInput,
} from '../schemas';
import { isEditable, scheduleProblem, TRANSITION_RULES, type Schedule } from '../stateMachine';
import { recordHearingChange, type HearingCommandContext } from './context';
import { promoteWaitlisted } from './promoteWaitlisted';

export const staleVersion = () => conflict('STALE_VERSION', '该会议已被他人修改，请刷新后重试');

function checkSchedule(schedule: Schedule): void {
  const problem = scheduleProblem(schedule);
  if (problem) {
    throw badRequest('INVALID_SCHEDULE', problem.message, `body.${problem.field}`);
  }
}

const scheduleOf = (hearing: Hearing): Schedule => ({
  startsAt: hearing.starts_at,
  endsAt: hearing.ends_at,
  registrationOpensAt: hearing.registration_opens_at,
  registrationClosesAt: hearing.registration_closes_at,
  capacity: hearing.capacity,
  speakerCap: hearing.speaker_cap,
});

/** Drafts a hearing for an organisation; nobody sees it until it is published. */
export async function createHearing(c: HearingCommandContext, orgId: string, input: CreateHearingInput): Promise<Hearing> {
  checkSchedule(input);
  const now = iso(c.now);
  const hearing: Hearing = {
    id: newId(),
    org_id: orgId,
    kind: input.kind,
    audience: input.audience,
    topic: input.topic,
    background: input.background,
    place: input.place,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    registration_opens_at: input.registrationOpensAt,
    registration_closes_at: input.registrationClosesAt,
    capacity: input.capacity,
    speaker_cap: input.speakerCap,
    state: 'draft',
    version: 1,
    registration_seq: 0,
    minutes: null,
    outcome: null,
    outcome_links: '[]',
    published_at: null,
    concluded_at: null,
    created_by: c.actor!.id,
    created_at: now,
    updated_at: now,
  };
  await insertHearing(c.trx, hearing);
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.create',
    eventType: 'consult.hearing.created',
    detail: { kind: hearing.kind, topic: hearing.topic },
  });
  return hearing;
}

/**
 * Changes the particulars until the meeting is held. Seats may not drop below those already
 * taken; more seats go to the waitlist in its order.
 */
export async function updateHearing(c: HearingCommandContext, hearing: Hearing, input: UpdateHearingInput): Promise<void> {
  if (!isEditable(hearing.state)) {
    throw conflict('NOT_EDITABLE', `会议${HEARING_STATE_LABELS[hearing.state as HearingState]}，不能再修改`);
  }
  const { version, ...changes } = input;
  const schedule = { ...scheduleOf(hearing), ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
  checkSchedule(schedule as Schedule);
  if (changes.audience && changes.audience !== hearing.audience && hearing.state !== 'draft') {
    throw conflict('AUDIENCE_FIXED', '会议发布后不能更改面向范围');
  }
  const updated = await updateHearingAt(c.trx, hearing.id, version, {
    kind: changes.kind,
    audience: changes.audience,
    topic: changes.topic,
    background: changes.background,
    place: changes.place,
    starts_at: changes.startsAt,
    ends_at: changes.endsAt,
    registration_opens_at: changes.registrationOpensAt,
    registration_closes_at: changes.registrationClosesAt,
    capacity: changes.capacity,
    speaker_cap: changes.speakerCap,
    updated_at: iso(c.now),
  });
  if (!updated) {
    throw staleVersion();
  }
  // Counted after the update, which holds the hearing's row lock against registrations meanwhile.
  const registered = await countRegistered(c.trx, hearing.id);
  if (changes.capacity !== undefined && changes.capacity < registered) {
    throw badRequest('CAPACITY_BELOW_REGISTERED', `已有 ${registered} 人报名，名额不能少于已报名人数`, 'body.capacity');
  }
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.update',
    eventType: 'consult.hearing.updated',
    detail: { fields: Object.keys(changes) },
  });
  if (changes.capacity !== undefined && changes.capacity > hearing.capacity) {
    await promoteWaitlisted(c, hearing.id);
  }
}

/** Publishes a draft, closes registration, or records that the meeting was held. */
export async function transitionHearing(
  c: HearingCommandContext,
  hearing: Hearing,
  action: HearingTransition,
  version: number,
): Promise<void> {
  const rule = TRANSITION_RULES[action];
  if (!rule.from.includes(hearing.state as HearingState)) {
    throw conflict('INVALID_TRANSITION', `会议当前${HEARING_STATE_LABELS[hearing.state as HearingState]}，不能执行此操作`);
  }
  const at = iso(c.now);
  const updated = await updateHearingAt(c.trx, hearing.id, version, {
    state: rule.to,
    updated_at: at,
    ...(action === 'publish' ? { published_at: at } : {}),
  });
  if (!updated) {
    throw staleVersion();
  }
  await recordHearingChange(c, hearing, {
    auditType: `hearing.${action}`,
    eventType: `consult.hearing.${action}`,
    detail: { from: hearing.state, to: rule.to },
  });
}
