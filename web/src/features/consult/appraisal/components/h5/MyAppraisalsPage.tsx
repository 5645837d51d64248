import { Link } from 'react-router-dom';
import { QueryState } from '../../../../../h5/QueryState';
import { H5Page } from '../../../../../h5/H5Page';
import { useAppraisalList } from '../../queries';

/** 民主评议: the appraisals of my branch. */
export default function MyAppraisalsPage() {
  const list = useAppraisalList(1);
  return (
    <H5Page title="民主评议">
      <QueryState query={list} signInReturnsTo="/h5/appraisals">
        {!list.data || list.data.items.length === 0 ? (
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
      </QueryState>
    </H5Page>
  );
}
