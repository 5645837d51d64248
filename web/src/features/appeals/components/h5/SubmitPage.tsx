import { useMutation } from '@tanstack/react-query';
import { Button, Toast } from 'antd-mobile';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { H5Page } from '../../../../h5/H5Page';
import { describedBy, Field, SwitchField } from '../../../../h5/form';
import { errorField, errorMessage } from '../../../../shared/http';
import { uuid } from '../../../../shared/uuid';
import { appealsApi } from '../../api';
import { compressImage, MAX_PHOTOS } from '../../imageCompress';
import { useCategories } from '../../queries';
import type { Category, SubmitAppealBody, SubmitAppealResult } from '../../types';
import { saveLastSubmission } from './lastSubmission';
import { SimilarNotice } from './SimilarNotice';

const CONTENT_MAX = 2000;
const PHONE = /^1[3-9]\d{9}$/;

type FieldName = 'categoryCode' | 'content' | 'address' | 'contactName' | 'contactPhone' | 'photos';
type Errors = Partial<Record<FieldName, string>>;

const FIELD_IDS: Record<FieldName, string> = {
  categoryCode: 'submit-category',
  content: 'submit-content',
  address: 'submit-address',
  contactName: 'submit-contact-name',
  contactPhone: 'submit-contact-phone',
  photos: 'submit-photos',
};
const FIELD_ORDER = Object.keys(FIELD_IDS) as FieldName[];

interface Values {
  categoryCode: string;
  content: string;
  address: string;
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
  publicable: boolean;
}

interface Photo {
  key: string;
  name: string;
  previewUrl: string;
  dataBase64: string;
}

interface Position {
  lat: number;
  lng: number;
  accuracy: number;
}

const GEO_ERRORS: Record<number, string> = {
  1: '没有获得定位权限。请在手机设置里允许使用位置，或直接填写地址。',
  2: '暂时无法确定您的位置，请直接填写地址。',
  3: '定位超时，请再试一次，或直接填写地址。',
};

function validate(values: Values): Errors {
  const errors: Errors = {};
  const content = values.content.trim();
  if (!values.categoryCode) {
    errors.categoryCode = '请选择诉求类别';
  }
  if (content.length < 5) {
    errors.content = content.length === 0 ? '请填写您要反映的事情' : '请把事情说清楚一些，至少 5 个字';
  } else if (content.length > CONTENT_MAX) {
    errors.content = `诉求内容不能超过 ${CONTENT_MAX} 字`;
  }
  if (values.address.trim().length > 200) {
    errors.address = '地址不能超过 200 字';
  }
  if (!values.anonymous) {
    const name = values.contactName.trim();
    if (!name) {
      errors.contactName = '请填写您的姓名（不想留名可以打开“匿名反映”）';
    } else if (name.length > 50) {
      errors.contactName = '姓名不能超过 50 字';
    }
    if (!PHONE.test(values.contactPhone.trim())) {
      errors.contactPhone = values.contactPhone.trim() ? '请输入正确的 11 位手机号码' : '请填写手机号码，方便工作人员联系您';
    }
  }
  return errors;
}

