import { ARTICLE_WORKER_ROLES } from '../features/articles/types';
import { hasRole, type Me } from '../features/auth/types';
import { APPRAISAL_COMMITTEE_ROLES } from '../features/consult/appraisal/types';
import { CONSULT_MANAGER_ROLES } from '../features/consult/elections/types';
import { OPINION_ROLES } from '../features/opinion/types';

export interface NavItem {
  key: string;
  path: string;
  label: string;
}

/** The side menu for this user: what their roles let them use (the server checks again on every call). */
export function navItems(me: Me): NavItem[] {
  const items: NavItem[] = [];
  if (hasRole(me, 'dispatcher', 'leader')) {
    items.push({ key: 'inbox', path: '/console/inbox', label: '受理派单' });
  }
  if (hasRole(me, 'handler', 'unit_head')) {
    items.push({ key: 'todo', path: '/console/todo', label: '我的待办' });
  }
  // The server's dashboard policy admits leaders, dispatchers and unit heads (each sees their scope).
  if (hasRole(me, 'leader', 'dispatcher', 'unit_head')) {
    items.push({ key: 'dashboard', path: '/console/dashboard', label: '数据看板' });
  }
  if (hasRole(me, ...OPINION_ROLES)) {
    items.push({ key: 'opinion', path: '/console/opinion', label: '舆情监测' });
  }
  if (hasRole(me, ...CONSULT_MANAGER_ROLES)) {
    items.push({ key: 'elections', path: '/console/elections', label: '典型评选' });
    items.push({ key: 'surveys', path: '/console/surveys', label: '问卷调查' });
    items.push({ key: 'hearings', path: '/console/hearings', label: '听证议事' });
  }
  if (hasRole(me, ...APPRAISAL_COMMITTEE_ROLES)) {
    items.push({ key: 'appraisals', path: '/console/appraisals', label: '民主评议' });
  }
  if (me.adminRole === 'sysadmin') {
    items.push({ key: 'users', path: '/console/admin/users', label: '用户管理' });
    items.push({ key: 'text-settings', path: '/console/admin/text', label: '文本与诉求设置' });
  }
  if (me.adminRole === 'secadmin') {
    items.push({ key: 'roles', path: '/console/admin/roles', label: '角色授权' });
    items.push({ key: 'rolls', path: '/console/admin/rolls', label: '投票名单更正' });
  }
  if (me.adminRole === 'auditadmin') {
    items.push({ key: 'audit', path: '/console/admin/audit', label: '审计日志' });
  }
  items.push({ key: 'board', path: '/console/board', label: '公开栏' });
  // Every signed-in person reads the articles of their organisation tree; workers also import them.
  items.push({ key: 'articles', path: '/console/articles', label: '文章' });
  if (hasRole(me, ...ARTICLE_WORKER_ROLES)) {
    items.push({ key: 'article-import', path: '/console/article-import', label: '文章导入' });
  }
  return items;
}

/** Where a user lands after signing in: leaders on the dashboard, workers in their inbox, admins on their page. */
export function homePath(me: Me): string {
  if (hasRole(me, 'leader') && !hasRole(me, 'dispatcher')) {
    return '/console/dashboard';
  }
  return navItems(me)[0]?.path ?? '/console/board';
}

/** Only same-site paths, so a crafted ?next= cannot send anyone elsewhere after login. */
export function safeNext(next: string | null | undefined): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
