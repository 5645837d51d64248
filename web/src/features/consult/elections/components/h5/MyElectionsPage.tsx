import { Link } from 'react-router-dom';
import { QueryState } from '../../../../../h5/QueryState';
import { H5Page } from '../../../../../h5/H5Page';
import { useElectionList } from '../../queries';

/** 评选投票: the elections addressed to me. */
export default function MyElectionsPage() {
  const list = useElectionList(1);
  return (
    <H5Page title="评选投票">
      <QueryState query={list} signInReturnsTo="/h5/elections">
        {!list.data || list.data.items.length === 0 ? (
          <p className="h5-hint">目前没有邀请您参加的评选。</p>
        ) : (
          list.data.items.map((election) => (
            <article className="h5-card" key={election.id}>
              <h2>
                <Link to={`/h5/elections/${election.id}`}>{election.title}</Link>
              </h2>
              <div className="h5-card-meta">
                <span>{election.stateLabel}</span>
                <span>{election.orgName}</span>
                <span>
                  投票 {election.votingStartsOn} 至 {election.votingEndsOn}
                </span>
              </div>
            </article>
          ))
        )}
      </QueryState>
    </H5Page>
  );
}
