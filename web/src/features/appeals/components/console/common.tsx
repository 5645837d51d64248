import { Tag } from 'antd';
import { formatDateTime } from '../../../../shared/format';
import { STATE_LABELS, URGENCY_LABELS } from '../../labels';
import type { AppealState, Urgency } from '../../types';

interface Tone {
  color: string;
  background: string;
  borderColor: string;
}

// antd's preset tag colours (orange, green, gold) fall under 4.5:1; these pairs all pass WCAG AA.
const TONES = {
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  purple: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  grey: { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
} satisfies Record<string, Tone>;

const STATE_TONES: Record<AppealState, Tone> = {
  received: TONES.blue,
  dispatched: TONES.orange,
  return_requested: TONES.orange,
  signed: TONES.cyan,
  in_progress: TONES.cyan,
  extension_requested: TONES.orange,
  review: TONES.purple,
  callback: TONES.purple,
  closed: TONES.green,
  rejected: TONES.grey,
  merged: TONES.grey,
};

export function StateTag({ state, label }: { state: AppealState; label?: string }) {
  return (
    <Tag style={STATE_TONES[state]} data-state={state}>
      {label ?? STATE_LABELS[state]}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  if (urgency === 'normal') {
    return null;
  }
  return <Tag style={urgency === 'emergency' ? TONES.red : TONES.orange}>{URGENCY_LABELS[urgency]}</Tag>;
}

export function SupervisedTag({ supervised }: { supervised: boolean }) {
  return supervised ? <Tag style={TONES.red}>督办</Tag> : null;
}

/** A deadline in red when overdue and orange when near; the words say it too, not only the colour. */
export function DueText({ dueAt, overdue, nearDue }: { dueAt: string | null; overdue: boolean; nearDue: boolean }) {
  if (!dueAt) {
    return <span>—</span>;
  }
  if (overdue) {
    return <span className="due-overdue">{formatDateTime(dueAt)}（已超期）</span>;
  }
  if (nearDue) {
    return <span className="due-near">{formatDateTime(dueAt)}（即将到期）</span>;
  }
  return <span>{formatDateTime(dueAt)}</span>;
}
