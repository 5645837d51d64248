import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../../shared/http';
import { useReveal } from '../../queries';
import type { RevealResult } from '../../types';

/** The handler sees the full contact only after giving a reason; the server records it in the audit log. */
export function RevealContact({ appealId, onRevealed }: { appealId: string; onRevealed: (contact: RevealResult) => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useReveal(appealId);

  const onFinish = ({ reason }: { reason: string }) => {
    reveal.mutate(reason.trim(), {
      onSuccess: (contact) => {
        onRevealed(contact);
        setOpen(false);
      },
      onError: (error) => void message.error(errorMessage(error)),
    });
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="reveal-contact">
        查看完整信息
      </Button>
      <Modal
        open={open}
        title="查看群众完整联系方式"
        okText="查看"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={reveal.isPending}
        destroyOnHidden
      >
        <p>查看将被记录在审计日志中，请说明用途。</p>
        <Form form={form} layout="vertical" name="reveal" onFinish={onFinish} preserve={false}>
          <Form.Item
            label="查看理由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写查看理由' },
              { min: 2, message: '理由至少 2 个字' },
              { max: 200, message: '理由不能超过 200 字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如：电话联系群众了解现场情况" data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
