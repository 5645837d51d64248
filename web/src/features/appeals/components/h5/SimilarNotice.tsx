import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../../shared/http';
import { formatDate } from '../../../../shared/format';
import { useDebouncedValue } from '../../../search/useDebouncedValue';
import { SIMILAR_MIN_CHARS, usePublicSimilar, useSupportAppeal } from '../../queries';
import type { PublicSimilarAppeal } from '../../types';
import './similarNotice.css';

/** Long enough for a pause in typing, short enough to show the notice before the citizen writes much more. */
const LOOKUP_DEBOUNCE_MS = 600;

interface Supported {
  trackingNo: string;
  supportCount: number;
}

interface SimilarNoticeProps {
  /** What the citizen has written so far in 诉求内容. */
  content: string;
  /** Called when the citizen chooses to go on with their own appeal (e.g. to move the focus back to the text). */
  onContinue: () => void;
}

/**
 * "这个问题已有人反映": open public appeals telling of the same problem, offered while the citizen types,
 * each with a "我也遇到了" vote instead of filing the same thing again. It never stands in the way: the
 * lookup runs in the background after a pause in typing, its failures show nothing, and one button puts
 * the notice away to go on filing.
 */
export function SimilarNotice({ content, onContinue }: SimilarNoticeProps) {
  const typed = content.trim();
  const settled = useDebouncedValue(typed, LOOKUP_DEBOUNCE_MS);
  const similar = usePublicSimilar(settled);
  const support = useSupportAppeal();
  // Put away by the citizen ("不是同一件事"): not offered again on this form, though new matches are.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const [supported, setSupported] = useState<ReadonlyMap<string, Supported>>(() => new Map());
  const [failed, setFailed] = useState<{ trackingNo: string; message: string } | null>(null);

  const items =
    typed.length >= SIMILAR_MIN_CHARS && settled.length >= SIMILAR_MIN_CHARS && !similar.isError
      ? (similar.data?.items ?? []).filter((item) => !dismissed.has(item.trackingNo))
      : [];
  const open = items.length > 0;

  const vote = (item: PublicSimilarAppeal) => {
    if (supported.has(item.trackingNo) || support.isPending) {
      return;
    }
    setFailed(null);
    support.mutate(item.trackingNo, {
      onSuccess: ({ supportCount }) =>
        setSupported((previous) => new Map(previous).set(item.trackingNo, { trackingNo: item.trackingNo, supportCount })),
      onError: (error) => setFailed({ trackingNo: item.trackingNo, message: errorMessage(error) }),
    });
  };

  const goOn = () => {
    setDismissed((previous) => new Set([...previous, ...items.map((item) => item.trackingNo)]));
    setFailed(null);
    onContinue();
  };

  return (
    <div className={open ? 'similar-notice' : undefined} data-testid="similar-notice">
      {/* Present from the start, so screen readers announce the notice when it appears, and only its gist. */}
      <div aria-live="polite">
        {open ? (
          <>
            <h3 id="similar-notice-title" className="similar-notice-title">
              这个问题已有人反映
            </h3>
            <p className="similar-notice-lead">
              {items.length === 1 ? '有 1 件相似的诉求正在办理。' : `有 ${items.length} 件相似的诉求正在办理。`}
              如果是同一件事，点“我也遇到了”即可，不必重复提交。
            </p>
          </>
        ) : null}
      </div>
      {open ? (
        <>
          <ul className="similar-list" aria-labelledby="similar-notice-title">
            {items.map((item) => {
              const done = supported.get(item.trackingNo);
              const count = done?.supportCount ?? item.supportCount;
              const busy = support.isPending && support.variables === item.trackingNo;
              const ids = `similar-${item.trackingNo}-title similar-${item.trackingNo}-content`;
              return (
                <li key={item.trackingNo} className="similar-item" data-testid={`similar-item-${item.trackingNo}`}>
                  <div className="similar-item-head">
                    <strong id={`similar-${item.trackingNo}-title`}>{item.categoryName}</strong>
                    <span className="similar-state">{item.stateLabel}</span>
                  </div>
                  <p className="similar-item-content" id={`similar-${item.trackingNo}-content`}>
                    {item.content}
                  </p>
                  <div className="similar-item-meta">
                    <span>
                      提交于 <time dateTime={item.receivedAt}>{formatDate(item.receivedAt)}</time>
                    </span>
                    {count > 0 ? <span data-testid="similar-support-count">{count} 人也遇到了</span> : null}
                  </div>
                  <button
                    type="button"
                    className={`similar-support${done ? ' similar-support-done' : ''}`}
                    aria-describedby={ids}
                    aria-disabled={done || busy ? true : undefined}
                    onClick={() => vote(item)}
                  >
                    {done ? '已加一票' : busy ? '正在提交…' : '我也遇到了'}
                  </button>
                  {failed?.trackingNo === item.trackingNo ? (
                    <p className="h5-error" role="alert">
                      {failed.message}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <button type="button" className="similar-continue" onClick={goOn}>
            不是同一件事，继续填写我的诉求
          </button>
        </>
      ) : null}
      <div role="status" className="similar-confirmations">
        {[...supported.values()].map((done) => (
          <p key={done.trackingNo} className="similar-confirmation" data-testid="similar-confirmation">
            已为该诉求加一票（受理编号 <span className="similar-tracking-no">{done.trackingNo}</span>），不必再重复提交，办结后可在
            <Link to="/h5/board">公开栏</Link>
            查看答复。如果您的情况不同，也可以继续填写提交。
          </p>
        ))}
      </div>
    </div>
  );
}
