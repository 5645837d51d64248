import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Table } from 'antd';
import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../../dashboard/components/EChart';
import { saveBlob } from '../../../../shared/download';
import { ApiError, errorMessage } from '../../../../shared/http';
import { electionsApi } from '../api';
import { useElectionResults } from '../queries';
import type { ElectionDetail } from '../types';

/** 回执公示: every receipt's hash, one per line, to print or post; a voter finds their own without trusting the server. */
function ReceiptListButton({ election }: { election: ElectionDetail }) {
  const { message } = App.useApp();
  const download = async () => {
    try {
      const { hashes } = await electionsApi.receiptHashes(election.id);
      const header = [
        `${election.title} 投票回执公示`,
        `共 ${hashes.length} 张选票。每行是一张选票回执码的 SHA-256 哈希（回执码为大写，去掉空格和连字符），按哈希排序。`,
        '',
      ];
      saveBlob(
        new Blob([[...header, ...hashes].join('\n') + '\n'], { type: 'text/plain;charset=utf-8' }),
        `${election.title}-回执公示.txt`,
      );
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };
  return (
    <Button icon={<DownloadOutlined />} onClick={() => void download()}>
      下载回执公示
    </Button>
  );
}

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
      {election.allowedActions.includes('receipts') ? <ReceiptListButton election={election} /> : null}
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
