import { Button } from 'antd-mobile';
import { useRef, useState } from 'react';
import { describedBy, Field, SwitchField } from '../../../../../h5/form';
import { ApiError, errorMessage } from '../../../../../shared/http';
import { uuid } from '../../../../../shared/uuid';
import { useRegister } from '../../queries';
import type { HearingDetail, MyRegistration } from '../../types';

const PHONE = /^1[3-9]\d{9}$/;

/** 报名表: name, phone, whether to speak and a short view. A retried submission carries the same key, so it registers once. */
export function RegisterForm({ hearing, onRegistered }: { hearing: HearingDetail; onRegistered: (registration: MyRegistration) => void }) {
  const register = useRegister(hearing.id);
  const idempotencyKey = useRef(uuid());
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [wantsToSpeak, setWantsToSpeak] = useState(false);
  const [statement, setStatement] = useState('');
  const [errors, setErrors] = useState<{ name?: string; phone?: string; form?: string }>({});
  const seatsLeft = Math.max(0, hearing.capacity - hearing.registeredCount);

  const submit = () => {
    const problems = {
      name: name.trim() === '' ? '请填写姓名' : undefined,
      phone: PHONE.test(phone.trim()) ? undefined : '请填写 11 位手机号',
    };
    setErrors(problems);
    if (problems.name || problems.phone) {
      return;
    }
    register.mutate(
      {
        body: { name: name.trim(), phone: phone.trim(), wantsToSpeak, statement: statement.trim() || undefined },
        idempotencyKey: idempotencyKey.current,
      },
      {
        onSuccess: (registration) => onRegistered(registration as MyRegistration),
        onError: (error) => {
          const field = error instanceof ApiError ? error.field : undefined;
          setErrors(
            field === 'body.phone'
              ? { phone: errorMessage(error) }
              : field === 'body.name'
                ? { name: errorMessage(error) }
                : { form: errorMessage(error) },
          );
        },
      },
    );
  };

  return (
    <section className="h5-section" aria-labelledby="register-title">
      <h2 id="register-title">我要报名</h2>
      <p className="h5-hint">{seatsLeft > 0 ? `还剩 ${seatsLeft} 个名额。` : '名额已满，现在报名将进入候补，有人取消时按报名先后递补。'}</p>
      <Field id="register-name" label="姓名" required error={errors.name}>
        <input
          id="register-name"
          className="h5-input"
          value={name}
          maxLength={50}
          autoComplete="name"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('register-name', errors.name, false)}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <Field id="register-phone" label="手机号" required error={errors.phone} hint="仅组织者可见，用于通知会议变动">
        <input
          id="register-phone"
          className="h5-input"
          value={phone}
          inputMode="tel"
          autoComplete="tel"
          maxLength={11}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={describedBy('register-phone', errors.phone, true)}
          onChange={(event) => setPhone(event.target.value)}
        />
      </Field>
      <SwitchField
        id="register-speak"
        label="我希望在会上发言"
        checked={wantsToSpeak}
        onChange={setWantsToSpeak}
        hint="发言人由组织者从报名者中确定"
      />
      <Field id="register-statement" label="我的观点" optional hint="简要写下您的看法，500 字以内">
        <textarea
          id="register-statement"
          className="h5-textarea"
          rows={4}
          value={statement}
          maxLength={500}
          aria-describedby={describedBy('register-statement', undefined, true)}
          onChange={(event) => setStatement(event.target.value)}
        />
      </Field>
      {errors.form ? (
        <p className="h5-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="h5-buttons">
        <Button block color="primary" size="large" loading={register.isPending} onClick={submit} data-testid="register-submit">
          提交报名
        </Button>
      </div>
    </section>
  );
}
