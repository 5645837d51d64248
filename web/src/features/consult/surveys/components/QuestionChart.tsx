import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../../dashboard/components/EChart';
import type { QuestionResult } from '../types';

/** The bars of a question: one per choice or score; a matrix stacks each column over its rows; a ranking shows the mean place. */
function chartOf(question: Omit<QuestionResult, 'keywords'>): { option: ChartOption; label: string } {
  if (question.type === 'matrix') {
    const columns = question.rows[0]?.columns ?? [];
    return {
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 90, right: 16, top: 32, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: question.rows.map((row) => row.label) },
        series: columns.map((column, index) => ({
          type: 'bar',
          stack: 'cells',
          name: column.label,
          data: question.rows.map((row) => row.columns[index]?.count ?? 0),
        })),
      },
      label: `${question.title}：${question.rows.map((row) => `${row.label}（${row.columns.map((c) => `${c.label} ${c.count} 人`).join('、')}）`).join('；')}`,
    };
  }
  const ranking = question.type === 'ranking';
  const values = question.items.map((item) => (ranking ? (item.average ?? 0) : item.count));
  return {
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: ranking ? undefined : 1, name: ranking ? '平均名次' : undefined },
      yAxis: { type: 'category', data: question.items.map((item) => item.label), inverse: true },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' } }],
    },
    label: ranking
      ? `${question.title}：${question.items.map((item) => `${item.label} 平均第 ${item.average ?? '—'} 位`).join('，')}`
      : `${question.title}：${question.items.map((item) => `${item.label} ${item.count} 人`).join('，')}`,
  };
}

export function QuestionChart({ question }: { question: Omit<QuestionResult, 'keywords'> }) {
  const { option, label } = useMemo(() => chartOf(question), [question]);
  return <EChart option={option} label={label} testId={`chart-${question.name}`} />;
}
