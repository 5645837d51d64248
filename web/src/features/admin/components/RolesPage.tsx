import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { PageTitle } from '../../../console/PageTitle';
import { errorMessage } from '../../../shared/http';
import { BUSINESS_ROLES, ROLE_LABELS, SCOPE_LABELS, SCOPES, type Role, type Scope } from '../../auth/types';
import { useGrantRoles } from '../queries';
import type { AdminUser } from '../types';
import { knownOrgs, UserTable } from './UserTable';

interface GrantValues {
  roles: { role?: Role; orgId?: string; scope?: Scope }[];
}

function RolesEditor({ user, users, onClose }: { user: AdminUser; users: AdminUser[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const replace = useGrantRoles();
  // No org-tree endpoint answers an admin yet: offer the organisations of the listed users, and keep
  // any the user already holds a role on.
  const orgOptions = knownOrgs(users);
  for (const grant of user.roles) {
    if (!orgOptions.has(grant.orgId)) {
      orgOptions.set(grant.orgId, '其他组织');
    }
  }

  const onFinish = (values: GrantValues) => {
    const grants = (values.roles ?? []).map((grant) => ({ role: grant.role!, orgId: grant.orgId!, scope: grant.scope! }));
    replace.mutate(
      { userId: user.id, body: { grants } },
      {
        onSuccess: () => {
          void message.success('角色已保存');
          onClose();
        },
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={`角色授权：${user.displayName}（${user.username}）`}
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={replace.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>授权即时生效，并记入审计日志。管理员（三员）角色不能与业务角色同时授予。</Typography.Paragraph>
      <Form<GrantValues>
        form={form}
        name="roles"
        onFinish={onFinish}
        initialValues={{ roles: user.roles.map(({ role, orgId, scope }) => ({ role, orgId, scope })) }}
      >
        <Form.List name="roles">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item label={`角色 ${index + 1}`} name={[field.name, 'role']} rules={[{ required: true, message: '请选择角色' }]}>
                    <Select style={{ width: 150 }} options={BUSINESS_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
                  </Form.Item>
                  <Form.Item label="组织" name={[field.name, 'orgId']} rules={[{ required: true, message: '请选择组织' }]}>
                    <Select
                      style={{ width: 200 }}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={[...orgOptions].map(([value, label]) => ({ value, label }))}
                    />
                  </Form.Item>
                  <Form.Item label="范围" name={[field.name, 'scope']} rules={[{ required: true, message: '请选择范围' }]}>
                    <Select style={{ width: 140 }} options={SCOPES.map((scope) => ({ value: scope, label: SCOPE_LABELS[scope] }))} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={`删除角色 ${index + 1}`}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ scope: 'org' })} block>
                添加角色
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 安全管理员: grants and withdraws business roles. */
export default function RolesPage() {
  const [editing, setEditing] = useState<{ user: AdminUser; users: AdminUser[] } | null>(null);
  return (
    <>
      <PageTitle title="角色授权" />
      <section className="console-panel" aria-label="用户角色">
        <UserTable
          action={(user, listed) =>
            user.adminRole ? (
              <Typography.Text>管理员账号</Typography.Text>
            ) : (
              <Button size="small" onClick={() => setEditing({ user, users: listed })} data-testid={`edit-roles-${user.username}`}>
                编辑角色
              </Button>
            )
          }
        />
      </section>
      {editing ? <RolesEditor user={editing.user} users={editing.users} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
