import { Card, Col, List, Result, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../../console/PageTitle';
import { errorMessage } from '../../../shared/http';
import { useOpinionOverview } from '../queries';
import { FACETS, type Facet, type HotTopic, type OverviewQuery, type PlaceCount } from '../types';
import { AlertList } from './AlertList';
import { FacetFilter } from './FacetFilter';
import { TrendChart } from './TrendChart';
import { WordCloud } from './WordCloud';
import '../opinion.css';

const readQuery = (params: URLSearchParams): OverviewQuery => {
  const facet = params.get('facet') as Facet | null;
  const value = params.get('value') ?? '';
  return facet && FACETS.includes(facet) && facet !== 'all' && value ? { facet, value } : { facet: 'all', value: '' };
};

function TopicItem({ topic, rank }: { topic: HotTopic; rank: number }) {
  const [lead, ...others] = topic.terms;
  return (
    <List.Item data-testid="hot-topic">
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag color={rank < 3 ? 'red' : 'default'}>{rank + 1}</Tag>
            <Link to={`/console/search?q=${encodeURIComponent(lead)}`}>{lead}</Link>
            {others.map((term) => (
              <Tag key={term}>{term}</Tag>
            ))}
          </Space>
        }
        description={
          <>
            <div>
              近七天 {topic.recent} 件，按以往比例约 {topic.expected.toFixed(1)} 件
            </div>
            {topic.appeals.slice(0, 3).map((appeal) => (
              <div key={appeal.id} className="opinion-topic-appeal">
                <Link to={`/console/appeals/${appeal.id}`}>{appeal.trackingNo}</Link> {appeal.excerpt}
              </div>
            ))}
          </>
        }
      />
    </List.Item>
  );
}

const placeColumns = (pick: (place: string) => void): ColumnsType<PlaceCount> => [
  {
    title: '地点',
    dataIndex: 'place',
    render: (place: string) => (
      <Typography.Link onClick={() => pick(place)} aria-label={`只看${place}`}>
        {place}
      </Typography.Link>
    ),
  },
  { title: '近七天', dataIndex: 'count', width: 80 },
  {
    title: '较前七天',
    key: 'change',
    width: 100,
    render: (_, place) => {
      const change = place.count - place.previous;
      return <span className={change > 0 ? 'opinion-up' : undefined}>{change > 0 ? `+${change}` : change}</span>;
    },
  },
  { title: '主要反映', dataIndex: 'topTerms', render: (terms: string[]) => terms.join('、') || '—' },
];

/** 舆情监测: what the masses are writing about now, what rose, where, and the alerts to act on. */
export default function OpinionPage() {
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const overview = useOpinionOverview(query);
  const data = overview.data;
  const setQuery = (next: OverviewQuery) =>
    setParams(next.facet === 'all' ? {} : { facet: next.facet, value: next.value }, { replace: true });

  if (overview.isError) {
    return <Result status="error" title="舆情数据加载失败" subTitle={errorMessage(overview.error)} />;
  }
  const openAlerts = data?.alerts.filter((alert) => alert.state === 'open').length ?? 0;
  return (
    <>
      <PageTitle title="舆情监测" extra={<FacetFilter query={query} places={data?.places ?? []} onChange={setQuery} />} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card loading={!data}>
            <Statistic title="近七天诉求" value={data?.appeals.recent ?? 0} suffix="件" />
            <Typography.Text type="secondary">此前四周周均 {((data?.appeals.baseline ?? 0) / 4).toFixed(1)} 件</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card loading={!data}>
            <Statistic title="待处置预警" value={openAlerts} suffix="条" valueStyle={openAlerts > 0 ? { color: '#cf1322' } : undefined} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card loading={!data}>
            <Statistic title="上升话题" value={data?.topics.length ?? 0} suffix="个" />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="舆情预警" loading={!data}>
            <AlertList alerts={data?.alerts ?? []} highlight={params.get('alert')} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="近七天高频词" loading={!data}>
            {data && data.cloud.length > 0 ? (
              <WordCloud words={data.cloud} />
            ) : (
              <Typography.Text type="secondary">近七天没有诉求</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="热点话题（近七天上升最多）" loading={!data} className="opinion-topics">
            <List
              dataSource={data?.topics ?? []}
              locale={{ emptyText: '暂无明显上升的话题' }}
              renderItem={(topic, index) => <TopicItem topic={topic} rank={index} />}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="话题趋势（近五周）" loading={!data}>
            {data ? <TrendChart trend={data.trend} /> : null}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="地点分布" loading={!data}>
            <Table
              rowKey="place"
              size="small"
              pagination={false}
              dataSource={data?.places ?? []}
              columns={placeColumns((place) => setQuery({ facet: 'place', value: place }))}
            />
          </Card>
        </Col>
      </Row>
      {data ? (
        <Typography.Paragraph type="secondary" className="opinion-rule">
          统计口径：{data.rule}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
