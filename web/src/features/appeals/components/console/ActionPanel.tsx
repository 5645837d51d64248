import { App, Button, Form, type ButtonProps, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, errorField, errorMessage } from '../../../../shared/http';
import { useUnits } from '../../../orgs/queries';
import { appealsApi } from '../../api';
import { ACTION_LABELS, actionSlug, REJECT_REASON_LABELS, SATISFACTION_LABELS } from '../../labels';
import { useAppealAction, useCategories, type ActionVariables } from '../../queries';
import { REJECT_REASONS, SATISFACTIONS, type AppealAction, type AppealDetail, type RejectReason, type Satisfaction } from '../../types';
import { TriageHint } from './TriageHint';

interface ActionValues {
  unitId?: string;
  categoryCode?: string;
  note?: string;
  reason?: string;
  reasonCode?: RejectReason;
  text?: string;
  masterId?: string;
  workdays?: number;
  satisfaction?: Satisfaction;
  resolved?: boolean;
  comment?: string;
}

interface ActionSpec {
  /** One line above the form telling what happens next. */
  hint: string;
  danger?: boolean;
  primary?: boolean;
}

const SPECS: Record<AppealAction, ActionSpec> = {
  dispatch: { hint: '派给承办单位办理，单位须在规定时间内签收。', primary: true },
  reject: { hint: '不予受理将直接结束该诉求，请选择依据。', danger: true },
  answer: { hint: '咨询类诉求可直接答复并办结，不再派单。' },
  merge: { hint: '把本诉求并入内容相同的另一件（主件），本件随主件办理。' },
  sign: { hint: '签收后开始计算办理时限，请尽快联系群众。', primary: true },
  requestReturn: { hint: '不属于本单位职责时申请退单，由受理中心审核改派。', danger: true },
  approveReturn: { hint: '同意退单，并改派给正确的承办单位。', primary: true },
  denyReturn: { hint: '驳回后仍由原单位办理。', danger: true },
  contact: { hint: '记录与群众的首次联系（电话、上门等）。', primary: true },
  requestExtension: { hint: '情况复杂、无法按期办结时申请延期，由受理中心审批。' },
  approveExtension: { hint: '同意延期，办理时限相应顺延。', primary: true },
  denyExtension: { hint: '驳回后仍按原时限办理。', danger: true },
  reply: { hint: '答复内容将告知群众，群众可据此评价。', primary: true },
  sendBack: { hint: '答复不合格，退回承办单位重新办理。', danger: true },
  acceptReply: { hint: '审核通过后，答复送达群众并进入评价。', primary: true },
  rate: { hint: '记录电话回访中群众的评价。' },
  supervise: { hint: '对该诉求挂牌督办，承办单位会收到提醒。', danger: true },
};

const reasonRules = [
  { required: true, whitespace: true, message: '请填写理由' },
  { min: 2, message: '理由至少 2 个字' },
  { max: 500, message: '理由不能超过 500 字' },
];
const noteRules = [{ max: 500, message: '不能超过 500 字' }];
const textRules = [
  { required: true, whitespace: true, message: '请填写答复内容' },
  { min: 2, message: '答复内容至少 2 个字' },
  { max: 2000, message: '答复内容不能超过 2000 字' },
];

/** The body for an action, typed per action, from the modal's form values. */
function toVariables(action: AppealAction, version: number, values: ActionValues): ActionVariables {
  const note = values.note?.trim() || undefined;
  switch (action) {
    case 'dispatch':
      return { action, body: { version, unitId: values.unitId!, categoryCode: values.categoryCode, note } };
    case 'reject':
      return { action, body: { version, reasonCode: values.reasonCode!, note } };
    case 'answer':
      return { action, body: { version, text: values.text!.trim() } };
    case 'merge':
      return { action, body: { version, masterId: values.masterId! } };
    case 'sign':
      return { action, body: { version } };
    case 'requestReturn':
      return { action, body: { version, reason: values.reason!.trim() } };
    case 'approveReturn':
      return { action, body: { version, unitId: values.unitId! } };
    case 'denyReturn':
      return { action, body: { version, reason: values.reason!.trim() } };
    case 'contact':
      return { action, body: { version, note } };
    case 'requestExtension':
      return { action, body: { version, workdays: values.workdays!, reason: values.reason!.trim() } };
    case 'approveExtension':
      return { action, body: { version } };
    case 'denyExtension':
      return { action, body: { version, reason: values.reason!.trim() } };
    case 'reply':
      return { action, body: { version, text: values.text!.trim() } };
    case 'sendBack':
      return { action, body: { version, reason: values.reason!.trim() } };
    case 'acceptReply':
      return { action, body: { version } };
    case 'rate':
      return {
        action,
        body: { version, satisfaction: values.satisfaction!, resolved: values.resolved!, comment: values.comment?.trim() || undefined },
      };
    case 'supervise':
      return { action, body: { version, note } };
  }
}

