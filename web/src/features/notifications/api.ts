import { api } from '../../shared/http';
import type { NotificationList } from './types';

export const notificationsApi = {
  list: () => api<NotificationList>('/api/notifications'),
  markRead: (id: string) => api<unknown>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
};
