import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CreateButton, PagedTable } from '../../../../../console/PagedTable';
import { PageTitle } from '../../../../../console/PageTitle';
import { formatDateTime } from '../../../../../shared/format';
import { useHearingList } from '../../queries';
import type { HearingSummary } from '../../types';

export const STATE_COLORS = {
  draft: 'default',
  published: 'green',
  registration_closed: 'orange',
  held: 'blue',
  concluded: 'purple',
} as const;

const columns: ColumnsType<HearingSummary> = [
  { title: '议题', dataIndex: 'topic', render: (topic: string, record) => <Link to={`/console/hearings/${record.id}`}>{topic}</Link> },
  { title: '形式', dataIndex: 'kindLabel', width: 90 },
  { title: '组织', dataIndex: 'orgName', width: 180 },
  { title: '时间', dataIndex: 'startsAt', width: 160, render: (startsAt: string) => formatDateTime(startsAt) },
  {
    title: '报名 / 名额',
    width: 120,
    render: (_, record) =>
      `${record.registeredCount} / ${record.capacity}${record.waitlistedCount ? `（候补 ${record.waitlistedCount}）` : ''}`,
  },
  {
    title: '状态',
    dataIndex: 'state',
    width: 110,
    render: (_, record) => <Tag color={STATE_COLORS[record.state]}>{record.stateLabel}</Tag>,
  },
];

/** 听证议事: the organisation's hearings and meetings, latest meeting first. */
export default function HearingListPage() {
  const [page, setPage] = useState(1);
  const list = useHearingList(page);
  return (
    <>
      <PageTitle title="听证议事" extra={<CreateButton to="/console/hearings/new">新建会议</CreateButton>} />
      <PagedTable list={list} columns={columns} page={page} onPage={setPage} />
    </>
  );
}
