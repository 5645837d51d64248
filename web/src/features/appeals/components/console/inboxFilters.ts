import { date, oneOf, positive, text } from '../../../../shared/urlParams';
import {
  APPEAL_STATES,
  INBOX_BOXES,
  KPI_FILTERS,
  URGENCIES,
  type AppealListQuery,
  type AppealState,
  type InboxBox,
  type KpiFilter,
  type Urgency,
} from '../../types';

export type InboxMode = 'intake' | 'unit';

/** The boxes each side works from: the dispatch centre receives and reviews, units sign and handle. */
export const MODE_BOXES: Record<InboxMode, InboxBox[]> = {
  intake: ['to_dispatch', 'in_progress', 'to_review', 'near_due', 'overdue', 'supervised', 'closed', 'all'],
  unit: ['to_sign', 'in_progress', 'near_due', 'overdue', 'supervised', 'closed', 'all'],
};

/**
 * The inbox keeps every filter in the URL, so a link from the dashboard (?unitId=…&month=…&kpi=…)
 * opens exactly the list behind a number, and the browser's back button restores the last view.
 */
export function queryFromParams(params: URLSearchParams, mode: InboxMode): AppealListQuery & { box: InboxBox } {
  const kpi = oneOf<KpiFilter>(KPI_FILTERS, params.get('kpi'));
  const month = params.get('month');
  const drill = kpi !== undefined || (month !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(month));
  const box = oneOf<InboxBox>(INBOX_BOXES, params.get('box')) ?? (drill ? 'all' : MODE_BOXES[mode][0]);
  return {
    box,
    state: oneOf<AppealState>(APPEAL_STATES, params.get('state')),
    unitId: text(params.get('unitId')),
    categoryCode: text(params.get('categoryCode')),
    urgency: oneOf<Urgency>(URGENCIES, params.get('urgency')),
    from: date(params.get('from')),
    to: date(params.get('to')),
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined,
    kpi,
    q: text(params.get('q')),
    page: positive(params.get('page'), 1),
    pageSize: Math.min(100, positive(params.get('pageSize'), 20)),
  };
}

export function paramsFromQuery(query: AppealListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (
      value !== undefined &&
      value !== null &&
      value !== '' &&
      !(key === 'page' && value === 1) &&
      !(key === 'pageSize' && value === 20)
    ) {
      params.set(key, String(value));
    }
  }
  return params;
}
