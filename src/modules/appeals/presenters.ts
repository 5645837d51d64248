import type { z } from 'zod';
import type { Actor } from '../../core/actor';
import { maskName, maskPhone, scrubPersonalData } from '../../core/masking';
import { isAllowed } from '../../core/policy';
import type { Appeal, EventRow } from '../../db/schema';
import type { FieldCrypto } from '../../core/crypto';
import { isNearDue, isOverdue } from './deadlines';
import { appealPolicy } from './policy';
import type { AppealListRow } from './repository';
import {
  SATISFACTION_LABELS,
  type AppealDetail,
  type AppealSummary,
  type BoardItem,
  type PublicAppeal,
  type TimelineEntry,
} from './schemas';
import type { AppealSettings, Urgency } from './settings';
import {
  ACTION_LABELS,
  APPEAL_ACTIONS,
  canTransition,
  HANDLING_STATES,
  STATE_LABELS,
  type AppealAction,
  type AppealState,
} from './stateMachine';

type Summary = z.infer<typeof AppealSummary>;
type Timeline = z.infer<typeof TimelineEntry>;

const PREVIEW_LENGTH = 60;

export function presentSummary(row: AppealListRow, crypto: FieldCrypto, now: Date, settings: AppealSettings): Summary {
  const state = row.state as AppealState;
  const running = HANDLING_STATES.includes(state);
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    categoryCode: row.category_code,
    categoryName: row.category_name,
    preview: row.content.length > PREVIEW_LENGTH ? `${row.content.slice(0, PREVIEW_LENGTH)}…` : row.content,
    state,
    stateLabel: STATE_LABELS[state],
    urgency: row.urgency as Urgency,
    unitId: row.unit_id,
    unitName: row.unit_name,
    contactName: row.anonymous ? '匿名' : maskName(crypto.decryptOptional(row.contact_name_enc)),
    receivedAt: row.received_at,
    dueAt: row.due_at,
    nearDue: running && isNearDue(row.due_at, now, settings),
    overdue: running && isOverdue(row.due_at, now),
    supervised: row.supervised === 1,
  };
}

/** The actions this viewer may take now: allowed by the policy and possible in the current state. */
export function allowedActions(actor: Actor, appeal: Appeal): AppealAction[] {
  return APPEAL_ACTIONS.filter((action) => {
    if (!canTransition(action, appeal.state as AppealState) || !isAllowed(actor, appealPolicy[action], appeal)) {
      return false;
    }
    return action !== 'supervise' || appeal.supervised === 0;
  });
}

function eventLabel(event: EventRow, payload: Record<string, unknown>): string {
  if (event.type === 'appeals.submitted') {
    return '群众提交诉求';
  }
  if (event.type === 'appeals.mergedIn') {
    return `并入重复诉求 ${String(payload.childTrackingNo ?? '')}`;
  }
  if (event.type === 'appeals.rate') {
    const label = SATISFACTION_LABELS[payload.satisfaction as keyof typeof SATISFACTION_LABELS];
    return `评价：${label}${payload.resolved ? '（已解决）' : '（未解决）'}`;
  }
  const action = event.type.replace('appeals.', '') as AppealAction;
  return ACTION_LABELS[action] ?? event.type;
}

function eventNote(payload: Record<string, unknown>): string | null {
  const parts = [
    payload.unitName ? `承办单位：${String(payload.unitName)}` : null,
    // Set only when the dispatcher corrected the citizen's category.
    payload.categoryName ? `诉求类别改为：${String(payload.categoryName)}` : null,
    typeof payload.note === 'string' ? payload.note : null,
  ];
  const note = parts.filter(Boolean).join('；');
  return note === '' ? null : note;
}

export function presentTimeline(events: EventRow[], userNames: Map<string, string>): Timeline[] {
  return events.map((event) => {
    const payload = JSON.parse(event.payload) as Record<string, unknown>;
    return {
      at: event.created_at,
      type: event.type,
      label: eventLabel(event, payload),
      actorName: event.actor_id ? (userNames.get(event.actor_id) ?? null) : null,
      note: eventNote(payload),
    };
  });
}

