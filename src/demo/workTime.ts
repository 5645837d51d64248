import { shanghaiDate, type WorkCalendar } from '../core/calendar';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** Minutes since midnight in China Standard Time. */
export function shanghaiMinutes(instant: Date): number {
  return Math.floor(((instant.getTime() + 8 * 3_600_000) % 86_400_000) / MINUTE_MS);
}

/** The instant `minutes` after midnight of a China Standard Time date. */
export const atShanghai = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * MINUTE_MS);

export const plusMinutes = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * MINUTE_MS);

export const later = (a: Date, b: Date) => (a > b ? a : b);

const nextDate = (date: string) => shanghaiDate(atShanghai(date, DAY_MINUTES));

/** Opening hours on the days they apply, e.g. the units' offices on working days. */
export interface Hours {
  open: number;
  close: number;
  onDay: (date: string) => boolean;
}

/** The instant itself when open, else the next opening. */
export function nextOpen(hours: Hours, instant: Date): Date {
  let date = shanghaiDate(instant);
  let minutes = shanghaiMinutes(instant);
  for (;;) {
    if (hours.onDay(date) && minutes < hours.close) {
      return minutes >= hours.open ? instant : atShanghai(date, hours.open);
    }
    date = nextDate(date);
    minutes = 0;
  }
}

/** The instant after `minutes` of open time, carried over closed hours and days. */
export function afterOpenMinutes(hours: Hours, instant: Date, minutes: number): Date {
  let current = nextOpen(hours, instant);
  let remaining = minutes;
  for (;;) {
    const date = shanghaiDate(current);
    const leftToday = hours.close - shanghaiMinutes(current);
    if (remaining < leftToday) {
      return plusMinutes(current, remaining);
    }
    remaining -= leftToday;
    current = nextOpen(hours, atShanghai(nextDate(date), 0));
  }
}

/** When people are about: who, and where they work. */
export function workingHours(calendar: WorkCalendar) {
  return {
    /** Departments and offices: 08:30–17:30 on working days (holidays and 调休 from the calendar). */
    office: { open: 8 * 60 + 30, close: 17 * 60 + 30, onDay: (date: string) => calendar.isWorkday(date) } satisfies Hours,
    /** The dispatch centre takes calls and dispatches every day, 08:00–20:00. */
    centre: { open: 8 * 60, close: 20 * 60, onDay: () => true } satisfies Hours,
    /** Citizens rate and write at any reasonable hour. */
    citizen: { open: 7 * 60, close: 23 * 60, onDay: () => true } satisfies Hours,
  };
}

export type WorkingHours = ReturnType<typeof workingHours>;
