import { formatDateTime } from '../../../../shared/format';
import type { AppealState, TimelineEntry } from '../../types';

const DONE: AppealState[] = ['closed', 'callback'];
const STOPPED: AppealState[] = ['rejected', 'merged'];

export function StateBadge({ state, label }: { state: AppealState; label: string }) {
  const tone = DONE.includes(state) ? ' h5-state-done' : STOPPED.includes(state) ? ' h5-state-stop' : '';
  return <span className={`h5-state${tone}`}>{label}</span>;
}

/** The steps of an appeal, oldest first, as an ordered list. */
export function H5Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) {
    return <p className="h5-hint">暂无办理记录。</p>;
  }
  return (
    <ol className="h5-timeline">
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`}>
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          <div>{entry.label}</div>
          {entry.note ? <div className="h5-hint">{entry.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}
