import { Form, Select, Table } from 'antd';
import { useState } from 'react';
import { PageTitle } from '../../../../console/PageTitle';
import { errorMessage } from '../../../../shared/http';
import { formatDate } from '../../../../shared/format';
import { SATISFACTION_LABELS } from '../../labels';
import { useBoard, useCategories } from '../../queries';
import type { BoardItem } from '../../types';

/** What residents see on the public board, for workers to check what is published. */
export default function ConsoleBoardPage() {
  const categories = useCategories();
  const [categoryCode, setCategoryCode] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const board = useBoard({ page, pageSize, categoryCode });

  return (
    <>
      <PageTitle title="公开栏" />
      <section className="console-panel" aria-label="公开栏内容">
        <Form layout="inline" name="board-filter" style={{ marginBottom: 16 }}>
          <Form.Item label="类别" htmlFor="board-category">
            <Select
              id="board-category"
              allowClear
              placeholder="全部类别"
              style={{ width: 200 }}
              value={categoryCode}
              onChange={(value?: string) => {
                setCategoryCode(value);
                setPage(1);
              }}
              options={(categories.data ?? []).map((category) => ({
                value: category.code,
                label: `${category.typeLabel}·${category.name}`,
              }))}
            />
          </Form.Item>
        </Form>
        <Table<BoardItem>
          rowKey="trackingNo"
          loading={board.isFetching}
          dataSource={board.data?.items ?? []}
          locale={{ emptyText: board.isError ? errorMessage(board.error) : '暂无公开的诉求' }}
          pagination={{
            current: page,
            pageSize,
            total: board.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (next, size) => {
              setPage(size === pageSize ? next : 1);
              setPageSize(size);
            },
          }}
          columns={[
            { title: '受理编号', dataIndex: 'trackingNo', width: 170 },
            { title: '类别', dataIndex: 'categoryName', width: 120 },
            { title: '诉求内容', dataIndex: 'content', render: (text: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> },
            {
              title: '答复',
              dataIndex: 'replyText',
              render: (text: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{text ?? '—'}</span>,
            },
            { title: '承办单位', dataIndex: 'unitName', width: 140, render: (name: string | null) => name ?? '—' },
            {
              title: '评价',
              dataIndex: 'satisfaction',
              width: 100,
              render: (value: BoardItem['satisfaction']) => (value ? SATISFACTION_LABELS[value] : '—'),
            },
            { title: '提交日期', dataIndex: 'receivedAt', width: 120, render: (at: string) => formatDate(at) },
          ]}
        />
      </section>
    </>
  );
}