function focusFirst(errors: Errors) {
  const first = FIELD_ORDER.find((field) => errors[field]);
  if (first) {
    const element = document.getElementById(FIELD_IDS[first]);
    element?.focus();
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}

function groupByType(categories: Category[]): [string, Category[]][] {
  const groups = new Map<string, Category[]>();
  for (const category of categories) {
    groups.set(category.typeLabel, [...(groups.get(category.typeLabel) ?? []), category]);
  }
  return [...groups.entries()];
}

export default function SubmitPage() {
  const navigate = useNavigate();
  const categories = useCategories();
  const [values, setValues] = useState<Values>({
    categoryCode: '',
    content: '',
    address: '',
    contactName: '',
    contactPhone: '',
    anonymous: false,
    publicable: false,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [processing, setProcessing] = useState(0);
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string>();
  // One key per filled form, sent again on every retry: a resubmission after a lost answer files nothing twice.
  const [idempotencyKey] = useState(uuid);
  const photosRef = useRef(photos);
  photosRef.current = photos;

  useEffect(() => () => photosRef.current.forEach((photo) => URL.revokeObjectURL(photo.previewUrl)), []);

  const submit = useMutation({
    mutationFn: (body: SubmitAppealBody) => appealsApi.submit(body, idempotencyKey),
    onSuccess: (result: SubmitAppealResult) => {
      saveLastSubmission(result);
      void navigate('/h5/submit/done', { replace: true, state: result });
    },
    onError: (error) => {
      const field = errorField(error) as FieldName | undefined;
      if (field && field in FIELD_IDS) {
        const next = { [field]: errorMessage(error) };
        setErrors(next);
        focusFirst(next);
      }
      Toast.show({ content: errorMessage(error), duration: 3000 });
    },
  });

  const grouped = useMemo(() => groupByType(categories.data ?? []), [categories.data]);
  const selectedCategory = categories.data?.find((category) => category.code === values.categoryCode);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    if (key in errors) {
      setErrors((previous) => ({ ...previous, [key]: undefined }));
    }
  };

  const addPhotos = async (files: File[]) => {
    const room = MAX_PHOTOS - photos.length - processing;
    if (files.length > room) {
      Toast.show({ content: `最多上传 ${MAX_PHOTOS} 张照片，已保留前 ${room} 张` });
    }
    const chosen = files.slice(0, Math.max(0, room));
    setProcessing((count) => count + chosen.length);
    setErrors((previous) => ({ ...previous, photos: undefined }));
    for (const file of chosen) {
      try {
        const compressed = await compressImage(file);
        const photo: Photo = {
          key: uuid(),
          name: file.name.replace(/\.[^.]+$/, '') + '.jpg',
          previewUrl: URL.createObjectURL(compressed.blob),
          dataBase64: compressed.dataBase64,
        };
        setPhotos((previous) => (previous.length < MAX_PHOTOS ? [...previous, photo] : previous));
      } catch (error) {
        Toast.show({ content: errorMessage(error) });
      } finally {
        setProcessing((count) => count - 1);
      }
    }
  };

  const removePhoto = (key: string) => {
    setPhotos((previous) => {
      const removed = previous.find((photo) => photo.key === key);
      if (removed) {
        URL.revokeObjectURL(removed.previewUrl);
      }
      return previous.filter((photo) => photo.key !== key);
    });
  };

  const locate = () => {
    setLocateError(undefined);
    if (!('geolocation' in navigator)) {
      setLocateError('您的浏览器不支持定位，请直接填写地址。');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (result) => {
        setLocating(false);
        setPosition({ lat: result.coords.latitude, lng: result.coords.longitude, accuracy: result.coords.accuracy });
      },
      (error) => {
        setLocating(false);
        setLocateError(GEO_ERRORS[error.code] ?? GEO_ERRORS[2]);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (submit.isPending) {
      return;
    }
    if (processing > 0) {
      Toast.show({ content: '照片还在处理中，请稍等一下再提交' });
      return;
    }
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      Toast.show({ content: '还有内容需要补充，请看标红的地方' });
      focusFirst(found);
      return;
    }
    const address = values.address.trim();
    submit.mutate({
      categoryCode: values.categoryCode,
      content: values.content.trim(),
      address: address || undefined,
      lat: position?.lat,
      lng: position?.lng,
      contactName: values.anonymous ? undefined : values.contactName.trim(),
      contactPhone: values.anonymous ? undefined : values.contactPhone.trim(),
      anonymous: values.anonymous,
      publicable: values.publicable,
      photos: photos.map((photo) => ({ name: photo.name, dataBase64: photo.dataBase64 })),
    });
  };

  const contentLength = values.content.length;
  const categoryHint = categories.isError ? '类别加载失败，请刷新页面重试' : (selectedCategory?.description ?? undefined);

  return (
    <H5Page title="我要反映">
      <p className="h5-notice">遇到火灾、治安、急救等紧急情况，请直接拨打 110、119、120。</p>
      <form noValidate onSubmit={onSubmit} aria-label="反映诉求">
        <section className="h5-section" aria-labelledby="submit-what">
          <h2 id="submit-what">反映什么事</h2>
          <Field id={FIELD_IDS.categoryCode} label="诉求类别" required error={errors.categoryCode} hint={categoryHint}>
            <select
              id={FIELD_IDS.categoryCode}
              className="h5-select"
              data-testid="submit-category"
              value={values.categoryCode}
              required
              aria-invalid={!!errors.categoryCode}
              aria-describedby={describedBy(FIELD_IDS.categoryCode, errors.categoryCode, !!categoryHint)}
              onChange={(event) => set('categoryCode', event.target.value)}
            >
              <option value="">{categories.isLoading ? '正在加载类别…' : '请选择'}</option>
              {grouped.map(([typeLabel, items]) => (
                <optgroup key={typeLabel} label={typeLabel}>
                  {items.map((category) => (
                    <option key={category.code} value={category.code}>
                      {category.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <Field
            id={FIELD_IDS.content}
            label="诉求内容"
            required
            error={errors.content}
            hint="请写清楚什么时间、什么地方、发生了什么事，希望怎么解决"
            aside={
              <span className={contentLength >= CONTENT_MAX ? 'h5-count-over' : undefined} aria-live="polite" data-testid="content-count">
                {contentLength}/{CONTENT_MAX}
              </span>
            }
          >
            <textarea
              id={FIELD_IDS.content}
              className="h5-textarea"
              data-testid="submit-content"
              value={values.content}
              maxLength={CONTENT_MAX}
              rows={6}
              required
              aria-invalid={!!errors.content}
              aria-describedby={describedBy(FIELD_IDS.content, errors.content, true)}
              onChange={(event) => set('content', event.target.value)}
            />
          </Field>
          <SimilarNotice content={values.content} onContinue={() => document.getElementById(FIELD_IDS.content)?.focus()} />
        </section>

        <section className="h5-section" aria-labelledby="submit-where">
          <h2 id="submit-where">在哪里</h2>
          <Field id={FIELD_IDS.address} label="发生地点" optional error={errors.address} hint="例如：幸福小区 3 号楼东侧">
            <input
              id={FIELD_IDS.address}
              className="h5-input"
              data-testid="submit-address"
              value={values.address}
              maxLength={200}
              autoComplete="street-address"
              aria-invalid={!!errors.address}
              aria-describedby={describedBy(FIELD_IDS.address, errors.address, true)}
              onChange={(event) => set('address', event.target.value)}
            />
          </Field>
          <div className="h5-field">
            <Button
              type="button"
              block
              fill="outline"
              color="primary"
              size="large"
              loading={locating}
              loadingText="正在定位…"
              onClick={locate}
              data-testid="submit-locate"
            >
              {position ? '重新定位' : '使用我的位置'}
            </Button>
            <div className="h5-hint" role="status" aria-live="polite" style={{ marginTop: 8 }}>
              {position ? (
                <span data-testid="submit-position">
                  已获取位置（经度 {position.lng.toFixed(5)}，纬度 {position.lat.toFixed(5)}，误差约 {Math.round(position.accuracy)} 米）
                  <button type="button" className="h5-link-button" onClick={() => setPosition(null)}>
                    不使用位置
                  </button>
                </span>
              ) : locateError ? (
                <span className="h5-error">{locateError}</span>
              ) : (
                '选填。定位能帮助工作人员更快找到地方。'
              )}
            </div>
          </div>
        </section>

        <section className="h5-section" aria-labelledby="submit-photos-title">
          <h2 id="submit-photos-title">现场照片（选填）</h2>
          <div className="h5-field">
            <div className="h5-photos">
              {photos.map((photo, index) => (
                <div className="h5-photo" key={photo.key}>
                  <img src={photo.previewUrl} alt={`已选照片 ${index + 1}`} />
                  <button
                    type="button"
                    className="h5-photo-remove"
                    onClick={() => removePhoto(photo.key)}
                    aria-label={`删除第 ${index + 1} 张照片`}
                  >
                    删除
                  </button>
                </div>
              ))}
              {photos.length + processing < MAX_PHOTOS ? (
                <label className="h5-photo-add" htmlFor={FIELD_IDS.photos}>
                  <span className="h5-photo-plus" aria-hidden="true">
                    +
                  </span>
                  <span>添加照片</span>
                  <input
                    id={FIELD_IDS.photos}
                    data-testid="submit-photos"
                    className="visually-hidden"
                    type="file"
                    accept="image/*"
                    multiple
                    aria-describedby="submit-photos-hint"
                    onChange={(event) => {
                      const files = Array.from(event.target.files ?? []);
                      event.target.value = '';
                      void addPhotos(files);
                    }}
                  />
                </label>
              ) : null}
            </div>
            <div className="h5-field-meta">
              <span id="submit-photos-hint">
                {errors.photos ? (
                  <span className="h5-error" role="alert">
                    {errors.photos}
                  </span>
                ) : processing > 0 ? (
                  `正在处理 ${processing} 张照片…`
                ) : (
                  `最多 ${MAX_PHOTOS} 张，会自动压缩`
                )}
              </span>
              <span aria-live="polite">
                {photos.length}/{MAX_PHOTOS}
              </span>
            </div>
          </div>
        </section>

        <section className="h5-section" aria-labelledby="submit-contact">
          <h2 id="submit-contact">怎么联系您</h2>
          <SwitchField
            id="submit-anonymous"
            testId="submit-anonymous"
            label="匿名反映"
            checked={values.anonymous}
            onChange={(checked) => set('anonymous', checked)}
            hint={
              values.anonymous
                ? '匿名时工作人员无法联系您，办理结果请凭受理编号和查询码查看。'
                : '您的姓名和电话只有负责办理的工作人员能看到。'
            }
          />
          {values.anonymous ? null : (
            <>
              <Field id={FIELD_IDS.contactName} label="您的姓名" required error={errors.contactName}>
                <input
                  id={FIELD_IDS.contactName}
                  className="h5-input"
                  data-testid="submit-contact-name"
                  value={values.contactName}
                  maxLength={50}
                  autoComplete="name"
                  aria-invalid={!!errors.contactName}
                  aria-describedby={describedBy(FIELD_IDS.contactName, errors.contactName, false)}
                  onChange={(event) => set('contactName', event.target.value)}
                />
              </Field>
              <Field id={FIELD_IDS.contactPhone} label="手机号码" required error={errors.contactPhone}>
                <input
                  id={FIELD_IDS.contactPhone}
                  className="h5-input"
                  data-testid="submit-contact-phone"
                  type="tel"
                  inputMode="numeric"
                  autoComplete="tel"
                  maxLength={11}
                  value={values.contactPhone}
                  aria-invalid={!!errors.contactPhone}
                  aria-describedby={describedBy(FIELD_IDS.contactPhone, errors.contactPhone, false)}
                  onChange={(event) => set('contactPhone', event.target.value.replace(/\D/g, ''))}
                />
              </Field>
            </>
          )}
          <SwitchField
            id="submit-publicable"
            testId="submit-publicable"
            label="同意公开"
            checked={values.publicable}
            onChange={(checked) => set('publicable', checked)}
            hint="同意后，办结的诉求和答复会去掉个人信息，在公开栏展示给大家看。"
          />
        </section>

        <Button
          type="submit"
          block
          color="primary"
          size="large"
          loading={submit.isPending}
          loadingText={photos.length > 0 ? '正在提交，照片较多时请稍等…' : '正在提交…'}
          disabled={submit.isPending}
          data-testid="submit-appeal"
        >
          提交
        </Button>
      </form>
    </H5Page>
  );
}
