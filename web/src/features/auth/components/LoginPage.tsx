import { Alert, Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { safeNext } from '../../../console/nav';
import { errorMessage } from '../../../shared/http';
import { useLogin } from '../queries';
import type { LoginBody } from '../types';

export default function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const login = useLogin();

  useEffect(() => {
    document.title = '工作人员登录 - 连心';
  }, []);

  const onFinish = (values: LoginBody) => {
    login.mutate(values, {
      onSuccess: ({ mustChangePassword }) => {
        if (mustChangePassword) {
          void navigate('/console/password', { replace: true, state: { next } });
        } else {
          void navigate(next ?? '/console', { replace: true });
        }
      },
    });
  };

  return (
    <main className="console-login">
      <div className="console-login-card">
        <h1>连心工作台</h1>
        <p className="console-login-sub">工作人员登录</p>
        {login.isError ? <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form<LoginBody> layout="vertical" name="login" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <p style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          <Link to="/">返回群众服务首页</Link>
        </p>
      </div>
    </main>
  );
}
