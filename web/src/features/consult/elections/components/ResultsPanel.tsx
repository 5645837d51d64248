import { Alert, Table } from 'antd';
import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../../dashboard/components/EChart';
import { ApiError, errorMessage } from '../../../../shared/http';
import { useElectionResults } from '../queries';
import type { ElectionDetail } from '../types';

/** The count after the close: a bar per candidate, and the same figures as a table for screen readers. */
export function ResultsPanel({ election }: { election: ElectionDetail }) {
  const results = useElectionResults(election.id, election.allowedActions.includes('results'));
  const option = useMemo<ChartOption | null>(() => {
    if (!results.data) {
      return null;
    }
    const candidates = [...results.data.candidates].reverse();
    return {
      grid: { left: 100, right: 40, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: candidates.map((candidate) => candidate.name) },
      series: [
        { type: 'bar', name: '得票', data: candidates.map((candidate) => candidate.votes), label: { show: true, position: 'right' } },
      ],
    };
  }, [results.data]);

  if (!election.allowedActions.includes('results')) {
    return <Alert type="info" showIcon message="投票结束前不公布任何结果" />;
  }
  if (results.isError) {
    const small = results.error instanceof ApiError && results.error.code === 'GROUP_TOO_SMALL';
    return <Alert type={small ? 'warning' : 'error'} showIcon message={errorMessage(results.error)} />;
  }
  if (!results.data || !option) {
    return null;
  }
  const { eligible, voted } = results.data;
  return (
    <>
      <p>
        应投 {eligible} 人，实投 {voted} 人，投票率 {eligible > 0 ? ((voted / eligible) * 100).toFixed(1) : '0.0'}%。
      </p>
      <EChart
        option={option}
        label={`各候选人得票：${results.data.candidates.map((c) => `${c.name} ${c.votes} 票`).join('，')}`}
        testId="election-results-chart"
      />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={results.data.candidates}
        columns={[
          { title: '候选人', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unit', render: (unit: string | null) => unit ?? '—' },
          { title: '得票', dataIndex: 'votes', width: 100 },
        ]}
      />
    </>
  );
}
