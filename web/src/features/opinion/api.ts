import { api, toQuery } from '../../shared/http';
import type { OpinionAlert, OpinionOverview, OverviewQuery, PublicResponse, RespondBody } from './types';

const alert = (id: string) => `/api/opinion/alerts/${encodeURIComponent(id)}`;

export const opinionApi = {
  overview: (query: OverviewQuery) =>
    api<OpinionOverview>(`/api/opinion/overview${toQuery(query.facet === 'all' ? {} : { facet: query.facet, value: query.value })}`),
  acknowledge: (id: string, version: number) => api<OpinionAlert>(`${alert(id)}/acknowledge`, { body: { version } }),
  respond: (id: string, body: RespondBody) => api<OpinionAlert>(`${alert(id)}/respond`, { body }),
  publicResponses: () => api<{ items: PublicResponse[] }>('/api/public/opinion/responses', { authRedirect: false }),
};
