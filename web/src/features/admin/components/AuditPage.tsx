import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState, type CSSProperties } from 'react';
import { PageTitle } from '../../../console/PageTitle';
import { errorMessage } from '../../../shared/http';
import { formatDateTime } from '../../../shared/format';
import { useAuditLog, useVerifyAudit } from '../queries';
import type { AuditEntry, AuditQuery } from '../types';

const OUTCOMES: Record<string, { label: string; style: CSSProperties }> = {
  success: { label: '成功', style: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' } },
  failure: { label: '失败', style: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' } },
  denied: { label: '拒绝', style: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' } },
};

interface FilterValues {
  eventType?: string;
  targetId?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** 审计管理员: the tamper-evident audit log, with a check of its hash chain. */
export default function AuditPage() {
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const audit = useAuditLog(query);
  const verify = useVerifyAudit();

  const columns: ColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'ts', width: 160, render: (ts: string) => formatDateTime(ts) },
    { title: '事件', dataIndex: 'eventType', width: 200 },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 80,
      render: (outcome: string) => <Tag style={OUTCOMES[outcome]?.style}>{OUTCOMES[outcome]?.label ?? outcome}</Tag>,
    },
    { title: '操作人ID', dataIndex: 'actorId', width: 140, ellipsis: true, render: (id: string | null) => id ?? '—' },
    { title: '角色', dataIndex: 'actorRole', width: 110, render: (role: string | null) => role ?? '—' },
    {
      title: '对象',
      key: 'target',
      render: (_, entry) => (entry.targetType ? `${entry.targetType}${entry.targetId ? `：${entry.targetId}` : ''}` : '—'),
    },
    { title: '理由', dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
    { title: '来源IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
  ];

  const onFilter = (values: FilterValues) =>
    setQuery({
      page: 1,
      pageSize: query.pageSize,
      eventType: values.eventType?.trim() || undefined,
      targetId: values.targetId?.trim() || undefined,
      // The route takes instants with an offset; a picked day runs from its local midnight to the next.
      from: values.dates?.[0]?.startOf('day').format(),
      to: values.dates?.[1]?.add(1, 'day').startOf('day').format(),
    });

  return (
    <>
      <PageTitle
        title="审计日志"
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            校验日志完整性
          </Button>
        }
      />
      {verify.data ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          role="status"
          title={
            verify.data.ok
              ? `校验通过：共 ${verify.data.checked} 条记录，哈希链完整。`
              : `校验未通过：第 ${verify.data.brokenAt ?? '?'} 条记录处哈希链断裂，日志可能被篡改。`
          }
        />
      ) : null}
      {verify.isError ? <Alert style={{ marginBottom: 16 }} type="error" showIcon title={errorMessage(verify.error)} /> : null}
      <section className="console-panel" aria-label="审计记录">
        <Form<FilterValues> layout="inline" name="audit-filter" onFinish={onFilter} style={{ marginBottom: 16, rowGap: 12 }}>
          <Form.Item label="事件类型" name="eventType">
            <Input allowClear placeholder="如 auth.login" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="对象ID" name="targetId">
            <Input allowClear placeholder="用户、诉求等的ID" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label="日期" name="dates">
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
        <div data-testid="audit-table">
          <Table<AuditEntry>
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={audit.data?.items ?? []}
            loading={audit.isFetching}
            locale={{ emptyText: audit.isError ? errorMessage(audit.error) : '暂无记录' }}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: audit.data?.total ?? 0,
              showTotal: (total) => `共 ${total} 条`,
              onChange: (page, pageSize) => setQuery({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
            }}
          />
        </div>
      </section>
    </>
  );
}
