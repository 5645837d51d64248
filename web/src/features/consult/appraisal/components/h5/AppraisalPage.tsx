import { Button, Radio } from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Field } from '../../../../../h5/form';
import { QueryState } from '../../../../../h5/QueryState';
import { H5Page } from '../../../../../h5/H5Page';
import { errorMessage } from '../../../../../shared/http';
import { useMe } from '../../../../auth/queries';
import { BallotSecrecyNote, ReceiptCard } from '../../../elections/components/h5/VoteForm';
import { useAppraisalDetail, useAppraisalReceipt, useAppraisalVote, useWriteSelf } from '../../queries';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_GRADES, type AppraisalDetail, type AppraisalGrade } from '../../types';

function SelfAppraisal({ appraisal, mine }: { appraisal: AppraisalDetail; mine: string | null }) {
  const write = useWriteSelf(appraisal.id);
  const [text, setText] = useState(mine ?? '');
  return (
    <section className="h5-section" aria-labelledby="self-title">
      <h2 id="self-title">个人自评</h2>
      <Field id="self-text" label="对照党员标准，总结一年来的学习、工作和作用发挥" required>
        <textarea
          id="self-text"
          className="h5-textarea"
          rows={6}
          maxLength={5000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </Field>
      {write.isError ? (
        <p className="h5-error" role="alert">
          {errorMessage(write.error)}
        </p>
      ) : write.isSuccess ? (
        <p className="h5-hint" role="status">
          已保存。
        </p>
      ) : null}
      <div className="h5-buttons">
        <Button block color="primary" loading={write.isPending} onClick={() => write.mutate(text)}>
          保存自评
        </Button>
      </div>
    </section>
  );
}

/** 民主测评: a grade for every other full member of the branch, anonymous. */
function Ballot({
  appraisal,
  myId,
  onVoted,
}: {
  appraisal: AppraisalDetail;
  myId: string | undefined;
  onVoted: (receipt: string) => void;
}) {
  const vote = useAppraisalVote(appraisal.id);
  const graded = appraisal.roster.filter((member) => !member.probationary && member.userId !== myId);
  const [grades, setGrades] = useState<Record<string, AppraisalGrade>>({});
  return (
    <section className="h5-section" aria-labelledby="ballot-title">
      <h2 id="ballot-title">民主测评（不记名）</h2>
      <p className="h5-hint">请为本支部除您本人以外的每位正式党员选择等次。测评不记名，每人只能提交一次。</p>
      {graded.map((member) => (
        <fieldset className="h5-card" key={member.userId}>
          <legend>{member.name}</legend>
          <Radio.Group
            value={grades[member.userId]}
            onChange={(grade) => setGrades({ ...grades, [member.userId]: grade as AppraisalGrade })}
          >
            {APPRAISAL_GRADES.map((grade) => (
              <Radio key={grade} value={grade} style={{ marginRight: 12 }}>
                {APPRAISAL_GRADE_LABELS[grade]}
              </Radio>
            ))}
          </Radio.Group>
        </fieldset>
      ))}
      <BallotSecrecyNote />
      {vote.isError ? (
        <p className="h5-error" role="alert">
          {errorMessage(vote.error)}
        </p>
      ) : null}
      <div className="h5-buttons">
        <Button
          block
          color="primary"
          size="large"
          disabled={Object.keys(grades).length < graded.length}
          loading={vote.isPending}
          onClick={() => vote.mutate(grades, { onSuccess: (result) => onVoted(result.receipt) })}
        >
          提交测评票
        </Button>
      </div>
    </section>
  );
}

function ReceiptCheck({ appraisal }: { appraisal: AppraisalDetail }) {
  const check = useAppraisalReceipt(appraisal.id);
  const [receipt, setReceipt] = useState('');
  return (
    <section className="h5-section" aria-labelledby="check-title">
      <h2 id="check-title">核验我的测评票</h2>
      <Field id="appraisal-receipt" label="回执码">
        <input id="appraisal-receipt" className="h5-input" value={receipt} onChange={(event) => setReceipt(event.target.value)} />
      </Field>
      <div className="h5-buttons">
        <Button block color="primary" loading={check.isPending} disabled={receipt.trim() === ''} onClick={() => check.mutate(receipt)}>
          核验
        </Button>
      </div>
      {check.data ? (
        <p className={check.data.counted ? 'h5-notice' : 'h5-error'} role="status">
          {check.data.counted ? '您的测评票已计入。' : '没有找到这张回执对应的测评票，请检查回执码。'}
        </p>
      ) : check.isError ? (
        <p className="h5-error" role="alert">
          {errorMessage(check.error)}
        </p>
      ) : null}
    </section>
  );
}

export default function AppraisalPage() {
  const { id = '' } = useParams();
  const detail = useAppraisalDetail(id);
  const [receipt, setReceipt] = useState<string | null>(null);
  const myId = useMe().data?.id;
  const appraisal = detail.data;
  const me = appraisal?.roster.find((member) => member.userId === myId);
  return (
    <H5Page title={appraisal?.title ?? '民主评议'} backTo="/h5/appraisals">
      <QueryState query={detail} signInReturnsTo={`/h5/appraisals/${id}`} signInFor="。">
        {appraisal ? (
          <>
            <p className="h5-hint" style={{ marginTop: 0 }}>
              {appraisal.stateLabel} · {appraisal.orgName}
            </p>
            {appraisal.allowedActions.includes('writeSelf') ? (
              <SelfAppraisal appraisal={appraisal} mine={me?.selfAppraisal ?? null} />
            ) : null}
            {receipt ? <ReceiptCard receipt={receipt} /> : null}
            {appraisal.allowedActions.includes('vote') && !receipt ? (
              <Ballot appraisal={appraisal} myId={myId} onVoted={setReceipt} />
            ) : null}
            {appraisal.allowedActions.includes('receipts') ? <ReceiptCheck appraisal={appraisal} /> : null}
            {me?.finalGradeLabel ? (
              <p className="h5-notice">
                您的评定等次：{me.finalGradeLabel}
                {me.followUpDueOn ? `。支部将帮助您在 ${me.followUpDueOn} 前限期改正。` : '。'}
              </p>
            ) : null}
          </>
        ) : null}
      </QueryState>
    </H5Page>
  );
}
