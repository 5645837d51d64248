import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { describedBy, Field } from '../../../../../h5/form';
import { QueryState } from '../../../../../h5/QueryState';
import { H5Page } from '../../../../../h5/H5Page';
import { errorMessage } from '../../../../../shared/http';
import { useCheckReceipt, useElectionDetail, useElectionResults, useNominate, useReceiptHashes } from '../../queries';
import { canHashLocally, receiptHash } from '../../receiptHash';
import { RECEIPT_LENGTH, type ElectionDetail } from '../../types';
import { ReceiptCard, VoteForm } from './VoteForm';

function NominateForm({ election }: { election: ElectionDetail }) {
  const nominate = useNominate(election.id);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section className="h5-section" aria-labelledby="nominate-title">
      <h2 id="nominate-title">我要提名</h2>
      <Field id="nominee-name" label="被提名人姓名" required>
        <input id="nominee-name" className="h5-input" value={name} maxLength={50} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field id="nominee-reason" label="提名理由" required hint="至少 10 字，写清事迹">
        <textarea
          id="nominee-reason"
          className="h5-textarea"
          rows={4}
          value={reason}
          maxLength={2000}
          aria-describedby={describedBy('nominee-reason', undefined, true)}
          onChange={(event) => setReason(event.target.value)}
        />
      </Field>
      {message ? (
        <p className={message.ok ? 'h5-hint' : 'h5-error'} role="status">
          {message.text}
        </p>
      ) : null}
      <div className="h5-buttons">
        <Button
          block
          color="primary"
          loading={nominate.isPending}
          onClick={() =>
            nominate.mutate(
              { name, reason },
              {
                onSuccess: () => {
                  setName('');
                  setReason('');
                  setMessage({ ok: true, text: '提名已提交，工作人员审核通过后列为候选人。' });
                },
                onError: (error) => setMessage({ ok: false, text: errorMessage(error) }),
              },
            )
          }
        >
          提交提名
        </Button>
      </div>
    </section>
  );
}

type Verdict = { counted: boolean; locally: boolean };

/**
 * 核验选票: against the published list of receipt hashes, hashed on the phone where the browser can
 * (the receipt then never leaves it), else by asking the server, which answers only whether it was counted.
 */
function ReceiptCheck({ election }: { election: ElectionDetail }) {
  const check = useCheckReceipt(election.id);
  const published = useReceiptHashes(election.id, canHashLocally());
  const [receipt, setReceipt] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const verify = async () => {
    setVerdict(null);
    if (published.data) {
      const hash = await receiptHash(receipt);
      setVerdict({ counted: published.data.hashes.includes(hash), locally: true });
      return;
    }
    check.mutate(receipt, { onSuccess: (result) => setVerdict({ counted: result.counted, locally: false }) });
  };
  return (
    <section className="h5-section" aria-labelledby="check-title">
      <h2 id="check-title">核验我的选票</h2>
      {published.data ? <p className="h5-hint">回执公示：共 {published.data.hashes.length} 张选票的回执哈希。</p> : null}
      <Field id="receipt" label="投票回执码" hint={`投票成功时显示的 ${RECEIPT_LENGTH} 位回执码`}>
        <input
          id="receipt"
          className="h5-input"
          value={receipt}
          autoCapitalize="characters"
          aria-describedby={describedBy('receipt', undefined, true)}
          onChange={(event) => setReceipt(event.target.value)}
        />
      </Field>
      <div className="h5-buttons">
        <Button block color="primary" loading={check.isPending} disabled={receipt.trim() === ''} onClick={() => void verify()}>
          核验
        </Button>
      </div>
      {verdict ? (
        <p className={verdict.counted ? 'h5-notice' : 'h5-error'} role="status" data-testid="receipt-verdict">
          {verdict.counted ? '您的选票已计入。' : '没有找到这张回执对应的选票，请检查回执码是否输入正确。'}
          {verdict.locally ? '（在您的手机上与公示的回执哈希比对，回执码没有发送给服务器。）' : ''}
        </p>
      ) : check.isError ? (
        <p className="h5-error" role="alert">
          {errorMessage(check.error)}
        </p>
      ) : null}
    </section>
  );
}

function Results({ election }: { election: ElectionDetail }) {
  const results = useElectionResults(election.id, true);
  if (results.isError) {
    return <p className="h5-hint">{errorMessage(results.error)}</p>;
  }
  return results.data ? (
    <section className="h5-section" aria-labelledby="results-title">
      <h2 id="results-title">{election.state === 'publicity' ? `评选结果公示（至 ${election.publicityEndsOn}）` : '评选结果'}</h2>
      <ol>
        {results.data.candidates.map((candidate) => (
          <li key={candidate.id}>
            {candidate.name}：{candidate.votes} 票
          </li>
        ))}
      </ol>
    </section>
  ) : null;
}

/** One election on the phone: its candidates, nominating, voting, and after the close the receipt check and result. */
export default function ElectionPage() {
  const { id = '' } = useParams();
  const detail = useElectionDetail(id);
  // Kept here, not in the vote form: once the vote is in, the form goes, and the receipt must stay on screen.
  const [receipt, setReceipt] = useState<string | null>(null);
  const election = detail.data;
  return (
    <H5Page title={election?.title ?? '评选'} backTo="/h5/elections">
      <QueryState query={detail} signInReturnsTo={`/h5/elections/${id}`} signInFor="。">
        {election ? (
          <>
            <p className="h5-hint" style={{ marginTop: 0 }}>
              {election.stateLabel} · {election.orgName} · 投票 {election.votingStartsOn} 至 {election.votingEndsOn}
            </p>
            {election.description ? <p className="h5-content">{election.description}</p> : null}
            {election.allowedActions.includes('nominate') ? <NominateForm election={election} /> : null}
            {receipt ? <ReceiptCard receipt={receipt} /> : null}
            {election.allowedActions.includes('vote') && !receipt ? <VoteForm election={election} onVoted={setReceipt} /> : null}
            {election.state === 'voting' && election.myVote === 'voted' && !receipt ? (
              <p className="h5-notice">您已投票，感谢参与。投票结束后可核验选票是否计入。</p>
            ) : null}
            {election.allowedActions.includes('receipts') && election.myVote === 'voted' ? <ReceiptCheck election={election} /> : null}
            {election.allowedActions.includes('results') ? <Results election={election} /> : null}
          </>
        ) : null}
      </QueryState>
    </H5Page>
  );
}
