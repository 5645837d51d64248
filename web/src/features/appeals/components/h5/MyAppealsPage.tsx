import { Button } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { QueryState } from '../../../../h5/QueryState';
import { H5Page } from '../../../../h5/H5Page';
import { formatDateTime } from '../../../../shared/format';
import { useMyAppeals } from '../../queries';
import { StateBadge } from './common';

export default function MyAppealsPage() {
  const [page, setPage] = useState(1);
  const mine = useMyAppeals(page);
  const data = mine.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <H5Page title="我的诉求">
      <QueryState query={mine} signInReturnsTo="/h5/my">
        {!data || data.items.length === 0 ? (
          <div className="h5-card">
            <p style={{ marginTop: 0 }}>您还没有反映过诉求。</p>
            <Link to="/h5/submit">我要反映</Link>
          </div>
        ) : (
          <>
            <p className="h5-hint" style={{ marginTop: 0 }}>
              共 {data.total} 条。点“查看进度”后输入查询码，可以看到办理过程并评价。
            </p>
            {data.items.map((appeal) => (
              <article className="h5-card" key={appeal.id} data-testid={`my-appeal-${appeal.trackingNo}`}>
                <h2>
                  {appeal.categoryName} <StateBadge state={appeal.state} label={appeal.stateLabel} />
                </h2>
                <p className="h5-content" style={{ margin: '6px 0' }}>
                  {appeal.preview}
                </p>
                <div className="h5-card-meta">
                  <span>受理编号 {appeal.trackingNo}</span>
                  <span>{formatDateTime(appeal.receivedAt)}</span>
                  {appeal.unitName ? <span>办理单位：{appeal.unitName}</span> : null}
                </div>
                <Link
                  to="/h5/track"
                  state={{ trackingNo: appeal.trackingNo }}
                  style={{ display: 'inline-block', minHeight: 44, lineHeight: '44px' }}
                >
                  查看进度
                </Link>
              </article>
            ))}
            {pages > 1 ? (
              <nav className="h5-pager" aria-label="翻页">
                <Button size="middle" disabled={page <= 1 || mine.isFetching} onClick={() => setPage(page - 1)}>
                  上一页
                </Button>
                <span>
                  第 {page} / {pages} 页
                </span>
                <Button size="middle" disabled={page >= pages || mine.isFetching} onClick={() => setPage(page + 1)}>
                  下一页
                </Button>
              </nav>
            ) : null}
          </>
        )}
      </QueryState>
    </H5Page>
  );
}
