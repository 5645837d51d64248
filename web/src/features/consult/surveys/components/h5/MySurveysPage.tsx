import { DotLoading } from 'antd-mobile';
import { Link } from 'react-router-dom';
import { H5Page } from '../../../../../h5/H5Page';
import { ApiError, errorMessage, loginPath } from '../../../../../shared/http';
import { useMySurveys, usePublishedResults } from '../../queries';

/** 问卷调查: the surveys addressed to me, and the results published on the board. */
export default function MySurveysPage() {
  const mine = useMySurveys();
  const published = usePublishedResults();
  return (
    <H5Page title="问卷调查">
      <section className="h5-section" aria-labelledby="my-surveys">
        <h2 id="my-surveys">请您填写</h2>
        {mine.isLoading ? (
          <DotLoading />
        ) : mine.isError ? (
          mine.error instanceof ApiError && mine.error.status === 401 ? (
            <p className="h5-hint">
              <Link to={loginPath('/h5/surveys')}>登录</Link>后查看发给您的问卷；扫描二维码可直接填写公开问卷。
            </p>
          ) : (
            <p className="h5-error" role="alert">
              {errorMessage(mine.error)}
            </p>
          )
        ) : (mine.data?.items ?? []).filter((survey) => survey.acceptingAnswers).length === 0 ? (
          <p className="h5-hint">目前没有需要您填写的问卷。</p>
        ) : (
          mine
            .data!.items.filter((survey) => survey.acceptingAnswers)
            .map((survey) => (
              <article className="h5-card" key={survey.id}>
                <h3>
                  <Link to={`/h5/surveys/${survey.id}`}>{survey.title}</Link>
                </h3>
                <div className="h5-card-meta">
                  <span>{survey.orgName}</span>
                  <span>{survey.anonymous ? '匿名' : '实名'}</span>
                  {survey.closesAt ? <span>截止 {survey.closesAt.slice(0, 10)}</span> : null}
                </div>
              </article>
            ))
        )}
      </section>
      <section className="h5-section" aria-labelledby="published-results">
        <h2 id="published-results">调查结果公示</h2>
        {(published.data?.items ?? []).length === 0 ? (
          <p className="h5-hint">暂无公布的调查结果。</p>
        ) : (
          published.data!.items.map((survey) => (
            <article className="h5-card" key={survey.id}>
              <h3>
                <Link to={`/h5/survey-results/${survey.id}`}>{survey.title}</Link>
              </h3>
              <div className="h5-card-meta">
                <span>{survey.orgName}</span>
                <span>{survey.answerCount} 份答卷</span>
              </div>
            </article>
          ))
        )}
      </section>
    </H5Page>
  );
}
