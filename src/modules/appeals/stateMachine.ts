import { conflict } from '../../core/errors';

export const APPEAL_STATES = [
  'received',
  'dispatched',
  'return_requested',
  'signed',
  'in_progress',
  'extension_requested',
  'review',
  'callback',
  'closed',
  'rejected',
  'merged',
] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

export const STATE_LABELS: Record<AppealState, string> = {
  received: '待派单',
  dispatched: '待签收',
  return_requested: '退单申请中',
  signed: '已签收',
  in_progress: '办理中',
  extension_requested: '延期申请中',
  review: '答复审核中',
  callback: '待评价',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已并单',
};

export const TERMINAL_STATES: readonly AppealState[] = ['closed', 'rejected', 'merged'];
export const OPEN_STATES: readonly AppealState[] = APPEAL_STATES.filter((state) => !TERMINAL_STATES.includes(state));
/** States in which the responsible unit holds the appeal and its deadline runs. */
export const HANDLING_STATES: readonly AppealState[] = ['dispatched', 'return_requested', 'signed', 'in_progress', 'extension_requested'];
/** Signed and being worked on (the 办理中 box). */
export const IN_PROGRESS_STATES: readonly AppealState[] = ['signed', 'in_progress', 'extension_requested'];

export const APPEAL_ACTIONS = [
  'dispatch',
  'reject',
  'answer',
  'merge',
  'sign',
  'requestReturn',
  'approveReturn',
  'denyReturn',
  'contact',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'reply',
  'sendBack',
  'acceptReply',
  'rate',
  'supervise',
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

export const ACTION_LABELS: Record<AppealAction, string> = {
  dispatch: '派单',
  reject: '不予受理',
  answer: '直接答复',
  merge: '并单',
  sign: '签收',
  requestReturn: '申请退单',
  approveReturn: '同意退单并改派',
  denyReturn: '驳回退单',
  contact: '联系群众',
  requestExtension: '申请延期',
  approveExtension: '批准延期',
  denyExtension: '驳回延期',
  reply: '答复',
  sendBack: '退回重办',
  acceptReply: '审核通过',
  rate: '评价',
  supervise: '督办',
};

const FROM: Record<AppealAction, readonly AppealState[]> = {
  dispatch: ['received'],
  reject: ['received'],
  answer: ['received'],
  merge: ['received', 'dispatched'],
  sign: ['dispatched'],
  requestReturn: ['dispatched'],
  approveReturn: ['return_requested'],
  denyReturn: ['return_requested'],
  contact: ['signed'],
  requestExtension: ['in_progress'],
  approveExtension: ['extension_requested'],
  denyExtension: ['extension_requested'],
  // A reply is itself a contact with the citizen, so a signed appeal may be answered at once.
  reply: ['signed', 'in_progress'],
  sendBack: ['review'],
  acceptReply: ['review'],
  rate: ['callback'],
  supervise: OPEN_STATES,
};

export interface TransitionOptions {
  /** Whether replies go to the dispatch centre's review before the citizen rates. */
  reviewReplies: boolean;
  /** For `rate`: whether the citizen is unsatisfied (reopens for redo). */
  unsatisfied?: boolean;
}

export function canTransition(action: AppealAction, state: AppealState): boolean {
  return FROM[action].includes(state);
}

/** The state an action leads to; 409 with a stable code when the action is impossible in the current state. */
export function nextState(action: AppealAction, state: AppealState, options: TransitionOptions): AppealState {
  if (!canTransition(action, state)) {
    throw conflict('INVALID_TRANSITION', `当前状态「${STATE_LABELS[state]}」不能执行「${ACTION_LABELS[action]}」`);
  }
  switch (action) {
    case 'dispatch':
    case 'approveReturn':
    case 'denyReturn':
      return 'dispatched';
    case 'reject':
      return 'rejected';
    case 'answer':
      return 'closed';
    case 'merge':
      return 'merged';
    case 'sign':
      return 'signed';
    case 'requestReturn':
      return 'return_requested';
    case 'contact':
    case 'approveExtension':
    case 'denyExtension':
    case 'sendBack':
      return 'in_progress';
    case 'requestExtension':
      return 'extension_requested';
    case 'reply':
      return options.reviewReplies ? 'review' : 'callback';
    case 'acceptReply':
      return 'callback';
    case 'rate':
      return options.unsatisfied ? 'in_progress' : 'closed';
    case 'supervise':
      return state;
  }
}
