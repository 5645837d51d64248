import { Button, Toast } from 'antd-mobile';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { H5Page } from '../../../../h5/H5Page';
import { ChoiceGroup, describedBy, Field } from '../../../../h5/form';
import { errorMessage } from '../../../../shared/http';
import { formatDateTime } from '../../../../shared/format';
import { SATISFACTION_LABELS } from '../../labels';
import { useLookup, useRate } from '../../queries';
import { SATISFACTIONS, type LookupBody, type PublicAppeal, type Satisfaction } from '../../types';
import { H5Timeline, StateBadge } from './common';

const SATISFACTION_OPTIONS = SATISFACTIONS.map((value) => ({ value, label: SATISFACTION_LABELS[value] }));
const RESOLVED_OPTIONS = [
  { value: 'yes', label: '已解决' },
  { value: 'no', label: '没有解决' },
] as const;

function prefill(state: unknown): Partial<LookupBody> {
  if (typeof state !== 'object' || state === null) {
    return {};
  }
  const { trackingNo, queryCode } = state as Partial<LookupBody>;
  return { trackingNo, queryCode };
}

function RatingForm({ credentials, onRated }: { credentials: LookupBody; onRated: (appeal: PublicAppeal) => void }) {
  const rate = useRate();
  const [satisfaction, setSatisfaction] = useState<Satisfaction>();
  const [resolved, setResolved] = useState<'yes' | 'no'>();
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ satisfaction?: string; resolved?: string }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      satisfaction: satisfaction ? undefined : '请选择您对办理结果是否满意',
      resolved: resolved ? undefined : '请选择问题是否已经解决',
    };
    setErrors(found);
    if (!satisfaction || !resolved) {
      return;
    }
    rate.mutate(
      { ...credentials, satisfaction, resolved: resolved === 'yes', comment: comment.trim() || undefined },
      {
        onSuccess: (appeal) => {
          Toast.show({ icon: 'success', content: '感谢您的评价' });
          onRated(appeal);
        },
        onError: (error) => Toast.show({ content: errorMessage(error), duration: 3000 }),
      },
    );
  };

  return (
    <section className="h5-section" aria-labelledby="rate-title">
      <h2 id="rate-title">评价办理结果</h2>
      <form className="h5-section-body" noValidate onSubmit={onSubmit} aria-labelledby="rate-title">
        <ChoiceGroup
          name="satisfaction"
          legend="您对办理结果满意吗？"
          options={SATISFACTION_OPTIONS}
          value={satisfaction}
          onChange={setSatisfaction}
          error={errors.satisfaction}
          testIdPrefix="rate-satisfaction"
        />
        {satisfaction === 'unsatisfied' ? <p className="h5-hint">选择“不满意”后，诉求会退回承办单位重新办理。</p> : null}
        <div style={{ height: 16 }} />
        <ChoiceGroup
          name="resolved"
          legend="问题是否已解决？"
          options={RESOLVED_OPTIONS}
          value={resolved}
          onChange={setResolved}
          error={errors.resolved}
          testIdPrefix="rate-resolved"
        />
        <div style={{ height: 8 }} />
        <Field id="rate-comment" label="还想说的话" optional aside={<span>{comment.length}/500</span>}>
          <textarea
            id="rate-comment"
            className="h5-textarea"
            style={{ minHeight: 96 }}
            maxLength={500}
            value={comment}
            data-testid="rate-comment"
            onChange={(event) => setComment(event.target.value)}
          />
        </Field>
        <Button type="submit" block color="primary" size="large" loading={rate.isPending} loadingText="正在提交…" data-testid="rate-submit">
          提交评价
        </Button>
      </form>
    </section>
  );
}

