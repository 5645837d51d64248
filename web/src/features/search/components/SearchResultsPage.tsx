import { Alert, Button, Empty, Form, Input, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../../console/PageTitle';
import { errorMessage } from '../../../shared/http';
import { formatDateTime } from '../../../shared/format';
import { useMe } from '../../auth/queries';
import { hasRole } from '../../auth/types';
import { useUnits } from '../../orgs/queries';
import { StateTag, UrgencyTag } from '../../appeals/components/console/common';
import { useAppealSearch, useCategories } from '../../appeals/queries';
import { type AppealSearchHit, type AppealSearchQuery, type AppealState, type Urgency } from '../../appeals/types';
import { paramsFromSearchQuery, SEARCH_MAX_LENGTH, searchQueryFromParams } from '../searchParams';
import { Snippet } from './Snippet';
import '../search.css';
import { AppealFilterFields } from '../../appeals/components/console/AppealFilterFields';

interface FilterValues {
  q?: string;
  categoryCode?: string;
  unitId?: string;
  state?: AppealState;
  urgency?: Urgency;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** /console/search?q=…: every appeal in the worker's scope the text finds, with the inbox's filters and pages. */
export default function SearchResultsPage() {
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const query = useMemo(() => searchQueryFromParams(params), [params]);
  const search = useAppealSearch(query);
  const categories = useCategories();
  // Like the inbox, only the intake side (dispatchers, leaders) filters by unit; units are theirs to list.
  const intake = hasRole(me, 'dispatcher', 'leader');
  const units = useUnits(intake);
  const [form] = Form.useForm<FilterValues>();

  // Keep the form in step with the URL (the header's search box, back and forward).
  useEffect(() => {
    form.setFieldsValue({
      q: query.q,
      categoryCode: query.categoryCode,
      unitId: query.unitId,
      state: query.state,
      urgency: query.urgency,
      dates: query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null,
    });
  }, [form, query]);

  const update = (next: Partial<AppealSearchQuery>) => setParams(paramsFromSearchQuery(next));

  const onSearch = (values: FilterValues) =>
    update({
      q: values.q?.trim() ?? '',
      categoryCode: values.categoryCode,
      unitId: values.unitId,
      state: values.state,
      urgency: values.urgency,
      from: values.dates?.[0]?.format('YYYY-MM-DD'),
      to: values.dates?.[1]?.format('YYYY-MM-DD'),
      pageSize: query.pageSize,
    });

  const onReset = () => update({ q: query.q });

  const columns: ColumnsType<AppealSearchHit> = [
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
      title: '匹配内容',
      dataIndex: 'snippet',
      render: (_: unknown, record) => <Snippet parts={record.snippet} fallback={record.preview} />,
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
    { title: '受理时间', dataIndex: 'receivedAt', width: 150, render: (at: string) => formatDateTime(at) },
  ];

  const filtered = Boolean(query.state || query.unitId || query.categoryCode || query.urgency || query.from || query.to);
  const total = search.data?.total ?? 0;

  let results;
  if (query.q === '') {
    results = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="请输入关键词，搜索诉求内容、地址和答复。" />;
  } else if (search.isError && !search.isFetching) {
    results = (
      <Alert
        type="error"
        role="alert"
        showIcon
        title="搜索失败"
        description={errorMessage(search.error)}
        action={
          <Button size="small" onClick={() => void search.refetch()}>
            重试
          </Button>
        }
      />
    );
  } else {
    results = (
      <>
        <p className="search-summary" role="status" data-testid="search-summary">
          {search.data && !search.isPlaceholderData
            ? `“${query.q}”${filtered ? '（已按筛选条件）' : ''}${search.data?.totalIsExact === false ? '找到至少' : '共找到'} ${total} 条诉求`
            : '正在搜索…'}
        </p>
        <div data-testid="search-table">
          <Table<AppealSearchHit>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={search.data?.items ?? []}
            loading={search.isFetching}
            locale={{
              emptyText: search.data ? (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    filtered
                      ? `在所选条件下没有找到与“${query.q}”相关的诉求，可以放宽筛选条件再试。`
                      : `没有找到与“${query.q}”相关的诉求，可以换个说法或少输几个字再试。`
                  }
                />
              ) : (
                '正在搜索…'
              ),
            }}
            onRow={(record) =>
              ({
                'data-testid': `search-row-${record.trackingNo}`,
                onClick: () => void navigate(`/console/appeals/${record.id}`),
                style: { cursor: 'pointer' },
              }) as HTMLAttributes<HTMLElement>
            }
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total,
              showSizeChanger: true,
              showTotal: (count) => `共 ${count} 条`,
              onChange: (page, pageSize) => update({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
            }}
          />
        </div>
      </>
    );
  }

  return (
    <>
      <PageTitle title="搜索诉求" />
      <section className="console-panel" aria-label="搜索条件">
        <Form<FilterValues> form={form} name="search-filter" layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
          <Form.Item label="关键词" name="q" rules={[{ required: true, whitespace: true, message: '请输入要搜索的内容' }]}>
            <Input allowClear placeholder="内容、地址或答复中的词语" style={{ width: 240 }} maxLength={SEARCH_MAX_LENGTH} />
          </Form.Item>
          <AppealFilterFields categories={categories.data} units={intake ? (units.data ?? []) : undefined} />
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="search-submit">
                搜索
              </Button>
              <Button onClick={onReset}>重置筛选</Button>
            </Space>
          </Form.Item>
        </Form>
      </section>
      <section className="console-panel" aria-label="搜索结果列表">
        {results}
      </section>
    </>
  );
}
