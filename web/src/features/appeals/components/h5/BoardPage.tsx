import { Button, DotLoading } from 'antd-mobile';
import { useState } from 'react';
import { H5Page } from '../../../../h5/H5Page';
import { Field } from '../../../../h5/form';
import { errorMessage } from '../../../../shared/http';
import { formatDate } from '../../../../shared/format';
import { SATISFACTION_LABELS } from '../../labels';
import { useBoardPages, useCategories } from '../../queries';
import type { BoardItem } from '../../types';

function BoardCard({ item }: { item: BoardItem }) {
  return (
    <article className="h5-card" data-testid={`board-item-${item.trackingNo}`}>
      <h2>{item.categoryName}</h2>
      <div className="h5-card-meta">
        <span>提交于 {formatDate(item.receivedAt)}</span>
        {item.unitName ? <span>办理单位：{item.unitName}</span> : null}
        {item.satisfaction ? <span>群众评价：{SATISFACTION_LABELS[item.satisfaction]}</span> : null}
      </div>
      <p className="h5-content">{item.content}</p>
      {item.replyText ? (
        <div className="h5-reply">
          <strong>答复：</strong>
          {item.replyText}
        </div>
      ) : null}
    </article>
  );
}

export default function BoardPage() {
  const categories = useCategories();
  const [categoryCode, setCategoryCode] = useState('');
  const board = useBoardPages(categoryCode || undefined);
  const items = board.data?.pages.flatMap((page) => page.items) ?? [];
  const total = board.data?.pages[0]?.total ?? 0;

  return (
    <H5Page title="公开栏">
      <p className="h5-hint" style={{ marginTop: 0 }}>
        这里公开的是群众同意公开、已经答复的诉求，个人信息已隐去。
      </p>
      <div className="h5-section">
        <Field id="board-category" label="按类别查看">
          <select id="board-category" className="h5-select" value={categoryCode} onChange={(event) => setCategoryCode(event.target.value)}>
            <option value="">全部类别</option>
            {(categories.data ?? []).map((category) => (
              <option key={category.code} value={category.code}>
                {category.typeLabel} · {category.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div aria-live="polite" aria-busy={board.isFetching}>
        {board.isLoading ? (
          <p className="app-loading">
            正在加载
            <DotLoading />
          </p>
        ) : board.isError ? (
          <p className="h5-error" role="alert">
            {errorMessage(board.error)}
          </p>
        ) : items.length === 0 ? (
          <p className="h5-hint">暂时没有公开的诉求。</p>
        ) : (
          <>
            <p className="h5-hint">共 {total} 条</p>
            {items.map((item) => (
              <BoardCard key={item.trackingNo} item={item} />
            ))}
          </>
        )}
      </div>
      {board.hasNextPage ? (
        <Button block size="large" loading={board.isFetchingNextPage} loadingText="正在加载…" onClick={() => void board.fetchNextPage()}>
          加载更多
        </Button>
      ) : null}
    </H5Page>
  );
}
