import { Alert, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageTitle } from '../../../../../console/PageTitle';
import { errorMessage } from '../../../../../shared/http';
import { useCheckIn, useHearingDetail } from '../../queries';
import { CHECK_IN_CODE_LENGTH, type CheckInResult } from '../../types';

/**
 * 现场签到 at the door: the organizer types the code shown under the registrant's QR code (a
 * handheld scanner that types what it reads works the same way). Each code lets one person in once.
 */
export default function CheckInPage() {
  const { id = '' } = useParams();
  const detail = useHearingDetail(id);
  const checkIn = useCheckIn(id);
  const [code, setCode] = useState('');
  const [last, setLast] = useState<{ ok: true; result: CheckInResult } | { ok: false; message: string } | null>(null);
  const hearing = detail.data;

  const submit = () => {
    const typed = code.trim();
    if (typed === '') {
      return;
    }
    checkIn.mutate(typed, {
      onSuccess: (result) => {
        setLast({ ok: true, result: result as CheckInResult });
        setCode('');
      },
      onError: (error) => setLast({ ok: false, message: errorMessage(error) }),
    });
  };

  return (
    <>
      <PageTitle title="现场签到" extra={<Link to={`/console/hearings/${id}`}>返回会议</Link>} />
      <section className="console-panel" aria-labelledby="check-in-title">
        <h2 id="check-in-title">{hearing ? `${hearing.kindLabel}：${hearing.topic}` : '签到'}</h2>
        {hearing ? (
          <p>
            已签到 {hearing.checkedInCount} 人 / 已报名 {hearing.registeredCount} 人
          </p>
        ) : null}
        <label htmlFor="check-in-code">签到码（{CHECK_IN_CODE_LENGTH} 位，不区分大小写）</label>
        <Space.Compact style={{ display: 'flex', maxWidth: 420, marginTop: 8 }}>
          <Input
            id="check-in-code"
            size="large"
            autoFocus
            autoComplete="off"
            value={code}
            maxLength={12}
            onChange={(event) => setCode(event.target.value.toUpperCase())}
            onPressEnter={submit}
            data-testid="check-in-code"
          />
          <Button type="primary" size="large" loading={checkIn.isPending} onClick={submit}>
            签到
          </Button>
        </Space.Compact>
        <div role="status" aria-live="polite" style={{ marginTop: 16, maxWidth: 420 }}>
          {last?.ok ? (
            <Alert
              type="success"
              showIcon
              message={`${last.result.name} 签到成功${last.result.speaker ? '（发言人）' : ''}`}
              data-testid="check-in-result"
            />
          ) : last ? (
            <Alert type="error" showIcon message={last.message} data-testid="check-in-result" />
          ) : null}
        </div>
      </section>
    </>
  );
}