function UnitField({ label, exclude }: { label: string; exclude?: string | null }) {
  const units = useUnits();
  return (
    <Form.Item label={label} name="unitId" rules={[{ required: true, message: '请选择承办单位' }]}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择承办单位"
        loading={units.isLoading}
        options={(units.data ?? []).filter((unit) => unit.id !== exclude).map((unit) => ({ value: unit.id, label: unit.name }))}
        data-testid="field-unit"
      />
    </Form.Item>
  );
}

/** The category to dispatch under: the citizen's, unless the dispatcher (or a confident suggestion) corrects it. */
function CategoryField({ detail }: { detail: AppealDetail }) {
  const categories = useCategories();
  const form = Form.useFormInstance<ActionValues>();
  const chosen = Form.useWatch('categoryCode', form);
  const options = (categories.data ?? []).map((category) => ({ value: category.code, label: category.name }));
  // A category retired since the citizen chose it is still the appeal's until corrected.
  if (!options.some((option) => option.value === detail.categoryCode)) {
    options.unshift({ value: detail.categoryCode, label: detail.categoryName });
  }
  return (
    <Form.Item
      label="诉求类别"
      name="categoryCode"
      initialValue={detail.categoryCode}
      rules={[{ required: true, message: '请选择诉求类别' }]}
      extra={chosen && chosen !== detail.categoryCode ? `群众所选为「${detail.categoryName}」，派单后改为所选类别` : undefined}
    >
      <Select showSearch={{ optionFilterProp: 'label' }} loading={categories.isLoading} options={options} data-testid="field-category" />
    </Form.Item>
  );
}

/** Picks the master appeal by tracking number or words from its content. */
function MasterField({ selfId }: { selfId: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const search = async (q: string) => {
    if (q.trim().length < 2) {
      return;
    }
    setSearching(true);
    try {
      const page = await appealsApi.list({ box: 'all', q: q.trim(), pageSize: 10 });
      setOptions(
        page.items
          .filter((item) => item.id !== selfId)
          .map((item) => ({ value: item.id, label: `${item.trackingNo} · ${item.categoryName} · ${item.preview.slice(0, 30)}` })),
      );
    } catch {
      setOptions([]);
    } finally {
      setSearching(false);
    }
  };
  return (
    <Form.Item
      label="主件"
      name="masterId"
      rules={[{ required: true, message: '请选择要并入的主件' }]}
      extra="输入受理编号或内容关键词搜索"
    >
      <Select
        showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
        loading={searching}
        options={options}
        placeholder="搜索主件"
        notFoundContent={searching ? '正在搜索…' : '没有找到'}
        data-testid="field-master"
      />
    </Form.Item>
  );
}

function ActionFields({ action, detail }: { action: AppealAction; detail: AppealDetail }) {
  switch (action) {
    case 'dispatch':
      return (
        <>
          <TriageHint appealId={detail.id} />
          <CategoryField detail={detail} />
          <UnitField label="承办单位" />
          <Form.Item label="派单说明" name="note" rules={noteRules}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="选填，例如办理要求" data-testid="field-note" />
          </Form.Item>
        </>
      );
    case 'approveReturn':
      return <UnitField label="改派至" exclude={detail.unitId} />;
    case 'reject':
      return (
        <>
          <Form.Item label="不予受理依据" name="reasonCode" rules={[{ required: true, message: '请选择依据' }]}>
            <Select
              options={REJECT_REASONS.map((code) => ({ value: code, label: REJECT_REASON_LABELS[code] }))}
              data-testid="field-reason-code"
            />
          </Form.Item>
          <Form.Item label="说明" name="note" rules={noteRules}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="选填" data-testid="field-note" />
          </Form.Item>
        </>
      );
    case 'answer':
    case 'reply':
      return (
        <Form.Item label="答复内容" name="text" rules={textRules}>
          <Input.TextArea rows={6} maxLength={2000} showCount data-testid="field-text" />
        </Form.Item>
      );
    case 'merge':
      return <MasterField selfId={detail.id} />;
    case 'requestReturn':
    case 'denyReturn':
    case 'denyExtension':
    case 'sendBack':
      return (
        <Form.Item
          label={action === 'requestReturn' ? '退单理由' : action === 'sendBack' ? '退回理由' : '驳回理由'}
          name="reason"
          rules={reasonRules}
        >
          <Input.TextArea rows={4} maxLength={500} showCount data-testid="field-reason" />
        </Form.Item>
      );
    case 'requestExtension':
      return (
        <>
          <Form.Item label="延期工作日数" name="workdays" rules={[{ required: true, message: '请填写延期天数' }]} extra="1–30 个工作日">
            <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} data-testid="field-workdays" />
          </Form.Item>
          <Form.Item label="延期理由" name="reason" rules={reasonRules}>
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="field-reason" />
          </Form.Item>
        </>
      );
    case 'contact':
    case 'supervise':
      return (
        <Form.Item label={action === 'contact' ? '联系情况' : '督办意见'} name="note" rules={noteRules}>
          <Input.TextArea
            rows={4}
            maxLength={500}
            showCount
            placeholder={action === 'contact' ? '选填，例如：已电话联系，约定明天上门查看' : '选填'}
            data-testid="field-note"
          />
        </Form.Item>
      );
    case 'rate':
      return (
        <>
          <Form.Item label="满意程度" name="satisfaction" rules={[{ required: true, message: '请选择满意程度' }]}>
            <Radio.Group options={SATISFACTIONS.map((value) => ({ value, label: SATISFACTION_LABELS[value] }))} />
          </Form.Item>
          <Form.Item label="问题是否已解决" name="resolved" rules={[{ required: true, message: '请选择是否解决' }]}>
            <Radio.Group
              options={[
                { value: true, label: '已解决' },
                { value: false, label: '未解决' },
              ]}
            />
          </Form.Item>
          <Form.Item label="回访记录" name="comment" rules={noteRules}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="field-comment" />
          </Form.Item>
        </>
      );
    case 'sign':
    case 'approveExtension':
    case 'acceptReply':
      return null;
  }
}

