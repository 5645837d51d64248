import { addHours, addMinutes } from '../../core/clock';
import { endOfShanghaiDay, shanghaiDate, type WorkCalendar } from '../../core/calendar';
import type { AppealSettings, LimitKind, TimeLimit, Urgency } from './settings';

/**
 * Hour limits run in clock time (7×24). Day limits count working days from the day after the start
 * (次日起) and end at 23:59:59 Beijing time on the last one (shared/domain/appeals.md §3).
 */
export function deadlineAfter(calendar: WorkCalendar, start: Date, limit: TimeLimit): Date {
  if ('hours' in limit) {
    return addHours(start, limit.hours);
  }
  return endOfShanghaiDay(calendar.addWorkdays(shanghaiDate(start), limit.workdays));
}

const LIMIT_ORDER: readonly LimitKind[] = ['emergency', 'utility', 'general', 'complex'];

/** The category's limit, tightened by the appeal's urgency: 加急 at most 24 h, 特急 2 h. */
export function effectiveLimitKind(categoryLimit: LimitKind, urgency: Urgency): LimitKind {
  const cap: LimitKind = urgency === 'emergency' ? 'emergency' : urgency === 'urgent' ? 'utility' : 'complex';
  return LIMIT_ORDER.indexOf(cap) < LIMIT_ORDER.indexOf(categoryLimit) ? cap : categoryLimit;
}

export interface DispatchDeadlines {
  signDueAt: Date;
  dueAt: Date;
}

export function dispatchDeadlines(
  calendar: WorkCalendar,
  settings: AppealSettings,
  dispatchedAt: Date,
  categoryLimit: LimitKind,
  urgency: Urgency,
): DispatchDeadlines {
  const kind = effectiveLimitKind(categoryLimit, urgency);
  return {
    signDueAt: addHours(dispatchedAt, settings.signHours),
    dueAt: deadlineAfter(calendar, dispatchedAt, settings.limits[kind]),
  };
}

export const contactDeadline = (settings: AppealSettings, signedAt: Date) => addHours(signedAt, settings.contactHours);

export const redoDeadline = (calendar: WorkCalendar, settings: AppealSettings, reopenedAt: Date) =>
  deadlineAfter(calendar, reopenedAt, { workdays: settings.redoWorkdays });

/** Open and due within the near-due window (default 24 h), not yet overdue. */
export function isNearDue(dueAt: string | null, now: Date, settings: AppealSettings): boolean {
  if (!dueAt) {
    return false;
  }
  const due = new Date(dueAt);
  return due > now && due <= addMinutes(now, settings.nearDueHours * 60);
}

export const isOverdue = (dueAt: string | null, now: Date) => dueAt !== null && new Date(dueAt) < now;
