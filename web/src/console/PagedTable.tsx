import { PlusOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../shared/http';

export const CONSOLE_PAGE_SIZE = 20;

/** A console list: one page of the server's rows, or what went wrong in words. */
export function PagedTable<T extends { id: string }>({
  list,
  columns,
  page,
  onPage,
}: {
  list: UseQueryResult<{ items: T[]; total: number }>;
  columns: ColumnsType<T>;
  page: number;
  onPage: (page: number) => void;
}) {
  return (
    <section className="console-panel">
      {list.isError ? (
        <p role="alert">{errorMessage(list.error)}</p>
      ) : (
        <Table<T>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          pagination={{
            current: page,
            pageSize: CONSOLE_PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: onPage,
            showSizeChanger: false,
          }}
        />
      )}
    </section>
  );
}

/** The page title's button that starts a new record on its own page. */
export function CreateButton({ to, children }: { to: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(to)}>
      {children}
    </Button>
  );
}
