import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { formatDateTime } from '../../../../../shared/format';
import { errorMessage } from '../../../../../shared/http';
import { useRegistrations, useReveal, useSelectSpeaker } from '../../queries';
import type { HearingDetail, RegistrationRow, RegistrationStatus } from '../../types';

const STATUS_COLORS: Record<RegistrationStatus, string> = { registered: 'green', waitlisted: 'orange', cancelled: 'default' };

/** The full number only after a reason is given; the server records it in the audit log (as for appeals). */
function RevealPhone({ hearingId, registration }: { hearingId: string; registration: RegistrationRow }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useReveal(hearingId);
  if (phone) {
    return <span>{phone}</span>;
  }
  return (
    <>
      {registration.phoneMasked}{' '}
      <Button size="small" type="link" onClick={() => setOpen(true)} aria-label={`查看 ${registration.name} 的完整手机号`}>
        查看
      </Button>
      <Modal
        open={open}
        title="查看完整手机号"
        okText="查看"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={reveal.isPending}
        destroyOnHidden
      >
        <p>查看将被记录在审计日志中，请说明用途。</p>
        <Form
          form={form}
          layout="vertical"
          name="reveal-phone"
          preserve={false}
          onFinish={({ reason }) =>
            reveal.mutate(
              { registrationId: registration.id, reason: reason.trim() },
              {
                onSuccess: (result) => {
                  setPhone(result.phone);
                  setOpen(false);
                },
                onError: (error) => void message.error(errorMessage(error)),
              },
            )
          }
        >
          <Form.Item label="查看理由" name="reason" rules={[{ required: true, whitespace: true, min: 2, message: '请填写查看理由' }]}>
            <Input.TextArea rows={3} maxLength={200} placeholder="例如：电话通知会议改期" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 报名名单: the registered in order of arrival, then the waitlist; speakers are chosen here. */
export function RegistrationsPanel({ hearing }: { hearing: HearingDetail }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<RegistrationStatus | undefined>();
  const list = useRegistrations(hearing.id, page, status);
  const speaker = useSelectSpeaker(hearing.id);
  const canChoose = hearing.allowedActions.includes('selectSpeakers');

  const columns: ColumnsType<RegistrationRow> = [
    { title: '姓名', dataIndex: 'name', width: 110, render: (name: string, row) => (row.withAccount ? name : `${name}（未登录报名）`) },
    { title: '手机号', width: 190, render: (_, row) => <RevealPhone hearingId={hearing.id} registration={row} /> },
    {
      title: '状态',
      width: 120,
      render: (_, row) => (
        <Tag color={STATUS_COLORS[row.status]}>{row.waitlistPosition ? `候补第 ${row.waitlistPosition} 位` : row.statusLabel}</Tag>
      ),
    },
    {
      title: '观点',
      render: (_, row) =>
        row.wantsToSpeak ? (
          <Space direction="vertical" size={0}>
            <Tag color="blue">希望发言</Tag>
            {row.statement}
          </Space>
        ) : (
          (row.statement ?? '—')
        ),
    },
    {
      title: '发言人',
      width: 90,
      render: (_, row) => (
        <Switch
          size="small"
          checked={row.speaker}
          disabled={!canChoose || row.status !== 'registered'}
          aria-label={`${row.name} 为发言人`}
          onChange={(checked) =>
            speaker.mutate({ registrationId: row.id, speaker: checked }, { onError: (error) => void message.error(errorMessage(error)) })
          }
        />
      ),
    },
    { title: '签到', dataIndex: 'checkedInAt', width: 150, render: (at: string | null) => (at ? formatDateTime(at) : '—') },
  ];

  return (
    <section className="console-panel" aria-labelledby="registrations-title">
      <h2 id="registrations-title">
        报名名单（已报名 {hearing.registeredCount} / {hearing.capacity}，候补 {hearing.waitlistedCount}，发言人 {hearing.speakerCount} /{' '}
        {hearing.speakerCap}）
      </h2>
      <Select<RegistrationStatus | 'all'>
        aria-label="按状态筛选"
        value={status ?? 'all'}
        style={{ width: 160, marginBottom: 12 }}
        onChange={(value) => {
          setStatus(value === 'all' ? undefined : value);
          setPage(1);
        }}
        options={[
          { value: 'all', label: '全部' },
          { value: 'registered', label: '已报名' },
          { value: 'waitlisted', label: '候补' },
          { value: 'cancelled', label: '已取消' },
        ]}
      />
      {list.isError ? (
        <p role="alert">{errorMessage(list.error)}</p>
      ) : (
        <Table<RegistrationRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      )}
    </section>
  );
}
