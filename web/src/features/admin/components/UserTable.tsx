import { Input, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../../shared/http';
import { formatDateTime } from '../../../shared/format';
import { ROLE_LABELS, SCOPE_LABELS } from '../../auth/types';
import { useAdminUsers } from '../queries';
import type { AdminUser } from '../types';

/** The user list shared by 用户管理 and 角色授权; `action` adds a column of per-row buttons. */
/** Organisation names as seen in the loaded rows; the admin roles have no org-tree endpoint of their own. */
export function knownOrgs(users: AdminUser[] | undefined): Map<string, string> {
  return new Map((users ?? []).map((user) => [user.orgId, user.orgName]));
}

export function UserTable({
  action,
  extra,
}: {
  action?: (user: AdminUser, listed: AdminUser[]) => ReactNode;
  extra?: (users: AdminUser[]) => ReactNode;
}) {
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const users = useAdminUsers({ q, page, pageSize });
  const orgs = knownOrgs(users.data?.items);

  const columns: ColumnsType<AdminUser> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    { title: '所属组织', dataIndex: 'orgName', width: 160 },
    {
      title: '管理角色',
      dataIndex: 'adminRole',
      width: 120,
      render: (role: AdminUser['adminRole']) => (role ? ROLE_LABELS[role] : '—'),
    },
    {
      title: '业务角色',
      dataIndex: 'roles',
      render: (roles: AdminUser['roles']) =>
        roles.length === 0 ? (
          '—'
        ) : (
          <Space size={4} wrap>
            {roles.map((grant, index) => (
              <Tag key={`${grant.role}-${grant.orgId}-${index}`}>
                {ROLE_LABELS[grant.role]} · {orgs.get(grant.orgId) ?? '其他组织'} · {SCOPE_LABELS[grant.scope]}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 110,
      render: (disabled: boolean, user) =>
        disabled ? '已停用' : user.locked ? '已锁定' : user.mustChangePassword ? '待改初始密码' : '正常',
    },
    { title: '手机', dataIndex: 'phone', width: 120, render: (phone: string | null) => phone ?? '—' },
    { title: '最后登录', dataIndex: 'lastLoginAt', width: 150, render: (at: string | null) => formatDateTime(at) },
  ];
  if (action) {
    columns.push({ title: '操作', key: 'action', width: 180, render: (_, user) => action(user, users.data?.items ?? []) });
  }

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <label htmlFor="user-search">搜索用户</label>
        <Input.Search
          id="user-search"
          allowClear
          placeholder="用户名或姓名"
          enterButton="搜索"
          style={{ width: 280 }}
          onSearch={(value) => {
            setQ(value.trim() || undefined);
            setPage(1);
          }}
        />
        {extra?.(users.data?.items ?? [])}
      </Space>
      <div data-testid="admin-users">
        <Table<AdminUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          locale={{ emptyText: users.isError ? errorMessage(users.error) : '暂无用户' }}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 人`,
            onChange: (next, size) => {
              setPage(size === pageSize ? next : 1);
              setPageSize(size);
            },
          }}
        />
      </div>
    </>
  );
}
