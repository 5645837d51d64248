import { api } from '../../shared/http';
import type { ChangePasswordBody, LoginBody, Me } from './types';

export const authApi = {
  // A wrong password answers 401 too: the login form shows it instead of redirecting.
  login: (body: LoginBody) => api<{ mustChangePassword: boolean }>('/api/auth/login', { body, authRedirect: false }),
  logout: () => api<{ ok: true }>('/api/auth/logout', { method: 'POST', authRedirect: false }),
  me: () => api<Me>('/api/auth/me'),
  changePassword: (body: ChangePasswordBody) => api<{ ok: true }>('/api/auth/password', { body }),
};