function AppealStatus({ appeal }: { appeal: PublicAppeal }) {
  return (
    <>
      <section className="h5-section" aria-labelledby="status-title" data-testid="track-result">
        <h2 id="status-title">办理状态</h2>
        <div className="h5-section-body">
          <p style={{ marginTop: 0 }}>
            <StateBadge state={appeal.state} label={appeal.stateLabel} />
          </p>
          <dl className="h5-dl">
            <dt>受理编号</dt>
            <dd>{appeal.trackingNo}</dd>
            <dt>诉求类别</dt>
            <dd>{appeal.categoryName}</dd>
            <dt>提交时间</dt>
            <dd>{formatDateTime(appeal.receivedAt)}</dd>
            {appeal.unitName ? (
              <>
                <dt>办理单位</dt>
                <dd>{appeal.unitName}</dd>
              </>
            ) : null}
            {appeal.dueAt && !appeal.closedAt ? (
              <>
                <dt>承诺办结</dt>
                <dd>{formatDateTime(appeal.dueAt)} 前</dd>
              </>
            ) : null}
            {appeal.closedAt ? (
              <>
                <dt>办结时间</dt>
                <dd>{formatDateTime(appeal.closedAt)}</dd>
              </>
            ) : null}
            {appeal.satisfaction ? (
              <>
                <dt>您的评价</dt>
                <dd>{SATISFACTION_LABELS[appeal.satisfaction]}</dd>
              </>
            ) : null}
          </dl>
        </div>
      </section>
      {appeal.replyText ? (
        <section className="h5-section" aria-labelledby="reply-title">
          <h2 id="reply-title">办理答复</h2>
          <div className="h5-section-body">
            <div className="h5-reply h5-content" data-testid="track-reply" style={{ marginTop: 0 }}>
              {appeal.replyText}
            </div>
            {appeal.repliedAt ? <p className="h5-hint">答复时间：{formatDateTime(appeal.repliedAt)}</p> : null}
          </div>
        </section>
      ) : null}
      <section className="h5-section" aria-labelledby="content-title">
        <h2 id="content-title">您反映的事</h2>
        <div className="h5-section-body">
          <p className="h5-content" style={{ margin: 0 }}>
            {appeal.content}
          </p>
          {appeal.address ? <p className="h5-hint">地点：{appeal.address}</p> : null}
        </div>
      </section>
      <section className="h5-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title">办理过程</h2>
        <div className="h5-section-body">
          <H5Timeline entries={appeal.timeline} />
        </div>
      </section>
    </>
  );
}

export default function TrackPage() {
  const location = useLocation();
  const [params] = useSearchParams();
  const initial = prefill(location.state);
  const [trackingNo, setTrackingNo] = useState(initial.trackingNo ?? params.get('no') ?? '');
  const [queryCode, setQueryCode] = useState(initial.queryCode ?? '');
  const [errors, setErrors] = useState<{ trackingNo?: string; queryCode?: string }>({});
  const [credentials, setCredentials] = useState<LookupBody>();
  const [appeal, setAppeal] = useState<PublicAppeal>();
  const lookup = useLookup();
  const autoRan = useRef(false);

  const run = (body: LookupBody) => {
    lookup.mutate(body, {
      onSuccess: (result) => {
        setCredentials(body);
        setAppeal(result);
      },
      onError: () => setAppeal(undefined),
    });
  };

  // Coming from the result page with both codes: show the progress at once.
  useEffect(() => {
    if (!autoRan.current && initial.trackingNo && initial.queryCode) {
      autoRan.current = true;
      run({ trackingNo: initial.trackingNo, queryCode: initial.queryCode });
    }
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { trackingNo: trackingNo.trim(), queryCode: queryCode.trim().toUpperCase() };
    const found = {
      trackingNo: body.trackingNo.length < 6 ? '请输入受理编号' : undefined,
      queryCode: body.queryCode.length < 4 ? '请输入查询码' : undefined,
    };
    setErrors(found);
    if (found.trackingNo || found.queryCode) {
      document.getElementById(found.trackingNo ? 'track-no' : 'track-code')?.focus();
      return;
    }
    run(body);
  };

  return (
    <H5Page title="查询进度">
      <form className="h5-section" noValidate onSubmit={onSubmit} aria-label="查询办理进度">
        <Field id="track-no" label="受理编号" required error={errors.trackingNo}>
          <input
            id="track-no"
            className="h5-input"
            data-testid="track-no"
            inputMode="numeric"
            autoComplete="off"
            value={trackingNo}
            maxLength={40}
            aria-invalid={!!errors.trackingNo}
            aria-describedby={describedBy('track-no', errors.trackingNo, false)}
            onChange={(event) => setTrackingNo(event.target.value)}
          />
        </Field>
        <Field id="track-code" label="查询码" required error={errors.queryCode} hint="提交诉求后页面上显示的查询码">
          <input
            id="track-code"
            className="h5-input"
            data-testid="track-code"
            autoComplete="off"
            autoCapitalize="characters"
            value={queryCode}
            maxLength={20}
            aria-invalid={!!errors.queryCode}
            aria-describedby={describedBy('track-code', errors.queryCode, true)}
            onChange={(event) => setQueryCode(event.target.value)}
          />
        </Field>
        <div className="h5-field">
          <Button
            type="submit"
            block
            color="primary"
            size="large"
            loading={lookup.isPending}
            loadingText="正在查询…"
            data-testid="track-submit"
          >
            查询
          </Button>
          {lookup.isError ? (
            <p className="h5-error" role="alert">
              {errorMessage(lookup.error)}
            </p>
          ) : null}
        </div>
      </form>
      {appeal && credentials ? (
        <>
          <AppealStatus appeal={appeal} />
          {appeal.canRate ? <RatingForm credentials={credentials} onRated={setAppeal} /> : null}
        </>
      ) : null}
    </H5Page>
  );
}
