import { App, Button, Descriptions, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { PageTitle } from '../../../../console/PageTitle';
import { errorMessage } from '../../../../shared/http';
import { formatDateTime } from '../../../../shared/format';
import type { ElectionPhaseAction } from '../api';
import { useElectionDetail, useElectionPhase, useNominate, useReviewNomination } from '../queries';
import type { ElectionDetail, Nomination } from '../types';
import { STATE_COLORS } from './ElectionListPage';
import { ResultsPanel } from './ResultsPanel';

const PHASES: { action: ElectionPhaseAction; label: string; confirm: string }[] = [
  { action: 'open', label: '开始投票', confirm: '开始投票后将冻结投票名单，评选设置和候选人不能再修改。确定开始吗？' },
  { action: 'close', label: '结束投票', confirm: '结束投票后不再接受选票，结果进入公示。确定结束吗？' },
  { action: 'finalize', label: '公示期满，确认结果', confirm: '确认后评选结束，结果为最终结果。' },
];

function Nominations({ election }: { election: ElectionDetail }) {
  const { message } = App.useApp();
  const review = useReviewNomination(election.id);
  const canReview = election.allowedActions.includes('review');
  const decide = (nominationId: string, decision: 'approve' | 'reject') =>
    review.mutate({ nominationId, decision }, { onError: (error) => void message.error(errorMessage(error)) });
  return (
    <Table<Nomination>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={election.nominations ?? []}
      columns={[
        { title: '被提名人', dataIndex: 'name', width: 120 },
        { title: '单位', dataIndex: 'unit', width: 160, render: (unit: string | null) => unit ?? '—' },
        { title: '提名理由', dataIndex: 'reason' },
        { title: '提名人', dataIndex: 'nominatedByName', width: 100 },
        { title: '状态', dataIndex: 'statusLabel', width: 90 },
        {
          title: '审核',
          width: 160,
          render: (_, nomination) =>
            canReview && nomination.status === 'pending' ? (
              <Space>
                <Button size="small" type="primary" loading={review.isPending} onClick={() => decide(nomination.id, 'approve')}>
                  通过
                </Button>
                <Button size="small" danger loading={review.isPending} onClick={() => decide(nomination.id, 'reject')}>
                  不通过
                </Button>
              </Space>
            ) : null,
        },
      ]}
    />
  );
}

function AddCandidate({ election }: { election: ElectionDetail }) {
  const { message } = App.useApp();
  const nominate = useNominate(election.id);
  const [form] = Form.useForm<{ name: string; unit?: string; reason: string }>();
  return (
    <Form
      form={form}
      name="add-candidate"
      layout="inline"
      onFinish={(values) =>
        nominate.mutate(values, { onSuccess: () => form.resetFields(), onError: (error) => void message.error(errorMessage(error)) })
      }
    >
      <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input maxLength={50} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item label="单位" name="unit">
        <Input maxLength={100} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="推荐理由" name="reason" rules={[{ required: true, min: 10, message: '推荐理由至少 10 字' }]}>
        <Input maxLength={2000} style={{ width: 320 }} />
      </Form.Item>
      <Button htmlType="submit" loading={nominate.isPending}>
        添加候选人
      </Button>
    </Form>
  );
}

/** One election for its workers: settings, nominations and their review, the phases, turnout and results. */
export default function ElectionDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const detail = useElectionDetail(id);
  const phase = useElectionPhase(id);
  const election = detail.data;
  if (!election) {
    return detail.isError ? <p role="alert">{errorMessage(detail.error)}</p> : null;
  }
  const phaseButtons = PHASES.filter((entry) => election.allowedActions.includes(entry.action)).map((entry) => (
    <Popconfirm
      key={entry.action}
      title={entry.confirm}
      okText="确定"
      cancelText="取消"
      onConfirm={() =>
        phase.mutate({ action: entry.action, version: election.version }, { onError: (error) => void message.error(errorMessage(error)) })
      }
    >
      <Button type="primary" loading={phase.isPending}>
        {entry.label}
      </Button>
    </Popconfirm>
  ));
  return (
    <>
      <PageTitle
        title={election.title}
        extra={
          <Space>
            {election.allowedActions.includes('edit') ? (
              <Button onClick={() => void navigate(`/console/elections/${id}/edit`)}>修改设置</Button>
            ) : null}
            {phaseButtons}
          </Space>
        }
      >
        {' '}
        <Tag color={STATE_COLORS[election.state]}>{election.stateLabel}</Tag>
      </PageTitle>
      <section className="console-panel">
        <Descriptions column={2} size="small">
          <Descriptions.Item label="组织">{election.orgName}</Descriptions.Item>
          <Descriptions.Item label="参与对象">
            {[election.audienceMembers ? '党员' : null, election.audienceMasses ? '群众' : null].filter(Boolean).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="提名阶段">{`${election.nominationStartsOn} 至 ${election.nominationEndsOn}`}</Descriptions.Item>
          <Descriptions.Item label="投票阶段">{`${election.votingStartsOn} 至 ${election.votingEndsOn}`}</Descriptions.Item>
          <Descriptions.Item label="每人最多可选">{election.maxChoices} 人</Descriptions.Item>
          <Descriptions.Item label="公示">
            {election.publicityEndsOn ? `至 ${election.publicityEndsOn}（${election.publicityDays} 天）` : `${election.publicityDays} 天`}
          </Descriptions.Item>
          {election.turnout ? (
            <Descriptions.Item label="投票情况">{`应投 ${election.turnout.eligible} 人，已投 ${election.turnout.voted} 人`}</Descriptions.Item>
          ) : null}
          {election.votingOpenedAt ? (
            <Descriptions.Item label="开始投票">{formatDateTime(election.votingOpenedAt)}</Descriptions.Item>
          ) : null}
        </Descriptions>
        {election.description ? <p style={{ whiteSpace: 'pre-wrap' }}>{election.description}</p> : null}
      </section>
      <section className="console-panel" aria-labelledby="nominations-heading">
        <h2 id="nominations-heading">提名与候选人</h2>
        {election.allowedActions.includes('nominate') ? <AddCandidate election={election} /> : null}
        <Nominations election={election} />
      </section>
      <section className="console-panel" aria-labelledby="results-heading">
        <h2 id="results-heading">计票结果{election.state === 'publicity' ? '（公示中）' : ''}</h2>
        <ResultsPanel election={election} />
      </section>
    </>
  );
}
