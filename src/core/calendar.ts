import chineseDays from 'chinese-days';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Calendar date (YYYY-MM-DD) of an instant in China Standard Time (UTC+8, no daylight saving). */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant (23:59:59) of a China Standard Time calendar date. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59+08:00`));
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The last year `chinese-days` has official holiday data for. */
export const LAST_PACKAGED_YEAR = 2026;

/**
 * Working days from `chinese-days` (holidays and 调休 make-up days, 2004–2026), overridden by the
 * admin's own table for corrections and for years the package does not know yet.
 */
export class WorkCalendar {
  constructor(private readonly overrides: ReadonlyMap<string, boolean> = new Map()) {}

  static async load(db: Kysely<Database>): Promise<WorkCalendar> {
    const rows = await db.selectFrom('calendar_overrides').select(['date', 'is_workday']).execute();
    return new WorkCalendar(new Map(rows.map((row) => [row.date, row.is_workday === 1])));
  }

  isWorkday(date: string): boolean {
    return this.overrides.get(date) ?? chineseDays.isWorkday(date);
  }

  /** The n-th working day after `date`, counted from the next day (次日起). */
  addWorkdays(date: string, n: number): string {
    let current = date;
    let counted = 0;
    while (counted < n) {
      current = nextDate(current);
      if (this.isWorkday(current)) {
        counted += 1;
      }
    }
    return current;
  }

  /** Whether the year has official holiday data or admin entries; deadlines in other years are guesses. */
  knowsYear(year: number): boolean {
    return year <= LAST_PACKAGED_YEAR || [...this.overrides.keys()].some((date) => date.startsWith(`${year}-`));
  }
}
