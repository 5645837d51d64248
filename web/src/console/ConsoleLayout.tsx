import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout, useMe } from '../features/auth/queries';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { HeaderSearch } from '../features/search/components/HeaderSearch';
import { navItems } from './nav';

export function ConsoleLayout() {
  const me = useMe().data!;
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const { message } = App.useApp();
  const items = navItems(me);
  const selected = items.find((item) => location.pathname.startsWith(item.path))?.key;
  // Search is for the workers who have an inbox (受理派单 or 我的待办), as the server's list policy.
  const canSearch = items.some((item) => item.key === 'inbox' || item.key === 'todo');
  const roleText = [...new Set([...me.roles.map((grant) => grant.label), ...(me.adminRole ? [adminLabel(me.adminRole)] : [])])].join('、');

  const onUserMenu = ({ key }: { key: string }) => {
    if (key === 'password') {
      void navigate('/console/password');
    } else if (key === 'logout') {
      logout.mutate(undefined, {
        onSettled: () => {
          void message.success('已退出登录');
          void navigate('/console/login', { replace: true });
        },
      });
    }
  };

  return (
    <Layout className="console-layout">
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={0}>
        <div className="console-brand">
          连心<small>工作台</small>
        </div>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items.map((item) => ({ key: item.key, label: item.label }))}
            onClick={({ key }) => {
              const target = items.find((item) => item.key === key);
              if (target) {
                void navigate(target.path);
              }
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          {canSearch ? <HeaderSearch /> : null}
          <NotificationBell />
          <Dropdown
            menu={{
              items: [
                { key: 'password', label: '修改密码' },
                { key: 'logout', label: '退出登录' },
              ],
              onClick: onUserMenu,
            }}
          >
            <Button type="text" data-testid="user-menu">
              {me.displayName}
              {roleText ? `（${roleText}）` : ''} <DownOutlined />
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

const ADMIN_LABELS = { sysadmin: '系统管理员', secadmin: '安全管理员', auditadmin: '审计管理员' } as const;
const adminLabel = (role: keyof typeof ADMIN_LABELS) => ADMIN_LABELS[role];
