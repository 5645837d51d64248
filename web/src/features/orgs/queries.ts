import { useQuery } from '@tanstack/react-query';
import { orgsApi } from './api';

export const useUnits = (enabled = true) =>
  useQuery({ queryKey: ['orgs', 'units'], queryFn: orgsApi.units, staleTime: 10 * 60_000, enabled });
