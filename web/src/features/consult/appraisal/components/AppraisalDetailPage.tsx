import { Alert, App, Button, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { PageTitle } from '../../../../console/PageTitle';
import { ApiError, errorMessage } from '../../../../shared/http';
import { exportUrl } from '../api';
import { useAppraisalDetail, useAppraisalPhase, useAppraisalTally, useSetGrades } from '../queries';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_GRADES, type AppraisalDetail, type AppraisalGrade, type RosterMember } from '../types';

const gradeOptions = APPRAISAL_GRADES.map((grade) => ({ value: grade, label: APPRAISAL_GRADE_LABELS[grade] }));

/** The tally beside a grade picker per full member; 优秀 at most a third, checked again by the server. */
function TallyAndGrades({ appraisal }: { appraisal: AppraisalDetail }) {
  const { message } = App.useApp();
  const tally = useAppraisalTally(appraisal.id, appraisal.allowedActions.includes('tally'));
  const setGrades = useSetGrades(appraisal.id);
  const [grades, setGradesDraft] = useState<Record<string, AppraisalGrade>>({});
  if (!appraisal.allowedActions.includes('tally')) {
    return <Alert type="info" showIcon message="测评结束前不显示任何结果" />;
  }
  if (tally.isError) {
    const small = tally.error instanceof ApiError && tally.error.code === 'GROUP_TOO_SMALL';
    return <Alert type={small ? 'warning' : 'error'} showIcon message={errorMessage(tally.error)} />;
  }
  if (!tally.data) {
    return null;
  }
  const grading = appraisal.allowedActions.includes('grade');
  const finalOf = new Map(appraisal.roster.map((member) => [member.userId, member.finalGradeLabel]));
  const excellent = Object.values(grades).filter((grade) => grade === 'excellent').length;
  return (
    <>
      <p>
        参加测评 {tally.data.raters} 人（应参加 {tally.data.eligible} 人）。优秀最多 {tally.data.excellentLimit}{' '}
        人；预备党员参加测评但不评定等次。
      </p>
      <Table
        rowKey="userId"
        size="small"
        pagination={false}
        dataSource={tally.data.members}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          ...APPRAISAL_GRADES.map((grade) => ({
            title: `${APPRAISAL_GRADE_LABELS[grade]}（票）`,
            key: grade,
            width: 110,
            render: (_: unknown, member: (typeof tally.data.members)[number]) => member.counts[grade],
          })),
          {
            title: '评定等次',
            key: 'grade',
            width: 160,
            render: (_: unknown, member: (typeof tally.data.members)[number]) =>
              grading ? (
                <Select
                  aria-label={`${member.name}的评定等次`}
                  style={{ width: 130 }}
                  options={gradeOptions}
                  value={grades[member.userId]}
                  onChange={(grade: AppraisalGrade) => setGradesDraft({ ...grades, [member.userId]: grade })}
                />
              ) : (
                (finalOf.get(member.userId) ?? '—')
              ),
          },
        ]}
      />
      {grading ? (
        <Space style={{ marginTop: 12 }}>
          <span>已选优秀 {excellent} 人</span>
          <Popconfirm
            title="等次评定后不能修改；评为不合格的党员将进入限期改正。确定提交吗？"
            okText="确定"
            cancelText="取消"
            onConfirm={() =>
              setGrades.mutate(
                { version: appraisal.version, grades: Object.entries(grades).map(([userId, grade]) => ({ userId, grade })) },
                { onError: (error) => void message.error(errorMessage(error)) },
              )
            }
          >
            <Button type="primary" loading={setGrades.isPending} disabled={Object.keys(grades).length < tally.data.members.length}>
              提交评定等次
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
    </>
  );
}

/** One branch's appraisal for the committee: roster and self-appraisals, the phases, the tally and grades, the result sheet. */
export default function AppraisalDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const detail = useAppraisalDetail(id);
  const phase = useAppraisalPhase(id);
  const appraisal = detail.data;
  if (!appraisal) {
    return detail.isError ? <p role="alert">{errorMessage(detail.error)}</p> : null;
  }
  const phaseButton = (action: 'open' | 'close', label: string, confirm: string) =>
    appraisal.allowedActions.includes(action) ? (
      <Popconfirm
        title={confirm}
        okText="确定"
        cancelText="取消"
        onConfirm={() =>
          phase.mutate({ action, version: appraisal.version }, { onError: (error) => void message.error(errorMessage(error)) })
        }
      >
        <Button type="primary" loading={phase.isPending}>
          {label}
        </Button>
      </Popconfirm>
    ) : null;
  return (
    <>
      <PageTitle
        title={appraisal.title}
        extra={
          <Space>
            {phaseButton('open', '开始民主测评', '开始后名单冻结，每人只能测评一次。确定开始吗？')}
            {phaseButton('close', '结束民主测评', '结束后不再接受测评票。确定结束吗？')}
            {appraisal.allowedActions.includes('export') ? (
              <Button href={exportUrl(appraisal.id)} download>
                导出结果表
              </Button>
            ) : null}
          </Space>
        }
      >
        {' '}
        <Tag color="blue">{appraisal.stateLabel}</Tag>
      </PageTitle>
      {appraisal.turnout ? (
        <p>
          测评进度：应参加 {appraisal.turnout.eligible} 人，已参加 {appraisal.turnout.voted} 人。
        </p>
      ) : null}
      <section className="console-panel" aria-labelledby="roster-heading">
        <h2 id="roster-heading">参评党员与个人自评</h2>
        <Table<RosterMember>
          rowKey="userId"
          size="small"
          pagination={false}
          dataSource={appraisal.roster}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 120 },
            {
              title: '身份',
              dataIndex: 'probationary',
              width: 100,
              render: (probationary: boolean) => (probationary ? '预备党员' : '正式党员'),
            },
            { title: '个人自评', dataIndex: 'selfAppraisal', render: (text: string | null) => text ?? '未填写' },
            { title: '等次', dataIndex: 'finalGradeLabel', width: 100, render: (label: string | null) => label ?? '—' },
            { title: '限期改正至', dataIndex: 'followUpDueOn', width: 120, render: (date: string | null) => date ?? '—' },
          ]}
        />
      </section>
      <section className="console-panel" aria-labelledby="tally-heading">
        <h2 id="tally-heading">测评结果与等次评定</h2>
        <TallyAndGrades appraisal={appraisal} />
      </section>
    </>
  );
}
