import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../features/auth/queries';
import { ApiError, errorMessage, loginPath } from '../shared/http';

/** Lets signed-in users through; sends others to the login page and new accounts to the change-password page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) {
    return (
      <div className="app-loading" role="status">
        <Spin /> 正在验证登录状态…
      </div>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to={loginPath(location.pathname + location.search)} replace />;
    }
    if (me.error instanceof ApiError && me.error.code === 'PASSWORD_CHANGE_REQUIRED') {
      return <Navigate to="/console/password" replace />;
    }
    return (
      <main>
        <Result status="error" title="无法加载登录信息" subTitle={errorMessage(me.error)} />
      </main>
    );
  }
  if (me.data?.mustChangePassword) {
    return <Navigate to="/console/password" replace />;
  }
  return <>{children}</>;
}
