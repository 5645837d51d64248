import dayjs from 'dayjs';

/** Server times are ISO UTC instants; people read them in local (Beijing) time. */
export const formatDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** Rates arrive as percentages with one decimal, or null when there was nothing to count. */
export const formatRate = (rate: number | null | undefined): string => (rate === null || rate === undefined ? '—' : `${rate.toFixed(1)}%`);
export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? '—' : score.toFixed(1));
