import { Button, SearchBar } from 'antd-mobile';
import { useState } from 'react';
import { QueryState } from '../../../../h5/QueryState';
import { H5Page } from '../../../../h5/H5Page';
import { Field } from '../../../../h5/form';
import { formatDate } from '../../../../shared/format';
import { PublicResponses } from '../../../opinion/components/PublicResponses';
import { useDebouncedValue } from '../../../search/useDebouncedValue';
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

const SEARCH_DEBOUNCE_MS = 400;

export default function BoardPage() {
  const categories = useCategories();
  const [categoryCode, setCategoryCode] = useState('');
  const [text, setText] = useState('');
  // The board searches when the typing pauses, and at once on the keyboard's 搜索 key.
  const [submitted, setSubmitted] = useState<string | null>(null);
  const debounced = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const q = (submitted ?? debounced) || undefined;
  const board = useBoardPages(categoryCode || undefined, q);
  const items = board.data?.pages.flatMap((page) => page.items) ?? [];
  const total = board.data?.pages[0]?.total ?? 0;

  return (
    <H5Page title="公开栏">
      <p className="h5-hint" style={{ marginTop: 0 }}>
        这里公开的是群众同意公开、已经答复的诉求，个人信息已隐去。
      </p>
      {q ? null : <PublicResponses />}
      <form
        role="search"
        aria-label="搜索公开栏"
        style={{ marginBottom: 12 }}
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(text.trim());
        }}
      >
        <SearchBar
          placeholder="搜索诉求内容或答复，如：路灯"
          value={text}
          maxLength={100}
          onChange={(value) => {
            setText(value);
            setSubmitted(null);
          }}
          onSearch={(value) => setSubmitted(value.trim())}
          // antd-mobile's clear icon is a labelled <div> without a role, which screen readers cannot use;
          // its "cancel" button is a real <button>, shown while there is text, and clears the search.
          clearable={false}
          showCancelButton={(_focus, value) => value !== ''}
          cancelText="清除"
          onCancel={() => {
            setText('');
            setSubmitted(null);
          }}
          style={{ '--height': '44px', '--border-radius': '22px', '--background': '#fff' }}
        />
      </form>
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
        <QueryState query={board}>
          {items.length === 0 ? (
            q ? (
              <p className="h5-hint" data-testid="board-empty">
                没有找到与“{q}”相关的公开诉求，可以换个说法再试。
              </p>
            ) : (
              <p className="h5-hint">暂时没有公开的诉求。</p>
            )
          ) : (
            <>
              <p className="h5-hint" data-testid="board-total">
                {q ? `找到${board.data?.pages[0]?.totalIsExact === false ? '至少' : ''} ${total} 条与“${q}”相关的诉求` : `共 ${total} 条`}
              </p>
              {items.map((item) => (
                <BoardCard key={item.trackingNo} item={item} />
              ))}
            </>
          )}
        </QueryState>
      </div>
      {board.hasNextPage ? (
        <Button block size="large" loading={board.isFetchingNextPage} loadingText="正在加载…" onClick={() => void board.fetchNextPage()}>
          加载更多
        </Button>
      ) : null}
    </H5Page>
  );
}
