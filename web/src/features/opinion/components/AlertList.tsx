import { App, Button, Checkbox, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../../shared/format';
import { errorMessage } from '../../../shared/http';
import { useAcknowledgeAlert, useRespondToAlert } from '../queries';
import { ALERT_STATE_LABELS, type AlertState, type OpinionAlert } from '../types';

const STATE_COLORS: Record<AlertState, string> = { open: 'red', acknowledged: 'orange', responded: 'green' };

function RespondModal({ alert, onClose }: { alert: OpinionAlert; onClose: () => void }) {
  const { message } = App.useApp();
  const respond = useRespondToAlert();
  const [form] = Form.useForm<{ text: string; publish: boolean }>();
  const submit = async ({ text, publish }: { text: string; publish: boolean }) => {
    try {
      await respond.mutateAsync({ id: alert.id, body: { version: alert.version, text, publish } });
      message.success(publish ? '回应已保存并发布到公开栏' : '回应已保存');
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Modal
      open
      title={`回应：“${alert.term}”相关诉求`}
      okText="保存回应"
      cancelText="取消"
      confirmLoading={respond.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ text: alert.responseText ?? '', publish: alert.publishedAt !== null }}
      >
        <Form.Item
          name="text"
          label="回应内容（查明的情况、已采取和将采取的措施）"
          rules={[
            { required: true, message: '请填写回应内容' },
            { min: 10, message: '回应内容至少 10 个字' },
          ]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="publish" valuePropName="checked">
          <Checkbox>发布到公开栏（引导舆情，群众可见）</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The surge alerts of the viewer's organisations, newest first, with 知悉 and 回应. */
export function AlertList({ alerts, highlight }: { alerts: OpinionAlert[]; highlight: string | null }) {
  const { message } = App.useApp();
  const acknowledge = useAcknowledgeAlert();
  const [responding, setResponding] = useState<OpinionAlert | null>(null);
  const onAcknowledge = async (alert: OpinionAlert) => {
    try {
      await acknowledge.mutateAsync({ id: alert.id, version: alert.version });
      message.success('已标记为知悉');
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <List
        dataSource={alerts}
        locale={{ emptyText: '暂无预警' }}
        renderItem={(alert) => (
          <List.Item
            className={alert.id === highlight ? 'opinion-alert-highlight' : undefined}
            data-testid={`alert-${alert.id}`}
            actions={[
              alert.state === 'open' ? (
                <Button key="ack" size="small" onClick={() => onAcknowledge(alert)} loading={acknowledge.isPending}>
                  知悉
                </Button>
              ) : null,
              <Button
                key="respond"
                size="small"
                type={alert.state === 'responded' ? 'default' : 'primary'}
                onClick={() => setResponding(alert)}
              >
                {alert.state === 'responded' ? '修改回应' : '回应'}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={STATE_COLORS[alert.state]}>{ALERT_STATE_LABELS[alert.state]}</Tag>
                  <span>“{alert.term}”相关诉求激增</span>
                  {alert.publishedAt ? <Tag color="blue">已发布到公开栏</Tag> : null}
                </Space>
              }
              description={
                <>
                  <div>
                    {alert.orgName} · 昨天和今天 {alert.observed} 件，按以往约 {alert.expected.toFixed(1)} 件 · 发现于{' '}
                    {formatDateTime(alert.raisedAt)}
                  </div>
                  {alert.relatedTerms.length > 0 ? <div>相关词：{alert.relatedTerms.join('、')}</div> : null}
                  {alert.acknowledgedBy ? (
                    <div>
                      {alert.acknowledgedBy} 于 {formatDateTime(alert.acknowledgedAt!)} 知悉
                    </div>
                  ) : null}
                  {alert.responseText ? (
                    <Typography.Paragraph style={{ marginBottom: 0 }}>
                      回应（{alert.respondedBy}）：{alert.responseText}
                    </Typography.Paragraph>
                  ) : null}
                </>
              }
            />
          </List.Item>
        )}
      />
      {responding ? <RespondModal alert={responding} onClose={() => setResponding(null)} /> : null}
    </>
  );
}
