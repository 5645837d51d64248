import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CreateButton, PagedTable } from '../../../../console/PagedTable';
import { PageTitle } from '../../../../console/PageTitle';
import { formatDateTime } from '../../../../shared/format';
import { useSurveyList } from '../queries';
import type { SurveySummary } from '../types';

// Colours whose text keeps a 4.5:1 contrast on the tag's tint.
export const SURVEY_STATE_COLORS = { draft: 'default', published: 'blue', closed: 'purple' } as const;

const columns: ColumnsType<SurveySummary> = [
  { title: '问卷', dataIndex: 'title', render: (title: string, record) => <Link to={`/console/surveys/${record.id}`}>{title}</Link> },
  { title: '组织', dataIndex: 'orgName', width: 180 },
  { title: '状态', width: 100, render: (_, record) => <Tag color={SURVEY_STATE_COLORS[record.state]}>{record.stateLabel}</Tag> },
  { title: '调查对象', dataIndex: 'audienceLabel', width: 200 },
  { title: '答卷', dataIndex: 'answerCount', width: 80 },
  { title: '截止', width: 170, render: (_, record) => (record.closesAt ? formatDateTime(record.closesAt) : '不设截止') },
];

/** 问卷调查: the organisation's surveys, newest first. */
export default function SurveyListPage() {
  const [page, setPage] = useState(1);
  const list = useSurveyList(page);
  return (
    <>
      <PageTitle title="问卷调查" extra={<CreateButton to="/console/surveys/new">新建问卷</CreateButton>} />
      <PagedTable list={list} columns={columns} page={page} onPage={setPage} />
    </>
  );
}
