import { DotLoading } from 'antd-mobile';
import { Link } from 'react-router-dom';
import { H5Page } from '../../../../../h5/H5Page';
import { ApiError, errorMessage, loginPath } from '../../../../../shared/http';
import { useAppraisalList } from '../../queries';

/** 民主评议: the appraisals of my branch. */
export default function MyAppraisalsPage() {
  const list = useAppraisalList(1);
  return (
    <H5Page title="民主评议">
      {list.isLoading ? (
        <p className="app-loading">
          正在加载
          <DotLoading />
        </p>
      ) : list.isError ? (
        list.error instanceof ApiError && list.error.status === 401 ? (
          <p className="h5-hint">
            请先<Link to={loginPath('/h5/appraisals')}>登录</Link>后查看。
          </p>
        ) : (
          <p className="h5-error" role="alert">
            {errorMessage(list.error)}
          </p>
        )
      ) : !list.data || list.data.items.length === 0 ? (
        <p className="h5-hint">目前没有您参加的民主评议。</p>
      ) : (
        list.data.items.map((appraisal) => (
          <article className="h5-card" key={appraisal.id}>
            <h2>
              <Link to={`/h5/appraisals/${appraisal.id}`}>{appraisal.title}</Link>
            </h2>
            <div className="h5-card-meta">
              <span>{appraisal.stateLabel}</span>
            </div>
          </article>
        ))
      )}
    </H5Page>
  );
}
