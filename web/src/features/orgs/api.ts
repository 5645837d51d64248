import { api } from '../../shared/http';
import type { Unit } from './types';

export const orgsApi = {
  units: () => api<Unit[]>('/api/orgs/units'),
};
