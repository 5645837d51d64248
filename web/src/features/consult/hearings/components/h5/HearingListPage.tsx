import { useState } from 'react';
import { Link } from 'react-router-dom';
import { QueryState } from '../../../../../h5/QueryState';
import { H5Page } from '../../../../../h5/H5Page';
import { formatDateTime } from '../../../../../shared/format';
import { useHearingBoard } from '../../queries';
import './hearings.css';

const SCOPES = [
  { scope: 'open', label: '报名中' },
  { scope: 'concluded', label: '已召开' },
] as const;

/** 听证议事 on the phone: meetings to register for, and those held, with their outcome. */
export default function HearingListPage() {
  const [scope, setScope] = useState<'open' | 'concluded'>('open');
  const board = useHearingBoard(1, scope);
  return (
    <H5Page title="听证议事">
      <div className="h5-hearing-tabs" role="group" aria-label="会议范围">
        {SCOPES.map((entry) => (
          <button
            key={entry.scope}
            type="button"
            className="h5-hearing-tab"
            aria-pressed={scope === entry.scope}
            onClick={() => setScope(entry.scope)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <QueryState query={board}>
        {board.data && board.data.items.length > 0 ? (
          <ul className="h5-hearing-list">
            {board.data.items.map((hearing) => (
              <li key={hearing.id} className="h5-card">
                <h2>
                  <Link to={`/h5/hearings/${hearing.id}`}>
                    {hearing.kindLabel}：{hearing.topic}
                  </Link>
                </h2>
                <p className="h5-card-meta">
                  {formatDateTime(hearing.startsAt)} · {hearing.place}
                </p>
                <p className="h5-card-meta">
                  {hearing.stateLabel} · 已报名 {hearing.registeredCount} / {hearing.capacity}
                  {hearing.waitlistedCount > 0 ? `，候补 ${hearing.waitlistedCount}` : ''}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="h5-hint">{scope === 'open' ? '目前没有正在报名的会议。' : '还没有已召开的会议。'}</p>
        )}
      </QueryState>
    </H5Page>
  );
}
