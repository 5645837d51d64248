import { App, Button, DatePicker, Input, Modal, Radio, Select, Space, Spin, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { PageTitle } from '../../../../console/PageTitle';
import { errorMessage } from '../../../../shared/http';
import { fromSurveyJson, toSurveyJson, type BuilderQuestion } from '../builder';
import { useAudienceOrgs, useAudiencePeople, useCreateSurvey, useEditSurvey, useSurveyDetail, useSurveyTemplates } from '../queries';
import type { SurveyDetail, SurveyFields } from '../types';
import { QuestionListEditor } from './QuestionListEditor';
import '../surveys.css';

// SurveyJS is loaded only when the preview opens.
const SurveyRenderer = lazy(() => import('./SurveyRenderer'));

interface Draft {
  title: string;
  description: string;
  audienceKind: 'public' | 'orgs' | 'users';
  orgIds: string[];
  /** The named people, with their names for the picker's tags. */
  people: { value: string; label: string }[];
  anonymous: boolean;
  dates: [Dayjs | null, Dayjs | null];
  questions: BuilderQuestion[];
}

const emptyDraft: Draft = {
  title: '',
  description: '',
  audienceKind: 'public',
  orgIds: [],
  people: [],
  anonymous: true,
  dates: [null, null],
  questions: [],
};

function draftOf(detail: SurveyDetail): Draft {
  return {
    title: detail.title,
    description: detail.description,
    audienceKind: detail.audience,
    orgIds: detail.audienceOrgs.map((org) => org.id),
    people: detail.audienceUsers.map((person) => ({ value: person.id, label: person.name })),
    anonymous: detail.anonymous,
    dates: [detail.opensAt ? dayjs(detail.opensAt) : null, detail.closesAt ? dayjs(detail.closesAt) : null],
    questions: fromSurveyJson(detail.definition),
  };
}

const fieldsOf = (draft: Draft): SurveyFields => ({
  title: draft.title,
  description: draft.description,
  definition: toSurveyJson(draft.questions),
  audience:
    draft.audienceKind === 'orgs'
      ? { kind: 'orgs', orgIds: draft.orgIds }
      : draft.audienceKind === 'users'
        ? { kind: 'users', userIds: draft.people.map((person) => person.value) }
        : { kind: 'public' },
  anonymous: draft.anonymous,
  opensAt: draft.dates[0]?.toISOString() ?? null,
  closesAt: draft.dates[1]?.toISOString() ?? null,
});

/** Named people, found by name among the organisations the worker runs. */
function PeoplePicker({ value, onChange }: { value: Draft['people']; onChange: (people: Draft['people']) => void }) {
  const [text, setText] = useState('');
  const found = useAudiencePeople(text.trim());
  const options = [
    ...value,
    ...(found.data ?? [])
      .filter((person) => !value.some((chosen) => chosen.value === person.id))
      .map((person) => ({ value: person.id, label: `${person.name}（${person.orgName}）` })),
  ];
  return (
    <Select
      mode="multiple"
      labelInValue
      aria-label="调查的人员"
      style={{ minWidth: 320 }}
      placeholder="输入姓名查找"
      showSearch
      filterOption={false}
      onSearch={setText}
      loading={found.isFetching}
      notFoundContent={text.trim() === '' ? '输入姓名查找' : '没有找到'}
      value={value}
      options={options}
      onChange={(people: Draft['people']) => onChange(people)}
    />
  );
}

function ImportDialog({
  open,
  onClose,
  onImport,
}: {
  open: boolean;
  onClose: () => void;
  onImport: (questions: BuilderQuestion[]) => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      const questions = fromSurveyJson(json);
      if (questions.length === 0) {
        throw new Error('没有找到题目');
      }
      onImport(questions);
      setText('');
      setError(null);
      onClose();
    } catch (cause) {
      setError(cause instanceof SyntaxError ? '不是有效的 JSON' : errorMessage(cause));
    }
  };
  return (
    <Modal title="导入 SurveyJS JSON" open={open} onCancel={onClose} onOk={submit} okText="导入" cancelText="取消" width={640}>
      <p>粘贴 SurveyJS 格式的问卷定义（包含 pages 或 elements）。保存时服务器会检查题型是否支持。</p>
      <Input.TextArea aria-label="SurveyJS JSON" rows={12} value={text} onChange={(event) => setText(event.target.value)} />
      {error ? (
        <p role="alert" className="survey-error">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}

function SurveyEditor({ detail }: { detail?: SurveyDetail }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(() => (detail ? draftOf(detail) : emptyDraft));
  const [importing, setImporting] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const templates = useSurveyTemplates();
  const orgs = useAudienceOrgs();
  const create = useCreateSurvey();
  const edit = useEditSurvey(detail?.id ?? '');
  const saving = create.isPending || edit.isPending;
  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));

  const save = async () => {
    try {
      const saved = detail
        ? await edit.mutateAsync({ ...fieldsOf(draft), version: detail.version })
        : await create.mutateAsync(fieldsOf(draft));
      void message.success('问卷已保存');
      void navigate(`/console/surveys/${saved.id}`);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <>
      <PageTitle
        title={detail ? '修改问卷' : '新建问卷'}
        extra={
          <Space>
            <Button onClick={() => setImporting(true)}>导入 JSON</Button>
            <Button onClick={() => setPreviewing(true)} disabled={draft.questions.length === 0}>
              预览
            </Button>
            <Button type="primary" loading={saving} onClick={() => void save()}>
              保存草稿
            </Button>
          </Space>
        }
      />
      <section className="console-panel survey-editor">
        {!detail ? (
          <div className="survey-builder-row">
            <span>从模板开始：</span>
            {(templates.data ?? []).map((template) => (
              <Button
                key={template.key}
                onClick={() =>
                  set({ title: template.title, description: template.description, questions: fromSurveyJson(template.definition) })
                }
              >
                {template.name}
              </Button>
            ))}
          </div>
        ) : null}
        <label className="survey-builder-field">
          <span>问卷标题</span>
          <Input value={draft.title} onChange={(event) => set({ title: event.target.value })} maxLength={200} />
        </label>
        <label className="survey-builder-field">
          <span>说明</span>
          <Input.TextArea
            value={draft.description}
            onChange={(event) => set({ description: event.target.value })}
            autoSize={{ minRows: 2 }}
          />
        </label>
        <div className="survey-builder-row">
          <span id="survey-audience">调查对象：</span>
          <Radio.Group
            aria-labelledby="survey-audience"
            value={draft.audienceKind}
            onChange={(event) => set({ audienceKind: event.target.value as Draft['audienceKind'] })}
            options={[
              { value: 'public', label: '公开链接（群众扫码填写）' },
              { value: 'orgs', label: '指定组织的成员' },
              { value: 'users', label: '指定人员' },
            ]}
          />
          {draft.audienceKind === 'orgs' ? (
            <Select
              mode="multiple"
              aria-label="调查的组织"
              style={{ minWidth: 320 }}
              placeholder="选择组织（含下级组织）"
              value={draft.orgIds}
              loading={orgs.isLoading}
              options={(orgs.data ?? []).map((org) => ({ value: org.id, label: `${'　'.repeat(Math.max(0, org.depth))}${org.name}` }))}
              onChange={(orgIds: string[]) => set({ orgIds })}
            />
          ) : null}
          {draft.audienceKind === 'users' ? <PeoplePicker value={draft.people} onChange={(people) => set({ people })} /> : null}
        </div>
        <div className="survey-builder-row">
          <label>
            匿名填写 <Switch checked={draft.anonymous} onChange={(anonymous) => set({ anonymous })} aria-label="匿名填写" />
          </label>
          <span>开放时间：</span>
          <DatePicker.RangePicker
            showTime
            allowEmpty={[true, true]}
            value={draft.dates}
            onChange={(dates) => set({ dates: [dates?.[0] ?? null, dates?.[1] ?? null] })}
            placeholder={['立即开始', '不设截止']}
          />
        </div>
        <h2 className="survey-section-title">题目</h2>
        <QuestionListEditor questions={draft.questions} onChange={(questions) => set({ questions })} />
      </section>
      <ImportDialog open={importing} onClose={() => setImporting(false)} onImport={(questions) => set({ questions })} />
      <Modal title="预览" open={previewing} onCancel={() => setPreviewing(false)} footer={null} width={760} destroyOnHidden>
        <Suspense fallback={<Spin />}>
          <SurveyRenderer
            definition={toSurveyJson(draft.questions)}
            completeText="完成预览"
            onComplete={() => {
              void message.info('预览完成，答卷不会保存');
              setPreviewing(false);
            }}
          />
        </Suspense>
      </Modal>
    </>
  );
}

export function SurveyCreatePage() {
  return <SurveyEditor />;
}

export function SurveyEditPage() {
  const { id } = useParams();
  const detail = useSurveyDetail(id);
  if (detail.isLoading) {
    return <Spin />;
  }
  if (detail.isError) {
    return <p role="alert">{errorMessage(detail.error)}</p>;
  }
  return <SurveyEditor detail={detail.data} />;
}
