import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Space } from 'antd';
import { useEffect } from 'react';
import { errorMessage } from '../../../../../shared/http';
import { useConclude, useRecordMinutes } from '../../queries';
import type { HearingDetail } from '../../types';

interface LinkValues {
  label: string;
  target: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A link names an article filed on the platform (its id) or a page elsewhere (its address). */
const linkOf = ({ label, target }: LinkValues) =>
  UUID.test(target.trim()) ? { label, articleId: target.trim(), url: null } : { label, articleId: null, url: target.trim() };

/** 会议纪要 and 议定结果: the minutes after the meeting, then the outcome with links to what carries it out. */
export function OutcomePanel({ hearing }: { hearing: HearingDetail }) {
  const { message } = App.useApp();
  const minutes = useRecordMinutes(hearing.id);
  const conclude = useConclude(hearing.id);
  const [minutesForm] = Form.useForm<{ minutes: string }>();
  useEffect(() => minutesForm.setFieldsValue({ minutes: hearing.minutes ?? '' }), [minutesForm, hearing.minutes]);

  return (
    <section className="console-panel" aria-labelledby="outcome-title">
      <h2 id="outcome-title">纪要与结果</h2>
      {hearing.allowedActions.includes('recordMinutes') ? (
        <Form
          form={minutesForm}
          name="minutes"
          layout="vertical"
          onFinish={({ minutes: text }) =>
            minutes.mutate(text, {
              onSuccess: () => void message.success('纪要已保存'),
              onError: (error) => void message.error(errorMessage(error)),
            })
          }
        >
          <Form.Item label="会议纪要" name="minutes" rules={[{ required: true, whitespace: true, message: '请填写会议纪要' }]}>
            <Input.TextArea rows={6} maxLength={50_000} />
          </Form.Item>
          <Button htmlType="submit" loading={minutes.isPending}>
            保存纪要
          </Button>
        </Form>
      ) : (
        <p>会议召开后可填写纪要。</p>
      )}
      {hearing.allowedActions.includes('conclude') ? (
        <Form<{ outcome: string; links: LinkValues[] }>
          name="outcome"
          layout="vertical"
          style={{ marginTop: 24 }}
          initialValues={{ links: [] }}
          onFinish={({ outcome, links }) =>
            conclude.mutate(
              { outcome, links: (links ?? []).map(linkOf), version: hearing.version },
              { onSuccess: () => void message.success('结果已公布'), onError: (error) => void message.error(errorMessage(error)) },
            )
          }
        >
          <Form.Item label="议定结果" name="outcome" rules={[{ required: true, whitespace: true, message: '请填写议定结果' }]}>
            <Input.TextArea rows={5} maxLength={20_000} data-testid="outcome-text" />
          </Form.Item>
          <Form.List name="links">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'label']} rules={[{ required: true, message: '请填写说明' }]}>
                      <Input placeholder="说明，如：实施方案" aria-label="链接说明" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'target']} rules={[{ required: true, message: '请填写文章编号或网址' }]}>
                      <Input placeholder="文章编号，或 https:// 开头的网址" style={{ width: 340 }} aria-label="文章编号或网址" />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除链接" onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    添加关联链接
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={conclude.isPending}>
            公布结果
          </Button>
        </Form>
      ) : hearing.outcome ? (
        <div style={{ marginTop: 24 }}>
          <h3>已公布的结果</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{hearing.outcome}</p>
          <a href={`/h5/hearings/${hearing.id}/outcome`}>查看公开页面</a>
        </div>
      ) : null}
    </section>
  );
}
