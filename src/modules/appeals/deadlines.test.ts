import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../core/calendar';
import { deadlineAfter, dispatchDeadlines, effectiveLimitKind, isNearDue, isOverdue, redoDeadline } from './deadlines';
import { DEFAULT_APPEAL_SETTINGS } from './settings';

const calendar = new WorkCalendar();

describe('deadlines in working days (shared/domain/appeals.md §3, §6)', () => {
  it('counts 7 working days after Thursday 2026-02-12 to the make-up Saturday 2026-02-28', () => {
    expect(calendar.addWorkdays('2026-02-12', 7)).toBe('2026-02-28');
  });

  it('knows the 2026 Spring Festival and its make-up days', () => {
    expect(calendar.isWorkday('2026-02-14')).toBe(true);
    expect(calendar.isWorkday('2026-02-23')).toBe(false);
    expect(calendar.isWorkday('2026-02-24')).toBe(true);
    expect(calendar.isWorkday('2025-10-11')).toBe(true);
  });

  it('follows the worked example: dispatched Thu 15:00, sign by 17:00, due 2026-02-28 23:59:59 Beijing time', () => {
    const dispatched = new Date('2026-02-12T15:00:00+08:00');
    const { signDueAt, dueAt } = dispatchDeadlines(calendar, DEFAULT_APPEAL_SETTINGS, dispatched, 'general', 'normal');
    expect(signDueAt.toISOString()).toBe(new Date('2026-02-12T17:00:00+08:00').toISOString());
    expect(dueAt.toISOString()).toBe(new Date('2026-02-28T23:59:59+08:00').toISOString());
  });

  it('counts from the Beijing date, also late in the evening when UTC is still the day before', () => {
    const lateEvening = new Date('2026-03-02T23:30:00+08:00');
    expect(deadlineAfter(calendar, lateEvening, { workdays: 1 }).toISOString()).toBe(new Date('2026-03-03T23:59:59+08:00').toISOString());
  });

  it('runs hour limits in clock time, through nights and holidays', () => {
    const eve = new Date('2026-02-16T22:00:00+08:00');
    expect(deadlineAfter(calendar, eve, { hours: 2 }).toISOString()).toBe(new Date('2026-02-17T00:00:00+08:00').toISOString());
  });

  it('lets an admin override a day', () => {
    const overridden = new WorkCalendar(new Map([['2026-02-24', false]]));
    expect(overridden.addWorkdays('2026-02-12', 7)).toBe('2026-03-02');
  });

  it('tightens the limit by urgency, never loosens it', () => {
    expect(effectiveLimitKind('complex', 'urgent')).toBe('utility');
    expect(effectiveLimitKind('general', 'emergency')).toBe('emergency');
    expect(effectiveLimitKind('emergency', 'normal')).toBe('emergency');
    expect(effectiveLimitKind('general', 'normal')).toBe('general');
  });

  it('gives redo 3 working days and flags near-due and overdue', () => {
    const reopened = new Date('2026-03-06T10:00:00+08:00');
    expect(redoDeadline(calendar, DEFAULT_APPEAL_SETTINGS, reopened).toISOString()).toBe(
      new Date('2026-03-11T23:59:59+08:00').toISOString(),
    );
    const now = new Date('2026-03-10T10:00:00+08:00');
    expect(isNearDue(new Date('2026-03-11T08:00:00+08:00').toISOString(), now, DEFAULT_APPEAL_SETTINGS)).toBe(true);
    expect(isNearDue(new Date('2026-03-13T08:00:00+08:00').toISOString(), now, DEFAULT_APPEAL_SETTINGS)).toBe(false);
    expect(isOverdue(new Date('2026-03-10T09:00:00+08:00').toISOString(), now)).toBe(true);
  });
});
