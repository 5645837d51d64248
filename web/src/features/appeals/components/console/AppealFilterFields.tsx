import { DatePicker, Form, Select } from 'antd';
import type { Unit } from '../../../orgs/types';
import { STATE_LABELS, URGENCY_LABELS } from '../../labels';
import { APPEAL_STATES, URGENCIES, type Category } from '../../types';

/**
 * The appeal filters the inbox and the search results share, as items of the caller's inline form.
 * The unit filter shows only when units are given (the intake side: dispatchers, leaders).
 */
export function AppealFilterFields({ categories, units }: { categories: Category[] | undefined; units: Unit[] | undefined }) {
  return (
    <>
      <Form.Item label="类别" name="categoryCode">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部类别"
          style={{ width: 180 }}
          options={(categories ?? []).map((category) => ({
            value: category.code,
            label: `${category.typeLabel}·${category.name}`,
          }))}
        />
      </Form.Item>
      {units ? (
        <Form.Item label="承办单位" name="unitId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部单位"
            style={{ width: 180 }}
            options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item label="状态" name="state">
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          options={APPEAL_STATES.map((state) => ({ value: state, label: STATE_LABELS[state] }))}
        />
      </Form.Item>
      <Form.Item label="紧急程度" name="urgency">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 110 }}
          options={URGENCIES.map((urgency) => ({ value: urgency, label: URGENCY_LABELS[urgency] }))}
        />
      </Form.Item>
      <Form.Item label="受理日期" name="dates">
        <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} />
      </Form.Item>
    </>
  );
}
