import '../../surveys.css';
import { DotLoading } from 'antd-mobile';
import { useParams } from 'react-router-dom';
import { H5Page } from '../../../../../h5/H5Page';
import { errorMessage } from '../../../../../shared/http';
import { usePublicResults } from '../../queries';
import type { ResultItem } from '../../types';

/** A bar per choice, drawn with CSS: the phone page needs no chart library. */
function Bars({ items, total }: { items: ResultItem[]; total: number }) {
  return (
    <ul className="survey-bars">
      {items.map((item) => {
        const share = total > 0 ? Math.round((item.count / total) * 100) : 0;
        return (
          <li key={item.value}>
            <span>{item.label}</span>
            <span className="survey-bar" style={{ width: `${share}%` }} aria-hidden="true" />
            <span>{item.average !== null ? `平均第 ${item.average} 位` : `${item.count} 人（${share}%）`}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** 调查结果: the summary a worker published, counts only. */
export default function SurveyResultsPage() {
  const { id = '' } = useParams();
  const results = usePublicResults(id);
  const data = results.data;
  return (
    <H5Page title="调查结果" backTo="/h5/surveys">
      {results.isLoading ? (
        <DotLoading />
      ) : results.isError || !data ? (
        <p className="h5-error" role="alert">
          {errorMessage(results.error)}
        </p>
      ) : (
        <>
          <h2>{data.title}</h2>
          <p className="h5-hint">
            {data.orgName} · 共 {data.answerCount} 份答卷 · {data.state === 'closed' ? '调查已结束' : '调查进行中'}
          </p>
          {data.questions.map((question) => (
            <section className="h5-card" key={question.name}>
              <h3>{question.title}</h3>
              <p className="h5-hint">
                {question.answered} 人作答{question.average !== null ? `，平均 ${question.average} 分` : ''}
              </p>
              {question.type === 'matrix' ? (
                question.rows.map((row) => (
                  <div key={row.value}>
                    <h4>{row.label}</h4>
                    <Bars items={row.columns} total={row.columns.reduce((sum, column) => sum + column.count, 0)} />
                  </div>
                ))
              ) : (
                <Bars items={question.items} total={question.answered} />
              )}
            </section>
          ))}
        </>
      )}
    </H5Page>
  );
}
