import { Select, Space } from 'antd';
import { useCategories } from '../../appeals/queries';
import { useUnits } from '../../orgs/queries';
import { FACET_LABELS, FACETS, type Facet, type OverviewQuery, type PlaceCount } from '../types';

/** Which appeals the dashboard counts: all, or one unit, category or place. */
export function FacetFilter({
  query,
  places,
  onChange,
}: {
  query: OverviewQuery;
  places: PlaceCount[];
  onChange: (query: OverviewQuery) => void;
}) {
  const units = useUnits(query.facet === 'unit');
  const categories = useCategories();
  const options: Record<Exclude<Facet, 'all'>, { value: string; label: string }[]> = {
    unit: (units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name })),
    category: (categories.data ?? []).map((category) => ({ value: category.code, label: category.name })),
    place: places.map((place) => ({ value: place.place, label: place.place })),
  };
  return (
    <Space wrap>
      <Select
        aria-label="统计维度"
        style={{ width: 120 }}
        value={query.facet}
        options={FACETS.map((facet) => ({ value: facet, label: FACET_LABELS[facet] }))}
        onChange={(facet: Facet) => onChange({ facet, value: facet === 'all' ? '' : (options[facet][0]?.value ?? '') })}
      />
      {query.facet === 'all' ? null : (
        <Select
          aria-label={FACET_LABELS[query.facet]}
          style={{ width: 200 }}
          showSearch
          optionFilterProp="label"
          value={query.value || undefined}
          placeholder={`选择${FACET_LABELS[query.facet]}`}
          options={options[query.facet]}
          onChange={(value: string) => onChange({ facet: query.facet, value })}
        />
      )}
    </Space>
  );
}
