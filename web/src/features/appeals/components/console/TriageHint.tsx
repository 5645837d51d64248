import { BulbOutlined } from '@ant-design/icons';
import { Alert, Form, Typography } from 'antd';
import { useEffect } from 'react';
import { useTriageSuggestion } from '../../queries';
import type { CategorySuggestion, TriageSuggestion, UnitSuggestion } from '../../types';

const percent = (confidence: number): string => `${Math.round(confidence * 100)}%`;

const categoryText = (item: CategorySuggestion) => `分类 ${item.name}（置信度 ${percent(item.confidence)}）`;
const unitText = (item: UnitSuggestion) => `承办单位 ${item.name}（置信度 ${percent(item.confidence)}）`;

function alternativesText(triage: TriageSuggestion): string | null {
  const parts = [
    ...triage.alternatives.categories.map((item) => `分类 ${item.name} ${percent(item.confidence)}`),
    ...triage.alternatives.units.map((item) => `承办单位 ${item.name} ${percent(item.confidence)}`),
  ];
  return parts.length > 0 ? `其他可能：${parts.join('；')}` : null;
}

interface DispatchValues {
  categoryCode?: string;
  unitId?: string;
}

/**
 * 智能建议 in the dispatch dialog: the category and unit learned from how past appeals were dispatched,
 * with their confidence and the runners-up. The suggested unit is filled into the form, and the
 * category too when the suggestion is confident (else the citizen's choice stays); a field the
 * dispatcher has already changed is left alone. The form works as before when there is no suggestion.
 */
export function TriageHint({ appealId }: { appealId: string }) {
  const form = Form.useFormInstance<DispatchValues>();
  const triage = useTriageSuggestion(appealId);
  const data = triage.data;

  useEffect(() => {
    if (!data) {
      return;
    }
    if (data.unit && !form.isFieldTouched('unitId')) {
      form.setFieldValue('unitId', data.unit.id);
    }
    if (data.category?.confident && !form.isFieldTouched('categoryCode')) {
      form.setFieldValue('categoryCode', data.category.code);
    }
  }, [data, form]);

  if (triage.isPending) {
    return <Typography.Paragraph type="secondary">正在生成智能建议…</Typography.Paragraph>;
  }
  if (!data) {
    return null;
  }
  if (!data.category && !data.unit) {
    return (
      <Typography.Paragraph type="secondary" data-testid="triage-hint">
        {data.learnedAppeals < data.minimumLearnedAppeals
          ? `智能建议：已派单诉求满 ${data.minimumLearnedAppeals} 件后提供（目前 ${data.learnedAppeals} 件）。`
          : '智能建议：这件诉求与以往派单的诉求都不相像，请人工判断。'}
      </Typography.Paragraph>
    );
  }
  const suggestion = [data.category ? categoryText(data.category) : null, data.unit ? unitText(data.unit) : null]
    .filter(Boolean)
    .join('、');
  return (
    <Alert
      type="info"
      showIcon
      icon={<BulbOutlined />}
      title={`智能建议：${suggestion}`}
      description={alternativesText(data)}
      style={{ marginBottom: 16 }}
      data-testid="triage-hint"
    />
  );
}
