import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CreateButton, PagedTable } from '../../../../console/PagedTable';
import { PageTitle } from '../../../../console/PageTitle';
import { useElectionList } from '../queries';
import type { ElectionSummary } from '../types';

// Colours whose text keeps a 4.5:1 contrast on the tag's tint.
export const STATE_COLORS = { nominating: 'blue', voting: 'purple', publicity: 'geekblue', final: 'default' } as const;

const columns: ColumnsType<ElectionSummary> = [
  { title: '评选', dataIndex: 'title', render: (title: string, record) => <Link to={`/console/elections/${record.id}`}>{title}</Link> },
  { title: '组织', dataIndex: 'orgName', width: 180 },
  {
    title: '状态',
    dataIndex: 'state',
    width: 100,
    render: (_, record) => <Tag color={STATE_COLORS[record.state]}>{record.stateLabel}</Tag>,
  },
  { title: '提名', width: 200, render: (_, record) => `${record.nominationStartsOn} 至 ${record.nominationEndsOn}` },
  { title: '投票', width: 200, render: (_, record) => `${record.votingStartsOn} 至 ${record.votingEndsOn}` },
  { title: '每人可选', dataIndex: 'maxChoices', width: 90 },
];

/** 典型评选: the organisation's elections, newest first. */
export default function ElectionListPage() {
  const [page, setPage] = useState(1);
  const list = useElectionList(page);
  return (
    <>
      <PageTitle title="典型评选" extra={<CreateButton to="/console/elections/new">发起评选</CreateButton>} />
      <PagedTable list={list} columns={columns} page={page} onPage={setPage} />
    </>
  );
}
