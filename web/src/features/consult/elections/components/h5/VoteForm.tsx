import { Button, Checkbox, Toast } from 'antd-mobile';
import { useState } from 'react';
import { copyText } from '../../../../../shared/clipboard';
import { errorMessage } from '../../../../../shared/http';
import { useCastVote } from '../../queries';
import type { ElectionDetail } from '../../types';

/** The receipt, shown this once: the server keeps only its hash. */
export function ReceiptCard({ receipt }: { receipt: string }) {
  const copy = async () => {
    const ok = await copyText(receipt);
    Toast.show({ content: ok ? '回执码已复制' : '复制失败，请长按文字手动复制' });
  };
  return (
    <section className="h5-section" aria-labelledby="receipt-title">
      <h2 id="receipt-title">投票成功</h2>
      <div className="h5-codes">
        <div className="h5-code">
          <span className="h5-code-label">投票回执码</span>
          <strong className="h5-code-value" data-testid="ballot-receipt">
            {receipt}
          </strong>
          <Button size="small" fill="outline" color="primary" onClick={() => void copy()} aria-label="复制回执码">
            复制
          </Button>
        </div>
      </div>
      <p className="h5-notice" role="note">
        请务必抄下或复制保存回执码：它只显示这一次，系统不保存回执码本身，丢失后无法找回。投票结束后可凭回执码核验您的选票已计入；回执码不会显示您投给了谁。
      </p>
    </section>
  );
}

/** 保密说明 (checklist §6, level A): what the secrecy rests on, said where the vote is cast. */
export function BallotSecrecyNote() {
  return (
    <details className="h5-hint">
      <summary>投票保密说明</summary>
      <p>
        系统分开保存“谁已投票”和“选票内容”，两者之间没有任何可以对应的信息：选票上不记录投票人、时间和网络地址，审计日志只记“某人参加了投票”。投票结束前不显示任何结果，不足
        5 人的范围不显示结果。回执码只能证明您的选票已计入，不能显示您投给了谁。
      </p>
      <p>
        保密的前提是投票当时服务器程序按本说明运行；它不防范有人在投票进行中篡改服务器程序或实时监视数据库。投票结束时选票会按随机编号重新存放。
      </p>
    </details>
  );
}

/** 投票: up to N of the candidates, once. */
export function VoteForm({ election, onVoted }: { election: ElectionDetail; onVoted: (receipt: string) => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const cast = useCastVote(election.id);
  const full = chosen.length >= election.maxChoices;
  return (
    <section className="h5-section" aria-labelledby="vote-title">
      <h2 id="vote-title">投票（最多选 {election.maxChoices} 人）</h2>
      <Checkbox.Group value={chosen} onChange={(values) => setChosen(values as string[])}>
        {election.candidates.map((candidate) => (
          <div className="h5-card" key={candidate.id}>
            <Checkbox value={candidate.id} disabled={full && !chosen.includes(candidate.id)} aria-label={`选择 ${candidate.name}`}>
              <strong>{candidate.name}</strong>
              {candidate.unit ? `（${candidate.unit}）` : ''}
            </Checkbox>
            <p className="h5-content">{candidate.reason}</p>
          </div>
        ))}
      </Checkbox.Group>
      <p className="h5-hint">
        已选 {chosen.length} / {election.maxChoices} 人。投票不记名，每人只能投一次，提交后不能修改。
      </p>
      <BallotSecrecyNote />
      {error ? (
        <p className="h5-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="h5-buttons">
        <Button
          block
          color="primary"
          size="large"
          disabled={chosen.length === 0}
          loading={cast.isPending}
          onClick={() =>
            cast.mutate(chosen, {
              onSuccess: (result) => onVoted(result.receipt),
              onError: (failure) => setError(errorMessage(failure)),
            })
          }
        >
          提交选票
        </Button>
      </div>
    </section>
  );
}
