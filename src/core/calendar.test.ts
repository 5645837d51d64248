import { describe, expect, it } from 'vitest';
import { endOfShanghaiDay, shanghaiDate, WorkCalendar } from './calendar';

describe('WorkCalendar', () => {
  const calendar = new WorkCalendar();

  it('counts working days from the next day across the 2026 Spring Festival and its make-up Saturdays', () => {
    // 13th Fri, 14th Sat (调休), 15th–23rd holiday, 24th–27th, 28th Sat (调休).
    expect(calendar.addWorkdays('2026-02-12', 7)).toBe('2026-02-28');
  });

  it('knows make-up working days, holidays and the first day back', () => {
    expect(calendar.isWorkday('2026-02-14')).toBe(true);
    expect(calendar.isWorkday('2026-02-23')).toBe(false);
    expect(calendar.isWorkday('2026-02-24')).toBe(true);
    expect(calendar.isWorkday('2025-10-11')).toBe(true);
  });

  it("lets the admin's override win over the official data", () => {
    const corrected = new WorkCalendar(new Map([['2026-02-24', false]]));
    expect(corrected.isWorkday('2026-02-24')).toBe(false);
    expect(corrected.addWorkdays('2026-02-12', 7)).toBe('2026-03-02');
  });

  it('knows a year with official data or with admin entries only', () => {
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2031)).toBe(false);
    expect(new WorkCalendar(new Map([['2031-01-01', false]])).knowsYear(2031)).toBe(true);
  });
});

describe('China Standard Time dates', () => {
  it('puts an instant after 16:00 UTC on the next Beijing day', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it('ends a Beijing day at 15:59:59 UTC', () => {
    expect(endOfShanghaiDay('2026-03-02').toISOString()).toBe('2026-03-02T15:59:59.000Z');
    expect(shanghaiDate(endOfShanghaiDay('2026-03-02'))).toBe('2026-03-02');
  });
});
