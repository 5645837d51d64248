import type { UseQueryResult } from '@tanstack/react-query';
import { DotLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage, loginPath } from '../shared/http';

/** The H5 pages' sign that something is still loading. */
export const Loading = () => (
  <p className="app-loading">
    正在加载
    <DotLoading />
  </p>
);

/**
 * What an H5 page shows until its data is there: a spinner while it loads, a sign-in link that comes
 * back to `signInReturnsTo` when the server answers 401 (pages that need an account), the error in
 * words otherwise; then the page.
 */
export function QueryState({
  query,
  signInReturnsTo,
  signInFor = '后查看。',
  children,
}: {
  query: Pick<UseQueryResult<unknown>, 'isLoading' | 'isError' | 'error'>;
  signInReturnsTo?: string;
  signInFor?: string;
  children: ReactNode;
}) {
  if (query.isLoading) {
    return <Loading />;
  }
  if (query.isError) {
    return signInReturnsTo && query.error instanceof ApiError && query.error.status === 401 ? (
      <p className="h5-hint">
        请先<Link to={loginPath(signInReturnsTo)}>登录</Link>
        {signInFor}
      </p>
    ) : (
      <p className="h5-error" role="alert">
        {errorMessage(query.error)}
      </p>
    );
  }
  return <>{children}</>;
}
