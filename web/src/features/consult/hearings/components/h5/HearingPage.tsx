import { Button } from 'antd-mobile';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describedBy, Field } from '../../../../../h5/form';
import { QueryState } from '../../../../../h5/QueryState';
import { H5Page } from '../../../../../h5/H5Page';
import { formatDateTime } from '../../../../../shared/format';
import { errorMessage, loginPath } from '../../../../../shared/http';
import { useCancelRegistration, useHearingDetail, useLookupRegistration } from '../../queries';
import type { HearingDetail, MyRegistration } from '../../types';
import { CheckInCode } from './CheckInCode';
import { RegisterForm } from './RegisterForm';
import './hearings.css';

function RegistrationCard({
  hearing,
  registration,
  onCancelled,
}: {
  hearing: HearingDetail;
  registration: MyRegistration;
  onCancelled: () => void;
}) {
  const cancel = useCancelRegistration(hearing.id);
  const [confirming, setConfirming] = useState(false);
  const signedIn = hearing.myRegistration?.id === registration.id;
  return (
    <section className="h5-section" aria-labelledby="mine-title">
      <h2 id="mine-title">我的报名</h2>
      <p className="h5-notice" data-testid="registration-status">
        {registration.status === 'waitlisted'
          ? `候补第 ${registration.waitlistPosition} 位：有人取消时按顺序递补${signedIn ? '，递补后会通知您' : '，请凭签到码回来查看'}。`
          : registration.status === 'cancelled'
            ? '报名已取消。'
            : registration.checkedInAt
              ? `已于 ${formatDateTime(registration.checkedInAt)} 签到。`
              : `报名成功${registration.speaker ? '，您已被确定为发言人' : ''}。请按时到场签到。`}
      </p>
      <p className="h5-hint">
        {registration.name} · {registration.phoneMasked}
      </p>
      {registration.status === 'registered' ? <CheckInCode registration={registration} /> : null}
      {registration.status === 'waitlisted' ? (
        <p className="h5-hint">
          签到码 <strong data-testid="waitlist-code">{registration.code}</strong>（递补成功后凭此签到）
        </p>
      ) : null}
      {registration.canCancel ? (
        <div className="h5-buttons">
          {confirming ? (
            <>
              <p className="h5-hint">确定取消报名吗？取消后名额会让给候补的人。</p>
              <Button
                block
                color="danger"
                loading={cancel.isPending}
                onClick={() => cancel.mutate(signedIn ? undefined : registration.code, { onSuccess: onCancelled })}
              >
                确定取消
              </Button>
              <Button block onClick={() => setConfirming(false)}>
                不取消
              </Button>
            </>
          ) : (
            <Button block onClick={() => setConfirming(true)}>
              取消报名
            </Button>
          )}
          {cancel.isError ? (
            <p className="h5-error" role="alert">
              {errorMessage(cancel.error)}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** Without an account, the registration is found again by its check-in code. */
function LookupForm({ hearing, onFound }: { hearing: HearingDetail; onFound: (registration: MyRegistration) => void }) {
  const lookup = useLookupRegistration(hearing.id);
  const [code, setCode] = useState('');
  return (
    <section className="h5-section" aria-labelledby="lookup-title">
      <h2 id="lookup-title">已报名？凭签到码查看</h2>
      <Field id="lookup-code" label="签到码" hint="报名成功时显示的 8 位签到码">
        <input
          id="lookup-code"
          className="h5-input"
          value={code}
          autoCapitalize="characters"
          aria-describedby={describedBy('lookup-code', undefined, true)}
          onChange={(event) => setCode(event.target.value)}
        />
      </Field>
      <div className="h5-buttons">
        <Button block disabled={code.trim() === ''} loading={lookup.isPending} onClick={() => lookup.mutate(code, { onSuccess: onFound })}>
          查看我的报名
        </Button>
      </div>
      {lookup.isError ? (
        <p className="h5-error" role="alert">
          {errorMessage(lookup.error)}
        </p>
      ) : null}
    </section>
  );
}

/** One hearing on the phone: what it is about, its materials and calendar file, registering and the registrant's code. */
export default function HearingPage() {
  const { id = '' } = useParams();
  const detail = useHearingDetail(id);
  // A registration made or found without an account lives only on this screen; a signed-in person's comes with the detail.
  const [shown, setShown] = useState<MyRegistration | null>(null);
  const hearing = detail.data;
  const registration = hearing?.myRegistration ?? shown;
  return (
    <H5Page title={hearing ? hearing.kindLabel : '听证议事'} backTo="/h5/hearings">
      <QueryState query={detail}>
        {hearing ? (
          <>
            <section className="h5-section" aria-labelledby="hearing-topic">
              <h2 id="hearing-topic">{hearing.topic}</h2>
              <p className="h5-card-meta">
                {hearing.stateLabel} · {hearing.orgName}
              </p>
              <p className="h5-card-meta">
                时间：{formatDateTime(hearing.startsAt)} 至 {formatDateTime(hearing.endsAt)}
              </p>
              <p className="h5-card-meta">地点：{hearing.place}</p>
              <p className="h5-card-meta">
                报名：{formatDateTime(hearing.registrationOpensAt)} 至 {formatDateTime(hearing.registrationClosesAt)}，已报名{' '}
                {hearing.registeredCount} / {hearing.capacity}
              </p>
              <p className="h5-content">{hearing.background}</p>
              <p className="h5-hearing-links">
                <a href={hearing.calendarUrl} data-testid="add-to-calendar">
                  添加到日历
                </a>
              </p>
            </section>
            {hearing.materials.length > 0 ? (
              <section className="h5-section" aria-labelledby="materials-title">
                <h2 id="materials-title">会议材料</h2>
                <ul className="h5-hearing-list h5-hearing-links">
                  {hearing.materials.map((material) => (
                    <li key={material.id}>
                      <a href={material.url}>{material.name}</a>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {hearing.state === 'concluded' ? (
              <p className="h5-notice h5-hearing-links">
                会议结果已公布：<Link to={`/h5/hearings/${id}/outcome`}>查看议定结果</Link>
              </p>
            ) : null}
            {registration && registration.status !== 'cancelled' ? (
              <RegistrationCard hearing={hearing} registration={registration} onCancelled={() => setShown(null)} />
            ) : hearing.allowedActions.includes('register') ? (
              <RegisterForm hearing={hearing} onRegistered={setShown} />
            ) : hearing.registrationOpen && hearing.audience !== 'public' ? (
              <p className="h5-hint">
                请先<Link to={loginPath(`/h5/hearings/${id}`)}>登录</Link>后报名。
              </p>
            ) : null}
            {!hearing.myRegistration && !shown && hearing.state !== 'concluded' && hearing.state !== 'draft' ? (
              <LookupForm hearing={hearing} onFound={setShown} />
            ) : null}
          </>
        ) : null}
      </QueryState>
    </H5Page>
  );
}
