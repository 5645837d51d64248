import { Button } from 'antd-mobile';
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { H5Page } from '../../../../../h5/H5Page';
import { Loading, QueryState } from '../../../../../h5/QueryState';
import { ApiError, errorMessage } from '../../../../../shared/http';
import { uuid } from '../../../../../shared/uuid';
import { surveysApi } from '../../api';
import { useSurveyForm } from '../../queries';
import type { SurveyForm } from '../../types';

// SurveyJS and its styles come with this page only.
const SurveyRenderer = lazy(() => import('../SurveyRenderer'));

function Answering({ form, isPublic }: { form: SurveyForm; isPublic: boolean }) {
  const navigate = useNavigate();
  // One key for this filling-in: a retry after a lost response is counted once.
  const key = useRef(uuid());
  const [pending, setPending] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = useCallback(
    async (data: Record<string, unknown>) => {
      setPending(data);
      setError(null);
      try {
        await surveysApi.answer(form.id, isPublic, data, key.current);
        void navigate(`/h5/surveys/${form.id}/done`, { replace: true });
      } catch (cause) {
        setError(errorMessage(cause));
      }
    },
    [form.id, isPublic, navigate],
  );
  if (pending) {
    return error ? (
      <>
        <p className="h5-error" role="alert">
          {error}
        </p>
        <div className="h5-buttons">
          <Button block color="primary" onClick={() => void submit(pending)}>
            重新提交
          </Button>
        </div>
      </>
    ) : (
      <Loading />
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      <SurveyRenderer definition={form.definition} onComplete={(data) => void submit(data)} />
    </Suspense>
  );
}

/** 填写问卷: the questionnaire on a phone; public surveys need no account, the others are answered signed in. */
export default function SurveyPage() {
  const { id = '' } = useParams();
  const publicForm = useSurveyForm(id, false, true);
  const notPublic = publicForm.error instanceof ApiError && publicForm.error.status === 404;
  const myForm = useSurveyForm(id, true, notPublic);
  const query = notPublic ? myForm : publicForm;
  const form = query.data;
  return (
    <H5Page title={form?.title ?? '问卷调查'} backTo="/h5/surveys">
      <QueryState query={query} signInReturnsTo={`/h5/surveys/${id}`} signInFor="后填写。">
        {form ? (
          <>
            <p className="h5-hint">
              {form.orgName} · {form.anonymous ? '匿名填写，不记录您的身份' : '实名填写'}
            </p>
            {form.description ? <p>{form.description}</p> : null}
            {form.answered ? (
              <p className="h5-hint" role="status">
                您已经填写过这份问卷，感谢参与。
              </p>
            ) : !form.acceptingAnswers ? (
              <p className="h5-hint" role="status">
                问卷未开放或已截止。
              </p>
            ) : (
              <Answering form={form} isPublic={!notPublic} />
            )}
          </>
        ) : null}
      </QueryState>
    </H5Page>
  );
}