/** Steps a citizen sees: what happened and when, without internal disputes or workers' names. */
const PUBLIC_EVENTS = new Set([
  'appeals.submitted',
  'appeals.dispatch',
  'appeals.approveReturn',
  'appeals.sign',
  'appeals.contact',
  'appeals.approveExtension',
  'appeals.reply',
  'appeals.answer',
  'appeals.reject',
  'appeals.merge',
  'appeals.rate',
]);

/**
 * Notes the citizen may read: why the appeal was not accepted, and their own rating comment. The
 * workers' notes (dispatch instructions, contact records) are internal; the reply is shown on its own.
 */
const PUBLIC_NOTES = new Set(['appeals.reject', 'appeals.rate']);

export function presentPublicTimeline(events: EventRow[]): Timeline[] {
  return presentTimeline(
    events.filter((event) => PUBLIC_EVENTS.has(event.type)),
    new Map(),
  ).map((entry) => ({ ...entry, actorName: null, note: PUBLIC_NOTES.has(entry.type) ? entry.note : null }));
}

export function presentPublic(
  appeal: Appeal,
  names: { category: string; unit: string | null },
  timeline: Timeline[],
  canRate: boolean,
  shown: Pick<Appeal, 'state' | 'reply_text' | 'replied_at' | 'closed_at' | 'due_at'> = appeal,
): z.infer<typeof PublicAppeal> {
  const state = shown.state as AppealState;
  return {
    trackingNo: appeal.tracking_no,
    categoryName: names.category,
    content: appeal.content,
    address: appeal.address,
    state,
    stateLabel: STATE_LABELS[state],
    receivedAt: appeal.received_at,
    unitName: names.unit,
    replyText: shown.reply_text,
    repliedAt: shown.replied_at,
    closedAt: shown.closed_at,
    dueAt: shown.due_at,
    satisfaction: appeal.satisfaction as z.infer<typeof PublicAppeal>['satisfaction'],
    canRate,
    timeline,
  };
}

/** The public board: personal data removed from the text, no contact fields at all. */
export function presentBoardItem(row: AppealListRow): z.infer<typeof BoardItem> {
  return {
    trackingNo: row.tracking_no,
    categoryName: row.category_name,
    content: scrubPersonalData(row.content),
    unitName: row.unit_name,
    replyText: row.reply_text ? scrubPersonalData(row.reply_text) : null,
    receivedAt: row.received_at,
    closedAt: row.closed_at,
    satisfaction: row.satisfaction as z.infer<typeof BoardItem>['satisfaction'],
  };
}

export interface DetailExtras {
  timeline: Timeline[];
  photoIds: string[];
  children: { id: string; tracking_no: string }[];
  handlerName: string | null;
}

export function presentDetail(
  actor: Actor,
  row: AppealListRow,
  crypto: FieldCrypto,
  now: Date,
  settings: AppealSettings,
  extras: DetailExtras,
): z.infer<typeof AppealDetail> {
  return {
    ...presentSummary(row, crypto, now, settings),
    content: row.content,
    appealType: row.appeal_type as z.infer<typeof AppealDetail>['appealType'],
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    contactPhone: row.anonymous ? null : maskPhone(crypto.decryptOptional(row.contact_phone_enc)),
    contactRevealed: false,
    canReveal: row.anonymous === 0 && isAllowed(actor, appealPolicy.reveal, row),
    anonymous: row.anonymous === 1,
    publicable: row.publicable === 1,
    channel: row.channel,
    version: row.version,
    handlerName: extras.handlerName,
    signDueAt: row.sign_due_at,
    signedAt: row.signed_at,
    contactedAt: row.contacted_at,
    replyText: row.reply_text,
    repliedAt: row.replied_at,
    closedAt: row.closed_at,
    satisfaction: row.satisfaction as z.infer<typeof AppealDetail>['satisfaction'],
    resolved: row.resolved === null ? null : row.resolved === 1,
    ratingComment: row.rating_comment,
    pendingReason: row.pending_reason,
    extensionDueAt: row.extension_due_at,
    redoCount: row.redo_count,
    supportCount: row.support_count,
    mergedIntoId: row.merged_into_id,
    mergedChildren: extras.children.map((child) => ({ id: child.id, trackingNo: child.tracking_no })),
    photos: extras.photoIds.map((id) => ({ id, url: `/api/appeals/${row.id}/photos/${id}` })),
    timeline: extras.timeline,
    allowedActions: allowedActions(actor, row),
  };
}
