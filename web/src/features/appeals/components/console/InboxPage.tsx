import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../../../console/PageTitle';
import { downloadFile } from '../../../../shared/download';
import { errorMessage } from '../../../../shared/http';
import { formatDateTime } from '../../../../shared/format';
import { useUnits } from '../../../orgs/queries';
import { appealsApi } from '../../api';
import { BOX_LABELS, KPI_FILTER_LABELS } from '../../labels';
import { useAppealList, useCategories, useInboxCounts } from '../../queries';
import { type AppealListQuery, type AppealState, type AppealSummary, type InboxBox, type Urgency } from '../../types';
import { DueText, StateTag, SupervisedTag, UrgencyTag } from './common';
import { MODE_BOXES, paramsFromQuery, queryFromParams, type InboxMode } from './inboxFilters';
import { AppealFilterFields } from './AppealFilterFields';

interface FilterValues {
  categoryCode?: string;
  unitId?: string;
  state?: AppealState;
  urgency?: Urgency;
  dates?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

const TITLES: Record<InboxMode, string> = { intake: '受理派单', unit: '我的待办' };
const ALERT_BOXES: InboxBox[] = ['overdue', 'near_due', 'to_dispatch', 'to_sign'];

export default function InboxPage({ mode }: { mode: InboxMode }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const query = useMemo(() => queryFromParams(params, mode), [params, mode]);
  const list = useAppealList(query);
  const counts = useInboxCounts();
  const categories = useCategories();
  // Only the intake side (dispatchers, leaders) filters by unit; units are theirs to list.
  const units = useUnits(mode === 'intake');
  const [form] = Form.useForm<FilterValues>();
  const [exporting, setExporting] = useState(false);

  // Keep the filter bar in step with the URL (the dashboard's links, back and forward).
  useEffect(() => {
    form.setFieldsValue({
      categoryCode: query.categoryCode,
      unitId: query.unitId,
      state: query.state,
      urgency: query.urgency,
      dates: query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null,
      q: query.q,
    });
  }, [form, query]);

  const update = (patch: Partial<AppealListQuery>) => setParams(paramsFromQuery({ ...query, page: 1, ...patch }));

  const onSearch = (values: FilterValues) => {
    update({
      categoryCode: values.categoryCode,
      unitId: values.unitId,
      state: values.state,
      urgency: values.urgency,
      from: values.dates?.[0]?.format('YYYY-MM-DD'),
      to: values.dates?.[1]?.format('YYYY-MM-DD'),
      q: values.q?.trim() || undefined,
    });
  };

  const onReset = () => {
    form.resetFields();
    setParams(paramsFromQuery({ box: query.box }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile(appealsApi.exportPath(query), `诉求清单-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const unitName = (id: string | undefined) => units.data?.find((unit) => unit.id === id)?.name ?? '所选单位';
  const drill = query.kpi || query.month;

  const columns: ColumnsType<AppealSummary> = [
    {
      title: '受理编号',
      dataIndex: 'trackingNo',
      width: 170,
      render: (trackingNo: string, record) => (
        <Link to={`/console/appeals/${record.id}`} onClick={(event) => event.stopPropagation()}>
          {trackingNo}
        </Link>
      ),
    },
    { title: '类别', dataIndex: 'categoryName', width: 120 },
    {
      title: '诉求摘要',
      dataIndex: 'preview',
      render: (preview: string) => <span className="inbox-preview">{preview}</span>,
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 140,
      render: (_: AppealState, record) => (
        <Space size={4} wrap>
          <StateTag state={record.state} label={record.stateLabel} />
          <UrgencyTag urgency={record.urgency} />
        </Space>
      ),
    },
    { title: '承办单位', dataIndex: 'unitName', width: 140, render: (name: string | null) => name ?? '—' },
    {
      title: '办理时限',
      dataIndex: 'dueAt',
      width: 190,
      render: (_: string | null, record) => <DueText dueAt={record.dueAt} overdue={record.overdue} nearDue={record.nearDue} />,
    },
    { title: '督办', dataIndex: 'supervised', width: 70, render: (supervised: boolean) => <SupervisedTag supervised={supervised} /> },
    { title: '受理时间', dataIndex: 'receivedAt', width: 150, render: (at: string) => formatDateTime(at) },
  ];

  const table = (
    <div data-testid="inbox-table">
      <Table<AppealSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: list.isError ? errorMessage(list.error) : '暂无诉求' }}
        onRow={(record) =>
          ({
            'data-testid': `appeal-row-${record.trackingNo}`,
            onClick: () => void navigate(`/console/appeals/${record.id}`),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setParams(paramsFromQuery({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize })),
        }}
      />
    </div>
  );

  return (
    <>
      <PageTitle
        title={TITLES[mode]}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([list.refetch(), counts.refetch()])}>
              刷新
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="export-excel">
              导出Excel
            </Button>
          </>
        }
      />
      <section className="console-panel" aria-label="筛选条件">
        <Form<FilterValues> form={form} name="inbox-filter" layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
          <AppealFilterFields categories={categories.data} units={mode === 'intake' ? (units.data ?? []) : undefined} />
          <Form.Item label="关键词" name="q">
            <Input allowClear placeholder="编号、内容或地址" style={{ width: 200 }} maxLength={100} data-testid="inbox-keyword" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="inbox-search">
                查询
              </Button>
              <Button onClick={onReset}>重置</Button>
            </Space>
          </Form.Item>
        </Form>
        {drill ? (
          <div style={{ marginTop: 12 }}>
            <Tag
              closable
              onClose={() => update({ kpi: undefined, month: undefined, unitId: undefined })}
              style={{ fontSize: 14, padding: '2px 8px' }}
              closeIcon={<span aria-label="清除看板筛选">×</span>}
            >
              看板筛选：
              {[
                query.month ? `${query.month} 月` : null,
                query.unitId ? unitName(query.unitId) : null,
                query.kpi ? KPI_FILTER_LABELS[query.kpi] : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Tag>
          </div>
        ) : null}
      </section>
      <section className="console-panel" aria-label="诉求列表">
        <Tabs
          activeKey={query.box}
          onChange={(box) => update({ box: box as InboxBox })}
          items={MODE_BOXES[mode].map((box) => {
            const count = counts.data?.[box];
            return {
              key: box,
              label: (
                <span data-testid={`box-${box}`}>
                  {BOX_LABELS[box]}
                  {count !== undefined && box !== 'all' && box !== 'closed' ? (
                    <span className={`tab-count${count > 0 && ALERT_BOXES.includes(box) ? ' tab-count-alert' : ''}`}>{count}</span>
                  ) : null}
                </span>
              ),
              children: box === query.box ? table : null,
            };
          })}
        />
      </section>
    </>
  );
}
