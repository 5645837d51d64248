import { describe, expect, it } from 'vitest';
import { PARTIAL_INDEX_STATES } from '../../db/migrations/0005_inbox_boxes';
import {
  APPEAL_ACTIONS,
  APPEAL_STATES,
  canTransition,
  HANDLING_STATES,
  IN_PROGRESS_STATES,
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

describe('inbox box states', () => {
  it('are the states of the partial indexes that serve the deadline-ordered boxes', () => {
    // A change here needs a migration that rebuilds appeals_handling_due / appeals_in_progress_due.
    expect(HANDLING_STATES).toEqual(PARTIAL_INDEX_STATES.handling);
    expect(IN_PROGRESS_STATES).toEqual(PARTIAL_INDEX_STATES.inProgress);
  });
});
