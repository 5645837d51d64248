import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { PageTitle } from '../../../console/PageTitle';
import { errorField, errorMessage } from '../../../shared/http';
import { useCreateUser, useResetPassword, useSetDisabled } from '../queries';
import type { AdminUser, NewUserBody } from '../types';
import { knownOrgs, UserTable } from './UserTable';

function NewUserModal({ users, onClose }: { users: AdminUser[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUserBody>();
  const create = useCreateUser();
  const orgs = knownOrgs(users);

  const onFinish = (values: NewUserBody) => {
    create.mutate(
      { ...values, phone: values.phone?.trim() || undefined },
      {
        onSuccess: () => {
          void message.success('用户已创建，首次登录须修改密码');
          onClose();
        },
        onError: (error) => {
          const field = errorField(error) as keyof NewUserBody | undefined;
          if (field && ['username', 'displayName', 'orgId', 'phone', 'password'].includes(field)) {
            form.setFields([{ name: field, errors: [errorMessage(error)] }]);
          } else {
            void message.error(errorMessage(error));
          }
        },
      },
    );
  };

  return (
    <Modal
      open
      title="新建用户"
      okText="创建"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<NewUserBody> form={form} layout="vertical" name="new-user" onFinish={onFinish}>
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, message: '请输入用户名' }]}
          extra="3–32 位字母、数字、下划线、点或连字符"
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="所属组织" name="orgId" rules={[{ required: true, message: '请选择所属组织' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={[...orgs].map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="手机号码" name="phone" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请填写 11 位手机号码' }]}>
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请设置初始密码' }]} extra="用户首次登录时须修改">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 系统管理员: accounts (create, disable, reset password); roles are granted by the security admin. */
export default function UsersPage() {
  const { message, modal } = App.useApp();
  const [creating, setCreating] = useState<AdminUser[] | null>(null);
  const setDisabled = useSetDisabled();
  const reset = useResetPassword();

  const onReset = (user: AdminUser) =>
    reset.mutate(user.id, {
      onSuccess: ({ temporaryPassword }) =>
        void modal.info({
          title: `已重置 ${user.displayName} 的密码`,
          content: (
            <>
              <p>临时密码（只显示这一次，请当面或电话告知本人）：</p>
              <Typography.Text copyable strong style={{ fontSize: 18 }}>
                {temporaryPassword}
              </Typography.Text>
            </>
          ),
        }),
      onError: (error) => void message.error(errorMessage(error)),
    });

  return (
    <>
      <PageTitle title="用户管理" />
      <section className="console-panel" aria-label="用户列表">
        <UserTable
          extra={(users) => (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(users)}>
              新建用户
            </Button>
          )}
          action={(user) =>
            user.adminRole ? (
              <Typography.Text>管理员账号</Typography.Text>
            ) : (
              <Space size={4}>
                <Popconfirm
                  title={user.disabled ? `启用 ${user.displayName}？` : `停用 ${user.displayName}？停用后立即退出登录。`}
                  okText="确定"
                  cancelText="取消"
                  onConfirm={() =>
                    setDisabled.mutate(
                      { id: user.id, disabled: !user.disabled },
                      { onError: (error) => void message.error(errorMessage(error)) },
                    )
                  }
                >
                  <Button size="small">{user.disabled ? '启用' : '停用'}</Button>
                </Popconfirm>
                <Popconfirm title={`重置 ${user.displayName} 的密码？`} okText="重置" cancelText="取消" onConfirm={() => onReset(user)}>
                  <Button size="small">重置密码</Button>
                </Popconfirm>
              </Space>
            )
          }
        />
      </section>
      {creating ? <NewUserModal users={creating} onClose={() => setCreating(null)} /> : null}
    </>
  );
}
