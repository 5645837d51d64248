import { Collapse, Tag } from 'antd';
import type { RemovedLine } from '../types';

/** What recognition left out and why, folded away: the worker opens it to check nothing was lost. */
export function RemovedLines({ lines }: { lines: RemovedLine[] }) {
  if (lines.length === 0) {
    return null;
  }
  return (
    <Collapse
      items={[
        {
          key: 'removed',
          label: `已去除的内容（${lines.length} 行）`,
          children: (
            <ul className="removed-lines">
              {lines.map((removed, index) => (
                <li key={index}>
                  <Tag>{removed.reasonLabel}</Tag>
                  <span>{removed.line}</span>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
