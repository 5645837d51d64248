import { App, Button, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageTitle } from '../../../../../console/PageTitle';
import { formatDateTime } from '../../../../../shared/format';
import { errorMessage } from '../../../../../shared/http';
import { useHearingDetail, useTransitionHearing } from '../../queries';
import type { HearingTransition } from '../../types';
import { STATE_COLORS } from './HearingListPage';
import { MaterialsPanel } from './MaterialsPanel';
import { OutcomePanel } from './OutcomePanel';
import { RegistrationsPanel } from './RegistrationsPanel';

const TRANSITION_BUTTONS: { action: HearingTransition; label: string; confirm: string }[] = [
  { action: 'publish', label: '发布并开放报名', confirm: '发布后群众即可看到并报名，确定发布？' },
  { action: 'closeRegistration', label: '截止报名', confirm: '截止后不再接受新的报名，确定截止？' },
  { action: 'markHeld', label: '标记为已召开', confirm: '标记后不能再修改会议信息和报名，确定？' },
];

/** One hearing for its organizers: particulars, state changes, materials, registrations, minutes and outcome. */
export default function HearingDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const detail = useHearingDetail(id);
  const transition = useTransitionHearing(id);
  const hearing = detail.data;
  if (detail.isError) {
    return <p role="alert">{errorMessage(detail.error)}</p>;
  }
  if (!hearing) {
    return null;
  }
  const actions = hearing.allowedActions;
  return (
    <>
      <PageTitle
        title={hearing.topic}
        extra={
          <Space wrap>
            {actions.includes('edit') ? <Button onClick={() => void navigate(`/console/hearings/${id}/edit`)}>修改</Button> : null}
            {actions.includes('checkIn') ? (
              <Button onClick={() => void navigate(`/console/hearings/${id}/check-in`)} data-testid="open-check-in">
                现场签到
              </Button>
            ) : null}
            {TRANSITION_BUTTONS.filter((button) => actions.includes(button.action)).map((button) => (
              <Popconfirm
                key={button.action}
                title={button.confirm}
                okText="确定"
                cancelText="取消"
                onConfirm={() =>
                  transition.mutate(
                    { action: button.action, version: hearing.version },
                    { onError: (error) => void message.error(errorMessage(error)) },
                  )
                }
              >
                <Button type={button.action === 'publish' ? 'primary' : 'default'} loading={transition.isPending}>
                  {button.label}
                </Button>
              </Popconfirm>
            ))}
          </Space>
        }
      >
        {' '}
        <Tag color={STATE_COLORS[hearing.state]}>{hearing.stateLabel}</Tag>
      </PageTitle>
      <section className="console-panel">
        <Descriptions column={2} size="small">
          <Descriptions.Item label="形式">{hearing.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="组织">{hearing.orgName}</Descriptions.Item>
          <Descriptions.Item label="会议时间">
            {formatDateTime(hearing.startsAt)} 至 {formatDateTime(hearing.endsAt)}
          </Descriptions.Item>
          <Descriptions.Item label="地点">{hearing.place}</Descriptions.Item>
          <Descriptions.Item label="报名时间">
            {formatDateTime(hearing.registrationOpensAt)} 至 {formatDateTime(hearing.registrationClosesAt)}
          </Descriptions.Item>
          <Descriptions.Item label="面向">{hearing.audience === 'public' ? '社会公开' : '本组织及下级组织'}</Descriptions.Item>
          <Descriptions.Item label="背景" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{hearing.background}</span>
          </Descriptions.Item>
        </Descriptions>
        {hearing.state !== 'draft' ? (
          <p>
            群众报名页面：
            <Link to={`/h5/hearings/${id}`} reloadDocument>
              /h5/hearings/{id}
            </Link>
          </p>
        ) : null}
      </section>
      <MaterialsPanel hearing={hearing} />
      {actions.includes('viewRegistrations') ? <RegistrationsPanel hearing={hearing} /> : null}
      <OutcomePanel hearing={hearing} />
    </>
  );
}
