import { App, Button, Descriptions, Popconfirm, QRCode, Space, Spin, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageTitle } from '../../../../console/PageTitle';
import { downloadFile } from '../../../../shared/download';
import { formatDateTime } from '../../../../shared/format';
import { errorMessage } from '../../../../shared/http';
import { surveysApi, type SurveyStateAction } from '../api';
import { useSurveyDetail, useSurveyState } from '../queries';
import type { SurveyAction, SurveyDetail } from '../types';
import { SURVEY_STATE_COLORS } from './SurveyListPage';
import { SurveyResultsPanel } from './SurveyResultsPanel';
import '../surveys.css';

const STATE_BUTTONS: { action: SurveyAction; path: SurveyStateAction; label: string; confirm: string }[] = [
  { action: 'publish', path: 'publish', label: '发布', confirm: '发布后问卷不能再修改，确定发布吗？' },
  { action: 'close', path: 'close', label: '结束', confirm: '结束后不再接受答卷，确定结束吗？' },
  { action: 'publishResults', path: 'publish-results', label: '发布结果', confirm: '结果摘要（不含文字回答）将公布在公开栏，确定发布吗？' },
];

function PublicLink({ detail }: { detail: SurveyDetail }) {
  if (!detail.publicPath) {
    return <>{detail.audienceOrgs.map((org) => org.name).join('、') || detail.audienceUsers.map((user) => user.name).join('、')}</>;
  }
  const url = `${window.location.origin}${detail.publicPath}`;
  return (
    <Space align="start" className="survey-link">
      <QRCode value={url} size={128} aria-label="填写问卷的二维码" />
      <a href={detail.publicPath} target="_blank" rel="noreferrer" data-testid="public-link">
        {url}
      </a>
    </Space>
  );
}

/** 问卷: its settings, the organiser's actions, the public link and QR code, and the live results. */
export default function SurveyDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const detail = useSurveyDetail(id);
  const change = useSurveyState(id ?? '');
  if (detail.isLoading) {
    return <Spin />;
  }
  if (detail.isError || !detail.data) {
    return <p role="alert">{errorMessage(detail.error)}</p>;
  }
  const survey = detail.data;
  const allowed = (action: SurveyAction) => survey.allowedActions.includes(action);
  const run = async (path: SurveyStateAction) => {
    try {
      await change.mutateAsync({ action: path, version: survey.version });
      void message.success('已完成');
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };
  return (
    <>
      <PageTitle
        title={survey.title}
        extra={
          <Space wrap>
            {allowed('edit') ? <Button onClick={() => void navigate(`/console/surveys/${survey.id}/edit`)}>修改</Button> : null}
            {STATE_BUTTONS.filter((button) => allowed(button.action)).map((button) => (
              <Popconfirm key={button.action} title={button.confirm} okText="确定" cancelText="取消" onConfirm={() => run(button.path)}>
                <Button type={button.action === 'publish' ? 'primary' : 'default'} loading={change.isPending}>
                  {button.label}
                </Button>
              </Popconfirm>
            ))}
            {allowed('export') ? (
              <Button
                onClick={() =>
                  void downloadFile(surveysApi.exportPath(survey.id), `问卷答卷.xlsx`).catch(
                    (error: unknown) => void message.error(errorMessage(error)),
                  )
                }
              >
                导出 Excel
              </Button>
            ) : null}
          </Space>
        }
      >
        <Tag color={SURVEY_STATE_COLORS[survey.state]} style={{ marginLeft: 12 }}>
          {survey.stateLabel}
        </Tag>
      </PageTitle>
      <section className="console-panel">
        <Descriptions column={2} size="small">
          <Descriptions.Item label="组织">{survey.orgName}</Descriptions.Item>
          <Descriptions.Item label="填写方式">{survey.anonymous ? '匿名' : '实名'}</Descriptions.Item>
          <Descriptions.Item label="开放时间">
            {survey.opensAt ? formatDateTime(survey.opensAt) : '发布即开始'} 至{' '}
            {survey.closesAt ? formatDateTime(survey.closesAt) : '不设截止'}
          </Descriptions.Item>
          <Descriptions.Item label="结果公示">
            {survey.resultsPublishedAt ? formatDateTime(survey.resultsPublishedAt) : '未发布'}
          </Descriptions.Item>
          <Descriptions.Item label={survey.audienceLabel} span={2}>
            <PublicLink detail={survey} />
          </Descriptions.Item>
        </Descriptions>
        {survey.description ? <p>{survey.description}</p> : null}
        <Link to="/console/surveys">返回问卷列表</Link>
      </section>
      {survey.state === 'draft' ? null : <SurveyResultsPanel surveyId={survey.id} anonymous={survey.anonymous} />}
    </>
  );
}
