import { api, toQuery } from '../../shared/http';
import type { KpiQuery, KpiReport } from './types';

export const dashboardApi = {
  appeals: (query: KpiQuery) => api<KpiReport>(`/api/dashboard/appeals${toQuery({ ...query })}`),
};
