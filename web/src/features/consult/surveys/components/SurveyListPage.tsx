import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../../../console/PageTitle';
import { formatDateTime } from '../../../../shared/format';
import { errorMessage } from '../../../../shared/http';
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
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useSurveyList(page);
  return (
    <>
      <PageTitle
        title="问卷调查"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/console/surveys/new')}>
            新建问卷
          </Button>
        }
      />
      <section className="console-panel">
        {list.isError ? (
          <p role="alert">{errorMessage(list.error)}</p>
        ) : (
          <Table<SurveySummary>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isLoading}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          />
        )}
      </section>
    </>
  );
}
