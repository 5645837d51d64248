import { shanghaiDate } from '../../core/calendar';
import { shanghaiMinutes } from '../workTime';

const DAY_MS = 86_400_000;

/** 3月1日, as dates are written in letters and replies. */
export function monthDay(instant: Date): string {
  const [, month, day] = shanghaiDate(instant).split('-').map(Number);
  return `${month}月${day}日`;
}

export const daysBefore = (instant: Date, days: number) => new Date(instant.getTime() - days * DAY_MS);
export const daysAfter = (instant: Date, days: number) => new Date(instant.getTime() + days * DAY_MS);

/** 上午, 下午 or 晚上, from the time of day in Beijing. */
export function dayPart(instant: Date): string {
  const minutes = shanghaiMinutes(instant);
  if (minutes < 6 * 60) {
    return '凌晨';
  }
  if (minutes < 12 * 60) {
    return '上午';
  }
  if (minutes < 13 * 60 + 30) {
    return '中午';
  }
  return minutes < 18 * 60 ? '下午' : '晚上';
}
