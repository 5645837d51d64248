import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../../console/PageTitle';
import { errorMessage, toQuery } from '../../../shared/http';
import { formatDateTime } from '../../../shared/format';
import { hasRole } from '../../auth/types';
import { useMe } from '../../auth/queries';
import { useArticleList } from '../queries';
import {
  ARTICLE_KIND_LABELS,
  ARTICLE_KINDS,
  ARTICLE_WORKER_ROLES,
  type ArticleKind,
  type ArticleListQuery,
  type ArticleSummary,
} from '../types';

interface FilterValues {
  q?: string;
  kind?: ArticleKind;
}

/** The list's query lives in the URL, so coming back from an article finds the same page. */
function queryFrom(params: URLSearchParams): ArticleListQuery {
  const kind = params.get('kind');
  return {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(100, Math.max(1, Number(params.get('pageSize')) || 20)),
    q: params.get('q') || undefined,
    kind: ARTICLE_KINDS.find((known) => known === kind),
  };
}

const columns: ColumnsType<ArticleSummary> = [
  { title: '标题', dataIndex: 'title', render: (title: string, record) => <Link to={`/console/articles/${record.id}`}>{title}</Link> },
  { title: '类别', dataIndex: 'kindLabel', width: 100 },
  { title: '作者', dataIndex: 'author', width: 120, render: (author: string | null) => author ?? '—' },
  {
    title: '期刊',
    dataIndex: 'journal',
    width: 180,
    render: (journal: string | null, record) => (journal ? `${journal}${record.issue ? ` ${record.issue}` : ''}` : '—'),
  },
  { title: '发表日期', dataIndex: 'publishedOn', width: 120, render: (date: string | null) => date ?? '—' },
  { title: '所属组织', dataIndex: 'orgName', width: 160 },
  { title: '导入时间', dataIndex: 'createdAt', width: 150, render: (at: string) => formatDateTime(at) },
];

/** 文章: the study materials and news of the reader's organisation tree. */
export default function ArticleListPage() {
  const me = useMe().data!;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFrom(params), [params]);
  const list = useArticleList(query);
  const [form] = Form.useForm<FilterValues>();

  useEffect(() => {
    form.setFieldsValue({ q: query.q, kind: query.kind });
  }, [form, query]);

  const go = (next: ArticleListQuery) => setParams(new URLSearchParams(toQuery({ ...next }).slice(1)));

  return (
    <>
      <PageTitle
        title="文章"
        extra={
          hasRole(me, ...ARTICLE_WORKER_ROLES) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/console/article-import')}>
              导入文章
            </Button>
          ) : null
        }
      />
      <section className="console-panel" aria-label="筛选条件">
        <Form<FilterValues>
          form={form}
          name="article-filter"
          layout="inline"
          onFinish={(values) => go({ page: 1, pageSize: query.pageSize, q: values.q?.trim() || undefined, kind: values.kind })}
        >
          <Form.Item label="标题" name="q">
            <Input allowClear placeholder="标题中的字词" style={{ width: 220 }} maxLength={100} />
          </Form.Item>
          <Form.Item label="类别" name="kind">
            <Select
              allowClear
              placeholder="全部类别"
              style={{ width: 140 }}
              options={ARTICLE_KINDS.map((kind) => ({ value: kind, label: ARTICLE_KIND_LABELS[kind] }))}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  go({ page: 1, pageSize: query.pageSize });
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </section>
      <section className="console-panel" aria-label="文章列表">
        <Table<ArticleSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: list.isError ? errorMessage(list.error) : '暂无文章' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 篇`,
            onChange: (page, pageSize) => go({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
          }}
        />
      </section>
    </>
  );
}
