import { APPEAL_STATES, URGENCIES, type AppealSearchQuery, type AppealState, type Urgency } from '../appeals/types';
import { date, oneOf, positive, text } from '../../shared/urlParams';

export const SEARCH_PATH = '/console/search';
export const SEARCH_MAX_LENGTH = 100;
const DEFAULT_PAGE_SIZE = 20;

/** The results page keeps the text and every filter in the URL (?q=…&state=…&page=…), so a search can be shared and revisited. */
export function searchQueryFromParams(params: URLSearchParams): AppealSearchQuery {
  return {
    q: (text(params.get('q')) ?? '').slice(0, SEARCH_MAX_LENGTH),
    state: oneOf<AppealState>(APPEAL_STATES, params.get('state')),
    unitId: text(params.get('unitId')),
    categoryCode: text(params.get('categoryCode')),
    urgency: oneOf<Urgency>(URGENCIES, params.get('urgency')),
    from: date(params.get('from')),
    to: date(params.get('to')),
    page: positive(params.get('page'), 1),
    pageSize: Math.min(100, positive(params.get('pageSize'), DEFAULT_PAGE_SIZE)),
  };
}

export function paramsFromSearchQuery(query: Partial<AppealSearchQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (
      value !== undefined &&
      value !== null &&
      value !== '' &&
      !(key === 'page' && value === 1) &&
      !(key === 'pageSize' && value === DEFAULT_PAGE_SIZE)
    ) {
      params.set(key, String(value));
    }
  }
  return params;
}

/** The full results page for a text, e.g. from the header's "查看全部结果". */
export const searchPath = (q: string): string => `${SEARCH_PATH}?${paramsFromSearchQuery({ q: q.trim() }).toString()}`;