/** One button per action the server allows this viewer now, and nothing else. */
export function ActionPanel({ detail, onStale }: { detail: AppealDetail; onStale: () => void }) {
  const { message } = App.useApp();
  const [action, setAction] = useState<AppealAction | null>(null);
  const [form] = Form.useForm<ActionValues>();
  const run = useAppealAction(detail.id);

  const close = () => {
    setAction(null);
    run.reset();
  };

  const onFinish = (values: ActionValues) => {
    if (!action) {
      return;
    }
    run.mutate(toVariables(action, detail.version, values), {
      onSuccess: () => {
        void message.success(`${ACTION_LABELS[action]}成功`);
        close();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          // Someone else acted first (or the state moved on): show why and load the current record.
          void message.error(error.message);
          close();
          onStale();
          return;
        }
        const field = errorField(error);
        if (field && field !== 'version' && form.getFieldInstance(field as keyof ActionValues) !== undefined) {
          form.setFields([{ name: field as keyof ActionValues, errors: [errorMessage(error)] }]);
        } else {
          void message.error(errorMessage(error));
        }
      },
    });
  };

  if (detail.allowedActions.length === 0) {
    return <Typography.Paragraph style={{ margin: 0 }}>当前没有需要您办理的操作。</Typography.Paragraph>;
  }

  return (
    <>
      <Space wrap>
        {detail.allowedActions.map((name) => (
          <Button
            key={name}
            type={SPECS[name].primary ? 'primary' : 'default'}
            danger={SPECS[name].danger}
            onClick={() => setAction(name)}
            data-testid={`action-${actionSlug(name)}`}
          >
            {ACTION_LABELS[name]}
          </Button>
        ))}
      </Space>
      <Modal
        open={action !== null}
        title={action ? ACTION_LABELS[action] : ''}
        okText={action ? `确认${ACTION_LABELS[action]}` : '确认'}
        cancelText="取消"
        onCancel={close}
        onOk={() => form.submit()}
        confirmLoading={run.isPending}
        okButtonProps={{ danger: action ? SPECS[action].danger : false, 'data-testid': 'action-confirm' } as ButtonProps}
        destroyOnHidden
      >
        {action ? (
          <>
            <Typography.Paragraph>{SPECS[action].hint}</Typography.Paragraph>
            <Form<ActionValues> form={form} layout="vertical" name={`action-${actionSlug(action)}`} onFinish={onFinish} preserve={false}>
              <ActionFields action={action} detail={detail} />
            </Form>
          </>
        ) : null}
      </Modal>
    </>
  );
}
