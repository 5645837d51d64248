import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../dashboard/components/EChart';
import type { OpinionOverview } from '../types';

/** Appeals per day of the leading topics (left axis) and of all appeals (right axis). */
export function TrendChart({ trend }: { trend: OpinionOverview['trend'] }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 40, right: 48, top: 48, bottom: 32 },
      legend: { top: 0, textStyle: { color: '#333' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: trend.days.map((day) => day.slice(5)), axisLabel: { color: '#333' } },
      yAxis: [
        { type: 'value', name: '话题(件)', minInterval: 1, axisLabel: { color: '#333' } },
        { type: 'value', name: '全部(件)', minInterval: 1, axisLabel: { color: '#333' }, splitLine: { show: false } },
      ],
      series: trend.series.map((series) =>
        series.term === ''
          ? { type: 'bar', name: '全部诉求', data: series.counts, yAxisIndex: 1, itemStyle: { color: '#d6e4ff' }, barMaxWidth: 12 }
          : { type: 'line', name: series.term, data: series.counts, yAxisIndex: 0, smooth: true, symbolSize: 4 },
      ),
    }),
    [trend],
  );
  const topics = trend.series.filter((series) => series.term !== '').map((series) => series.term);
  return <EChart option={option} label={`近五周每日诉求数及话题趋势：${topics.join('、') || '暂无话题'}`} testId="opinion-trend" />;
}
