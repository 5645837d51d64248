import { Card, Col, DatePicker, Result, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../../console/PageTitle';
import { formatRate, formatScore } from '../../../shared/format';
import { errorMessage } from '../../../shared/http';
import { KPI_FILTER_LABELS } from '../../appeals/labels';
import type { KpiFilter } from '../../appeals/types';
import { useAppealKpi } from '../queries';
import type { KpiReport, UnitKpi } from '../types';
import { EChart, type ChartOption } from './EChart';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The inbox list behind a number: same unit, same month, same predicate as the count (see kpi.ts on the server). */
export const drillPath = (month: string, unitId?: string, kpi?: KpiFilter): string => {
  const params = new URLSearchParams({ month });
  if (unitId) {
    params.set('unitId', unitId);
  }
  if (kpi) {
    params.set('kpi', kpi);
  }
  return `/console/inbox?${params.toString()}`;
};

function DrillLink({ count, month, unit, kpi }: { count: number; month: string; unit: UnitKpi; kpi?: KpiFilter }) {
  const what = kpi ? KPI_FILTER_LABELS[kpi] : '派单';
  return (
    <Link
      className="kpi-drill"
      to={drillPath(month, unit.unitId, kpi)}
      aria-label={`${unit.unitName} ${what} ${count} 件，查看清单`}
      data-testid={`drill-${unit.unitId}-${kpi ?? 'all'}`}
    >
      {count}
    </Link>
  );
}

function RateCell({
  rate,
  part,
  whole,
  month,
  unit,
  good,
  bad,
}: {
  rate: number | null;
  part: number;
  whole: number;
  month: string;
  unit: UnitKpi;
  good: KpiFilter;
  bad: KpiFilter;
}) {
  return (
    <div>
      <strong>{formatRate(rate)}</strong>
      <div style={{ fontSize: 12 }}>
        {KPI_FILTER_LABELS[good]} <DrillLink count={part} month={month} unit={unit} kpi={good} /> · {KPI_FILTER_LABELS[bad]}{' '}
        <DrillLink count={whole - part} month={month} unit={unit} kpi={bad} />
      </div>
    </div>
  );
}

function scoreOption(report: KpiReport): ChartOption {
  const units = [...report.units].sort((a, b) => (a.rank ?? 9999) - (b.rank ?? 9999));
  return {
    grid: { left: 48, right: 16, top: 24, bottom: 64 },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? value.toFixed(1) : '—') },
    xAxis: {
      type: 'category',
      data: units.map((unit) => unit.unitName),
      axisLabel: { interval: 0, rotate: units.length > 6 ? 30 : 0, color: '#333' },
    },
    yAxis: { type: 'value', min: 0, max: 100, name: '得分', axisLabel: { color: '#333' } },
    series: [
      {
        type: 'bar',
        name: '综合得分',
        data: units.map((unit) => unit.score),
        itemStyle: { color: '#0958d9' },
        barMaxWidth: 40,
        cursor: 'pointer',
      },
    ],
  };
}

