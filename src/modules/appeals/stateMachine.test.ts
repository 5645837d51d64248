import { describe, expect, it } from 'vitest';
import {
  APPEAL_ACTIONS,
  APPEAL_STATES,
  canTransition,
  nextState,
  TERMINAL_STATES,
  type AppealAction,
  type AppealState,
} from './stateMachine';

const plain = { reviewReplies: false };

describe('appeal state machine', () => {
  it.each<[AppealAction, AppealState, AppealState]>([
    ['dispatch', 'received', 'dispatched'],
    ['reject', 'received', 'rejected'],
    ['answer', 'received', 'closed'],
    ['merge', 'received', 'merged'],
    ['merge', 'dispatched', 'merged'],
    ['sign', 'dispatched', 'signed'],
    ['requestReturn', 'dispatched', 'return_requested'],
    ['approveReturn', 'return_requested', 'dispatched'],
    ['denyReturn', 'return_requested', 'dispatched'],
    ['contact', 'signed', 'in_progress'],
    ['requestExtension', 'in_progress', 'extension_requested'],
    ['approveExtension', 'extension_requested', 'in_progress'],
    ['denyExtension', 'extension_requested', 'in_progress'],
    ['reply', 'signed', 'callback'],
    ['reply', 'in_progress', 'callback'],
    ['sendBack', 'review', 'in_progress'],
    ['acceptReply', 'review', 'callback'],
    ['rate', 'callback', 'closed'],
    ['supervise', 'in_progress', 'in_progress'],
  ])('%s takes %s to %s', (action, from, to) => {
    expect(nextState(action, from, plain)).toBe(to);
  });

  it('sends replies to review first when the review step is on', () => {
    expect(nextState('reply', 'in_progress', { reviewReplies: true })).toBe('review');
  });

  it('reopens for redo when the citizen is unsatisfied', () => {
    expect(nextState('rate', 'callback', { reviewReplies: false, unsatisfied: true })).toBe('in_progress');
  });

  it('allows nothing at all from a terminal state', () => {
    for (const state of TERMINAL_STATES) {
      for (const action of APPEAL_ACTIONS) {
        expect(canTransition(action, state)).toBe(false);
      }
    }
  });

  it('refuses an impossible transition with 409 and a stable code', () => {
    expect(() => nextState('reply', 'received', plain)).toThrowError(expect.objectContaining({ status: 409, code: 'INVALID_TRANSITION' }));
  });

  it('lets every open state be left by some action', () => {
    const open = APPEAL_STATES.filter((state) => !TERMINAL_STATES.includes(state));
    for (const state of open) {
      expect(APPEAL_ACTIONS.some((action) => action !== 'supervise' && canTransition(action, state))).toBe(true);
    }
  });
});
