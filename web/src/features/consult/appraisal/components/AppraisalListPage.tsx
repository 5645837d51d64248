import { App, Button, Form, InputNumber, Modal, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PagedTable } from '../../../../console/PagedTable';
import { PageTitle } from '../../../../console/PageTitle';
import { errorMessage } from '../../../../shared/http';
import { hasRole } from '../../../auth/types';
import { useMe } from '../../../auth/queries';
import { CONSULT_MANAGER_ROLES } from '../../elections/types';
import { useAppraisalList, useBranches, useCreateAppraisal } from '../queries';
import type { AppraisalSummary } from '../types';

const columns: ColumnsType<AppraisalSummary> = [
  {
    title: '民主评议',
    dataIndex: 'title',
    render: (title: string, record) => <Link to={`/console/appraisals/${record.id}`}>{title}</Link>,
  },
  { title: '党支部', dataIndex: 'orgName', width: 200 },
  { title: '年度', dataIndex: 'year', width: 90 },
  { title: '阶段', dataIndex: 'stateLabel', width: 110, render: (label: string) => <Tag color="blue">{label}</Tag> },
];

function CreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const branches = useBranches(open);
  const create = useCreateAppraisal();
  const [form] = Form.useForm<{ orgId: string; year: number }>();
  return (
    <Modal
      title="发起年度民主评议"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="发起"
      cancelText="取消"
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        name="create-appraisal"
        layout="vertical"
        initialValues={{ year: new Date().getFullYear() }}
        onFinish={(values) =>
          create.mutate(values, {
            onSuccess: (detail) => void navigate(`/console/appraisals/${detail.id}`),
            onError: (error) => void message.error(errorMessage(error)),
          })
        }
      >
        <Form.Item label="党支部" name="orgId" rules={[{ required: true, message: '请选择党支部' }]}>
          <Select
            loading={branches.isLoading}
            options={(branches.data ?? []).map((branch) => ({ value: branch.id, label: branch.name }))}
          />
        </Form.Item>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 民主评议党员: the branches' yearly appraisals the committee reaches. */
export default function AppraisalListPage() {
  const me = useMe().data!;
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useAppraisalList(page);
  return (
    <>
      <PageTitle
        title="民主评议党员"
        extra={
          hasRole(me, ...CONSULT_MANAGER_ROLES) ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              发起民主评议
            </Button>
          ) : null
        }
      />
      <PagedTable list={list} columns={columns} page={page} onPage={setPage} />
      <CreateDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
