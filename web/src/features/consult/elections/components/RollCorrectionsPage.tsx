import { App, Button, Form, Input, Modal, Radio, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { PageTitle } from '../../../../console/PageTitle';
import { errorMessage } from '../../../../shared/http';
import { useAdminUsers } from '../../../admin/queries';
import { useDebouncedValue } from '../../../search/useDebouncedValue';
import { useCorrectRoll, useOpenRolls } from '../queries';
import type { OpenRoll, RollCorrection } from '../types';

function PersonPicker({ value, onChange }: { value?: string; onChange?: (userId: string) => void }) {
  const [q, setQ] = useState('');
  // Each lookup of accounts is audited: one per pause in typing, not one per key.
  const typed = useDebouncedValue(q.trim(), 300);
  const users = useAdminUsers({ q: typed || undefined, pageSize: 20 });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder="输入姓名或用户名查找"
      loading={users.isFetching}
      notFoundContent={users.isFetching ? '正在查找' : '没有找到'}
      options={(users.data?.items ?? [])
        .filter((user) => user.adminRole === null)
        .map((user) => ({ value: user.id, label: `${user.displayName}（${user.username}，${user.orgName}）` }))}
      aria-label="人员"
    />
  );
}

function CorrectionForm({ roll, onClose }: { roll: OpenRoll; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RollCorrection>();
  const correct = useCorrectRoll();
  const onFinish = (body: RollCorrection) =>
    correct.mutate(
      { electionId: roll.id, body },
      {
        onSuccess: () => {
          void message.success(body.change === 'add' ? '已加入投票名单，并记入审计日志' : '已移出投票名单，并记入审计日志');
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={`更正投票名单：${roll.title}`}
      okText="提交更正"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={correct.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        名单在开始投票时已冻结。只更正确有错漏的人员（如开票前已转入的党员），写明理由；已投票的人不能移出。每次更正都记入审计日志。
      </Typography.Paragraph>
      <Form<RollCorrection> form={form} layout="vertical" name="roll" initialValues={{ change: 'add' }} onFinish={onFinish}>
        <Form.Item label="人员" name="userId" rules={[{ required: true, message: '请选择人员' }]}>
          <PersonPicker />
        </Form.Item>
        <Form.Item label="更正" name="change">
          <Radio.Group
            options={[
              { value: 'add', label: '加入名单' },
              { value: 'remove', label: '移出名单' },
            ]}
          />
        </Form.Item>
        <Form.Item label="理由" name="reason" rules={[{ required: true, min: 5, message: '请写明更正理由（至少 5 字）' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {correct.isError ? (
        <Typography.Text type="danger" role="alert">
          {errorMessage(correct.error)}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}

/** 安全管理员: the frozen rolls of elections in voting, and their corrections (VO-07). */
export default function RollCorrectionsPage() {
  const rolls = useOpenRolls();
  const [editing, setEditing] = useState<OpenRoll | null>(null);
  const columns: ColumnsType<OpenRoll> = [
    { title: '评选', dataIndex: 'title' },
    { title: '组织', dataIndex: 'orgName', width: 200 },
    { title: '投票截止', dataIndex: 'votingEndsOn', width: 120 },
    { title: '名单人数', dataIndex: 'eligible', width: 100 },
    { title: '已投票', dataIndex: 'voted', width: 100 },
    {
      title: '操作',
      width: 120,
      render: (_, roll) => (
        <Button size="small" onClick={() => setEditing(roll)}>
          更正名单
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageTitle title="投票名单更正" />
      <section className="console-panel" aria-label="投票中的评选">
        {rolls.isError ? (
          <p role="alert">{errorMessage(rolls.error)}</p>
        ) : (
          <Table<OpenRoll>
            rowKey="id"
            columns={columns}
            dataSource={rolls.data?.items ?? []}
            loading={rolls.isLoading}
            pagination={false}
            locale={{ emptyText: '目前没有投票中的评选' }}
          />
        )}
      </section>
      {editing ? <CorrectionForm roll={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
