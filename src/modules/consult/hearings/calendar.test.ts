import { describe, expect, it } from 'vitest';
import { calendarFile, escapeText, foldLine, utcDateTime } from './calendar';

const event = {
  uid: '0190f1c2-0000-7000-8000-000000000001@lianxin',
  stampedAt: '2026-03-02T02:00:00.000Z',
  startsAt: '2026-03-10T06:30:00.000Z',
  endsAt: '2026-03-10T08:30:00.000Z',
  summary: '听证会：明远家园二期停车收费调整',
  location: '党群服务中心二楼会议室, 明远路 8 号',
  description: '议题一;议题二\n请带身份证,准时到场。',
  url: 'https://lianxin.example/h5/hearings/1',
};

/** The file's logical lines: folded continuations joined back, as a calendar reader unfolds them (§3.1). */
const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n');

describe('calendarFile', () => {
  it('writes one VEVENT with the required properties, in UTC', () => {
    const lines = unfold(calendarFile(event));
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//LianXin//Consult Hearings//ZH',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
    ]);
    expect(lines).toContain(`UID:${event.uid}`);
    expect(lines).toContain('DTSTAMP:20260302T020000Z');
    expect(lines).toContain('DTSTART:20260310T063000Z');
    expect(lines).toContain('DTEND:20260310T083000Z');
    expect(lines).toContain('SUMMARY:听证会：明远家园二期停车收费调整');
    expect(lines).toContain('LOCATION:党群服务中心二楼会议室\\, 明远路 8 号');
    expect(lines).toContain('DESCRIPTION:议题一\\;议题二\\n请带身份证\\,准时到场。');
    expect(lines.slice(-3)).toEqual(['END:VEVENT', 'END:VCALENDAR', '']);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('ends every line with CRLF and keeps every physical line within 75 octets', () => {
    const text = calendarFile({ ...event, description: '背景材料,'.repeat(80) });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(unfold(text)).toContain(`DESCRIPTION:${'背景材料\\,'.repeat(80)}`);
  });
});

describe('escapeText', () => {
  it('escapes backslashes, semicolons, commas and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
});

describe('foldLine', () => {
  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:短')).toBe('SUMMARY:短');
  });

  it('folds at 75 octets without splitting a three-byte character', () => {
    const folded = foldLine(`DESCRIPTION:${'议'.repeat(40)}`);
    const [first, ...rest] = folded.split('\r\n');
    // 12 ASCII octets then 21 characters of 3 octets: 75 exactly.
    expect(Buffer.byteLength(first, 'utf8')).toBe(75);
    for (const line of rest) {
      expect(line.startsWith(' ')).toBe(true);
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'议'.repeat(40)}`);
  });
});

describe('utcDateTime', () => {
  it('writes the UTC basic form', () => {
    expect(utcDateTime('2026-03-10T14:30:00+08:00')).toBe('20260310T063000Z');
  });
});
