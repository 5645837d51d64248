import { Alert, App, Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { safeNext } from '../../../console/nav';
import { ApiError, errorField, errorMessage, loginPath } from '../../../shared/http';
import { useChangePassword, useMe } from '../queries';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const change = useChangePassword();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const next = safeNext((location.state as { next?: string } | null)?.next);

  useEffect(() => {
    document.title = '修改密码 - 连心';
  }, []);

  if (me.isError && me.error instanceof ApiError && me.error.status === 401) {
    return <Navigate to={loginPath('/console/password')} replace />;
  }
  const forced = me.data?.mustChangePassword ?? false;
  const minLength = me.data?.adminRole ? 12 : 8;

  const onFinish = ({ oldPassword, newPassword }: Values) => {
    change.mutate(
      { oldPassword, newPassword },
      {
        onSuccess: () => {
          void message.success('密码已修改');
          void navigate(next ?? '/console', { replace: true });
        },
        onError: (error) => {
          const field = errorField(error);
          if (field === 'oldPassword' || field === 'newPassword') {
            form.setFields([{ name: field, errors: [errorMessage(error)] }]);
          }
        },
      },
    );
  };

  return (
    <main className="console-login">
      <div className="console-login-card">
        <h1>修改密码</h1>
        <p className="console-login-sub">{forced ? '首次登录或密码已重置，请先设置新密码' : '设置新的登录密码'}</p>
        {change.isError && !errorField(change.error) ? (
          <Alert type="error" showIcon title={errorMessage(change.error)} style={{ marginBottom: 16 }} role="alert" />
        ) : null}
        <Form<Values> form={form} layout="vertical" name="password" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="password-old" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra={`至少 ${minLength} 位，包含大写字母、小写字母、数字、符号中的至少 3 类，不能包含用户名`}
            rules={[
              { required: true, message: '请输入新密码' },
              { min: minLength, message: `新密码至少 ${minLength} 位` },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="password-submit">
            确认修改
          </Button>
          {forced ? null : (
            <Button type="link" block onClick={() => void navigate(-1)} style={{ marginTop: 8 }}>
              返回
            </Button>
          )}
        </Form>
      </div>
    </main>
  );
}
