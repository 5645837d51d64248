import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { useSaveAndOpen } from '../../../../console/useSaveAndOpen';
import { PageTitle } from '../../../../console/PageTitle';
import { errorMessage } from '../../../../shared/http';
import { useCreateElection, useEditElection, useElectionDetail } from '../queries';
import type { ElectionDetail, ElectionFields } from '../types';

interface FormValues {
  title: string;
  description: string;
  audience: ('members' | 'masses')[];
  maxChoices: number;
  nomination: [Dayjs, Dayjs];
  voting: [Dayjs, Dayjs];
  publicityDays: number;
}

const DAY = 'YYYY-MM-DD';

const fieldsOf = (values: FormValues): ElectionFields => ({
  title: values.title,
  description: values.description ?? '',
  audienceMembers: values.audience.includes('members'),
  audienceMasses: values.audience.includes('masses'),
  maxChoices: values.maxChoices,
  nominationStartsOn: values.nomination[0].format(DAY),
  nominationEndsOn: values.nomination[1].format(DAY),
  votingStartsOn: values.voting[0].format(DAY),
  votingEndsOn: values.voting[1].format(DAY),
  publicityDays: values.publicityDays,
});

const valuesOf = (election: ElectionDetail): FormValues => ({
  title: election.title,
  description: election.description,
  audience: [...(election.audienceMembers ? (['members'] as const) : []), ...(election.audienceMasses ? (['masses'] as const) : [])],
  maxChoices: election.maxChoices,
  nomination: [dayjs(election.nominationStartsOn), dayjs(election.nominationEndsOn)],
  voting: [dayjs(election.votingStartsOn), dayjs(election.votingEndsOn)],
  publicityDays: election.publicityDays,
});

function ElectionForm({ initial, onSubmit, busy }: { initial?: FormValues; onSubmit: (fields: ElectionFields) => void; busy: boolean }) {
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    if (initial) {
      form.setFieldsValue(initial);
    }
  }, [form, initial]);
  return (
    <Form<FormValues>
      form={form}
      name="election"
      layout="vertical"
      style={{ maxWidth: 720 }}
      initialValues={{ audience: ['members'], maxChoices: 3, publicityDays: 5 }}
      onFinish={(values) => onSubmit(fieldsOf(values))}
    >
      <Form.Item label="评选名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写评选名称' }]}>
        <Input maxLength={100} placeholder="如：2026 年度“最美党员”评选" />
      </Form.Item>
      <Form.Item label="评选说明" name="description">
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item label="参与对象" name="audience" rules={[{ required: true, message: '请至少选择一类参与对象' }]}>
        <Checkbox.Group
          options={[
            { label: '本组织及下级的党员', value: 'members' },
            { label: '登录的群众', value: 'masses' },
          ]}
        />
      </Form.Item>
      <Form.Item label="每人最多可选" name="maxChoices" rules={[{ required: true, message: '请填写每人最多可选几人' }]}>
        <InputNumber min={1} max={50} addonAfter="人" />
      </Form.Item>
      <Form.Item label="提名阶段" name="nomination" rules={[{ required: true, message: '请选择提名起止日期' }]}>
        <DatePicker.RangePicker />
      </Form.Item>
      <Form.Item label="投票阶段" name="voting" rules={[{ required: true, message: '请选择投票起止日期' }]}>
        <DatePicker.RangePicker />
      </Form.Item>
      <Form.Item label="公示天数" name="publicityDays" rules={[{ required: true, message: '请填写公示天数' }]}>
        <InputNumber min={1} max={30} addonAfter="天" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Space>
    </Form>
  );
}

/** 发起评选. */
export function ElectionCreatePage() {
  const create = useCreateElection();
  const save = useSaveAndOpen(create, (detail) => `/console/elections/${detail.id}`);
  return (
    <>
      <PageTitle title="发起评选" />
      <section className="console-panel">
        <ElectionForm busy={create.isPending} onSubmit={save} />
      </section>
    </>
  );
}

/** 修改评选: while nominations run. */
export function ElectionEditPage() {
  const { id = '' } = useParams();
  const detail = useElectionDetail(id);
  const edit = useEditElection(id);
  const save = useSaveAndOpen(edit, (saved) => `/console/elections/${saved.id}`);
  const election = detail.data;
  return (
    <>
      <PageTitle title="修改评选" />
      <section className="console-panel">
        {election ? (
          <ElectionForm
            initial={valuesOf(election)}
            busy={edit.isPending}
            onSubmit={(fields) => save({ ...fields, version: election.version })}
          />
        ) : detail.isError ? (
          <p role="alert">{errorMessage(detail.error)}</p>
        ) : null}
      </section>
    </>
  );
}
