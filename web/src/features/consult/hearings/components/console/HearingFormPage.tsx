import { Button, DatePicker, Form, Input, InputNumber, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { useSaveAndOpen } from '../../../../../console/useSaveAndOpen';
import { PageTitle } from '../../../../../console/PageTitle';
import { errorMessage } from '../../../../../shared/http';
import { useCreateHearing, useHearingDetail, useUpdateHearing } from '../../queries';
import {
  HEARING_AUDIENCE_LABELS,
  HEARING_AUDIENCES,
  HEARING_KIND_LABELS,
  HEARING_KINDS,
  type HearingDetail,
  type HearingFields,
} from '../../types';

interface FormValues {
  kind: HearingFields['kind'];
  audience: HearingFields['audience'];
  topic: string;
  background: string;
  place: string;
  meeting: [Dayjs, Dayjs];
  registration: [Dayjs, Dayjs];
  capacity: number;
  speakerCap: number;
}

// With the browser's offset, so the server stores the instant the organizer meant.
const instant = (time: Dayjs) => time.second(0).millisecond(0).format();

const fieldsOf = (values: FormValues): HearingFields => ({
  kind: values.kind,
  audience: values.audience,
  topic: values.topic,
  background: values.background,
  place: values.place,
  startsAt: instant(values.meeting[0]),
  endsAt: instant(values.meeting[1]),
  registrationOpensAt: instant(values.registration[0]),
  registrationClosesAt: instant(values.registration[1]),
  capacity: values.capacity,
  speakerCap: values.speakerCap,
});

const valuesOf = (hearing: HearingDetail): FormValues => ({
  kind: hearing.kind,
  audience: hearing.audience,
  topic: hearing.topic,
  background: hearing.background,
  place: hearing.place,
  meeting: [dayjs(hearing.startsAt), dayjs(hearing.endsAt)],
  registration: [dayjs(hearing.registrationOpensAt), dayjs(hearing.registrationClosesAt)],
  capacity: hearing.capacity,
  speakerCap: hearing.speakerCap,
});

function HearingForm({
  initial,
  onSubmit,
  busy,
  published,
}: {
  initial?: FormValues;
  onSubmit: (fields: HearingFields) => void;
  busy: boolean;
  published?: boolean;
}) {
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    if (initial) {
      form.setFieldsValue(initial);
    }
  }, [form, initial]);
  return (
    <Form<FormValues>
      form={form}
      name="hearing"
      layout="vertical"
      style={{ maxWidth: 720 }}
      initialValues={{ kind: 'hearing', audience: 'public', capacity: 50, speakerCap: 10 }}
      onFinish={(values) => onSubmit(fieldsOf(values))}
    >
      <Form.Item label="会议形式" name="kind" rules={[{ required: true }]}>
        <Radio.Group options={HEARING_KINDS.map((kind) => ({ value: kind, label: HEARING_KIND_LABELS[kind] }))} />
      </Form.Item>
      <Form.Item label="面向" name="audience" rules={[{ required: true }]} extra={published ? '发布后不能更改面向范围' : undefined}>
        <Radio.Group
          disabled={published}
          options={HEARING_AUDIENCES.map((audience) => ({ value: audience, label: HEARING_AUDIENCE_LABELS[audience] }))}
        />
      </Form.Item>
      <Form.Item label="议题" name="topic" rules={[{ required: true, whitespace: true, message: '请填写议题' }, { max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="背景介绍" name="background" rules={[{ required: true, whitespace: true, message: '请填写背景介绍' }]}>
        <Input.TextArea rows={6} maxLength={20_000} showCount />
      </Form.Item>
      <Form.Item label="会议地点" name="place" rules={[{ required: true, whitespace: true, message: '请填写会议地点' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="会议时间" name="meeting" rules={[{ required: true, message: '请选择会议时间' }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item
        label="报名时间"
        name="registration"
        rules={[{ required: true, message: '请选择报名时间' }]}
        extra="报名应在会议开始前截止"
      >
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Space size="large">
        <Form.Item label="名额" name="capacity" rules={[{ required: true }]} extra="报满后的报名进入候补，有人取消时依次递补">
          <InputNumber min={1} max={10_000} />
        </Form.Item>
        <Form.Item label="发言人数上限" name="speakerCap" rules={[{ required: true }]}>
          <InputNumber min={0} max={1_000} />
        </Form.Item>
      </Space>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form.Item>
    </Form>
  );
}

export function HearingCreatePage() {
  const create = useCreateHearing();
  const save = useSaveAndOpen(create, (hearing) => `/console/hearings/${hearing.id}`);
  return (
    <>
      <PageTitle title="新建会议" />
      <section className="console-panel">
        <HearingForm busy={create.isPending} onSubmit={save} />
      </section>
    </>
  );
}

export function HearingEditPage() {
  const { id = '' } = useParams();
  const detail = useHearingDetail(id);
  const update = useUpdateHearing(id);
  const save = useSaveAndOpen(update, () => `/console/hearings/${id}`);
  const hearing = detail.data;
  return (
    <>
      <PageTitle title="修改会议信息" />
      <section className="console-panel">
        {detail.isError ? (
          <p role="alert">{errorMessage(detail.error)}</p>
        ) : hearing ? (
          <HearingForm
            initial={valuesOf(hearing)}
            published={hearing.state !== 'draft'}
            busy={update.isPending}
            onSubmit={(fields) =>
              save({ ...fields, audience: hearing.state === 'draft' ? fields.audience : undefined, version: hearing.version })
            }
          />
        ) : null}
      </section>
    </>
  );
}