function trendOption(report: KpiReport): ChartOption {
  const months = report.trend.map((point) => point.month);
  const line = (name: string, data: (number | null)[], color: string) => ({
    type: 'line',
    name,
    data,
    yAxisIndex: 0,
    connectNulls: true,
    itemStyle: { color },
  });
  return {
    grid: { left: 48, right: 48, top: 48, bottom: 32 },
    legend: { top: 0, textStyle: { color: '#333' } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months, axisLabel: { color: '#333' } },
    yAxis: [
      { type: 'value', name: '比率(%)', min: 0, max: 100, axisLabel: { color: '#333' } },
      { type: 'value', name: '件数', axisLabel: { color: '#333' }, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: '受理量',
        data: report.trend.map((point) => point.received),
        yAxisIndex: 1,
        itemStyle: { color: '#bfd4f5' },
        barMaxWidth: 28,
      },
      {
        type: 'bar',
        name: '办结量',
        data: report.trend.map((point) => point.closed),
        yAxisIndex: 1,
        itemStyle: { color: '#8fb0e6' },
        barMaxWidth: 28,
      },
      line(
        '响应率',
        report.trend.map((point) => point.responseRate),
        '#0958d9',
      ),
      line(
        '解决率',
        report.trend.map((point) => point.resolutionRate),
        '#237804',
      ),
      line(
        '满意率',
        report.trend.map((point) => point.satisfactionRate),
        '#ad4e00',
      ),
    ],
  };
}

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const requested = params.get('month');
  const month = requested && MONTH.test(requested) ? requested : dayjs().format('YYYY-MM');
  const report = useAppealKpi({ month, months: 6 });
  const data = report.data;

  const scoreChart = useMemo(() => (data ? scoreOption(data) : null), [data]);
  const trendChart = useMemo(() => (data ? trendOption(data) : null), [data]);
  const rankedUnits = useMemo(() => (data ? [...data.units].sort((a, b) => (a.rank ?? 9999) - (b.rank ?? 9999)) : []), [data]);

  const columns: ColumnsType<UnitKpi> = [
    { title: '排名', dataIndex: 'rank', width: 70, render: (rank: number | null) => rank ?? '—' },
    { title: '承办单位', dataIndex: 'unitName' },
    {
      title: '派单量',
      dataIndex: 'dispatched',
      width: 90,
      render: (count: number, unit) => <DrillLink count={count} month={month} unit={unit} />,
    },
    {
      title: '响应率',
      key: 'responseRate',
      render: (_, unit) => (
        <RateCell
          rate={unit.responseRate}
          part={unit.responded}
          whole={unit.responseDue}
          month={month}
          unit={unit}
          good="responded"
          bad="not_responded"
        />
      ),
    },
    {
      title: '解决率',
      key: 'resolutionRate',
      render: (_, unit) => (
        <RateCell
          rate={unit.resolutionRate}
          part={unit.resolved}
          whole={unit.rated}
          month={month}
          unit={unit}
          good="resolved"
          bad="unresolved"
        />
      ),
    },
    {
      title: '满意率',
      key: 'satisfactionRate',
      render: (_, unit) => (
        <RateCell
          rate={unit.satisfactionRate}
          part={unit.satisfied}
          whole={unit.rated}
          month={month}
          unit={unit}
          good="satisfied"
          bad="unsatisfied"
        />
      ),
    },
    { title: '综合得分', dataIndex: 'score', width: 100, render: (score: number | null) => <strong>{formatScore(score)}</strong> },
  ];

  const monthPicker = (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <label htmlFor="kpi-month">统计月份</label>
      <DatePicker
        id="kpi-month"
        picker="month"
        allowClear={false}
        value={dayjs(`${month}-01`)}
        disabledDate={(date) => date.isAfter(dayjs(), 'month')}
        onChange={(value) => value && setParams({ month: value.format('YYYY-MM') })}
        data-testid="kpi-month"
      />
    </span>
  );

  if (report.isError && !data) {
    return (
      <>
        <PageTitle title="数据看板" extra={monthPicker} />
        <Result status="error" title="加载失败" subTitle={errorMessage(report.error)} />
      </>
    );
  }

  const totals = data?.totals;
  const weights = data?.weights;
  const cards = [
    { title: '派单量', value: totals?.dispatched, suffix: '件' },
    { title: '应响应', value: totals?.responseDue, suffix: '件' },
    { title: '已评价', value: totals?.rated, suffix: '件' },
    { title: '响应率', value: totals?.responseRate, suffix: '%', precision: 1 },
    { title: '解决率', value: totals?.resolutionRate, suffix: '%', precision: 1 },
    { title: '满意率', value: totals?.satisfactionRate, suffix: '%', precision: 1 },
    { title: '综合得分', value: totals?.score, precision: 1 },
  ];

  return (
    <>
      <PageTitle title="数据看板" extra={monthPicker} />
      <section aria-label={`${month} 月总体情况`} data-testid="kpi-cards">
        <div className="kpi-cards">
          {cards.map((card) => {
            const empty = card.value === null || card.value === undefined;
            return (
              <Card key={card.title} size="small" loading={report.isLoading}>
                <Statistic
                  title={card.title}
                  value={empty ? '—' : card.value!}
                  precision={empty ? undefined : card.precision}
                  suffix={empty ? undefined : card.suffix}
                />
              </Card>
            );
          })}
        </div>
      </section>
      <section className="console-panel" aria-labelledby="kpi-ranking">
        <h2 id="kpi-ranking">承办单位排名（{month}）</h2>
        {weights ? (
          <Typography.Paragraph>
            综合得分 = 响应率 × {weights.response}% + 解决率 × {weights.resolution}% + 满意率 × {weights.satisfaction}
            %（某项无数据时，其权重分摊给其他项）。点击数字可查看对应的诉求清单。
          </Typography.Paragraph>
        ) : null}
        <div data-testid="kpi-table">
          <Table<UnitKpi>
            rowKey="unitId"
            size="middle"
            columns={columns}
            dataSource={rankedUnits}
            loading={report.isFetching}
            pagination={false}
            onRow={(unit) => ({ 'data-testid': `kpi-row-${unit.unitId}` }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: '本月暂无派单数据' }}
          />
        </div>
      </section>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <section className="console-panel" aria-labelledby="kpi-score-chart">
            <h2 id="kpi-score-chart">各单位综合得分</h2>
            {scoreChart ? (
              <EChart
                option={scoreChart}
                testId="chart-score"
                label={`各单位综合得分：${rankedUnits.map((unit) => `${unit.unitName} ${formatScore(unit.score)}`).join('，') || '暂无数据'}`}
                onItemClick={(index) => {
                  const unit = rankedUnits[index];
                  if (unit) {
                    void navigate(drillPath(month, unit.unitId));
                  }
                }}
              />
            ) : null}
          </section>
        </Col>
        <Col xs={24} xl={12}>
          <section className="console-panel" aria-labelledby="kpi-trend-chart">
            <h2 id="kpi-trend-chart">近 6 个月趋势</h2>
            {trendChart && data ? (
              <EChart
                option={trendChart}
                testId="chart-trend"
                label={`近 ${data.trend.length} 个月趋势：${data.trend
                  .map(
                    (point) =>
                      `${point.month} 受理 ${point.received} 件、办结 ${point.closed} 件、响应率 ${formatRate(point.responseRate)}、解决率 ${formatRate(point.resolutionRate)}、满意率 ${formatRate(point.satisfactionRate)}`,
                  )
                  .join('；')}`}
              />
            ) : null}
          </section>
        </Col>
      </Row>
    </>
  );
}
