import { useParams } from 'react-router-dom';
import { QueryState } from '../../../../../h5/QueryState';
import { H5Page } from '../../../../../h5/H5Page';
import { formatDateTime } from '../../../../../shared/format';
import { useHearingDetail } from '../../queries';
import type { OutcomeLink } from '../../types';
import './hearings.css';

const hrefOf = (link: OutcomeLink) => link.url ?? `/console/articles/${link.articleId}`;

/** 议定结果: the public page of what the meeting decided, its minutes and what carries it out. */
export default function OutcomePage() {
  const { id = '' } = useParams();
  const detail = useHearingDetail(id);
  const hearing = detail.data;
  return (
    <H5Page title="议定结果" backTo={`/h5/hearings/${id}`}>
      <QueryState query={detail}>
        {hearing && hearing.outcome ? (
          <>
            <section className="h5-section" aria-labelledby="outcome-topic">
              <h2 id="outcome-topic">
                {hearing.kindLabel}：{hearing.topic}
              </h2>
              <p className="h5-card-meta">
                {hearing.orgName} · 召开于 {formatDateTime(hearing.startsAt)} · 公布于 {formatDateTime(hearing.concludedAt)}
              </p>
              <p className="h5-content" data-testid="outcome-text">
                {hearing.outcome}
              </p>
            </section>
            {hearing.outcomeLinks.length > 0 ? (
              <section className="h5-section" aria-labelledby="outcome-links">
                <h2 id="outcome-links">落实情况</h2>
                <ul className="h5-hearing-list h5-hearing-links">
                  {hearing.outcomeLinks.map((link) => (
                    <li key={`${link.label}-${hrefOf(link)}`}>
                      <a href={hrefOf(link)} rel="noreferrer">
                        {link.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {hearing.minutes ? (
              <section className="h5-section" aria-labelledby="outcome-minutes">
                <h2 id="outcome-minutes">会议纪要</h2>
                <p className="h5-content">{hearing.minutes}</p>
              </section>
            ) : null}
          </>
        ) : (
          <p className="h5-hint">会议结果尚未公布。</p>
        )}
      </QueryState>
    </H5Page>
  );
}
