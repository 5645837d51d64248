import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dashboardApi } from './api';
import type { KpiQuery } from './types';

export const useAppealKpi = (query: KpiQuery) =>
  useQuery({ queryKey: ['dashboard', 'appeals', query], queryFn: () => dashboardApi.appeals(query), placeholderData: keepPreviousData });
