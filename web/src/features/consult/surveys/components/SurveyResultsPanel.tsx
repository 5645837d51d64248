import { Card, Empty, List, Pagination, Select, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../../shared/http';
import { useSurveyResults, useSurveyTexts } from '../queries';
import { MIN_GROUP_SIZE, type QuestionResult } from '../types';
import { QuestionChart } from './QuestionChart';

function TextAnswers({ surveyId, question, orgId }: { surveyId: string; question: QuestionResult; orgId?: string }) {
  const [page, setPage] = useState(1);
  const texts = useSurveyTexts(surveyId, question.name, page, orgId);
  return (
    <>
      {question.keywords.length > 0 ? (
        <div className="survey-keywords" aria-label={`${question.title}的关键词`}>
          {question.keywords.map((keyword) => (
            <Tag key={keyword.word} color="blue">
              {keyword.word} × {keyword.count}
            </Tag>
          ))}
        </div>
      ) : null}
      <List
        size="small"
        loading={texts.isLoading}
        dataSource={texts.data?.items ?? []}
        locale={{ emptyText: '暂无文字回答' }}
        renderItem={(item) => (
          <List.Item>
            <div>
              <p>{item.text}</p>
              <div className="survey-keywords">
                {item.keywords.map((word) => (
                  <Tag key={word}>{word}</Tag>
                ))}
                <span>
                  {item.submittedOn}
                  {item.orgName ? ` · ${item.orgName}` : ''}
                </span>
              </div>
            </div>
          </List.Item>
        )}
      />
      {(texts.data?.total ?? 0) > 10 ? (
        <Pagination size="small" current={page} pageSize={10} total={texts.data?.total} onChange={setPage} />
      ) : null}
    </>
  );
}

/** 问卷结果: a chart per choice and rating question, free text with keywords, filtered by the respondents' organisation. */
export function SurveyResultsPanel({ surveyId, anonymous }: { surveyId: string; anonymous: boolean }) {
  const [orgId, setOrgId] = useState<string | undefined>();
  const results = useSurveyResults(surveyId, orgId, true);
  if (results.isError) {
    return <p role="alert">{errorMessage(results.error)}</p>;
  }
  const data = results.data;
  return (
    <section className="console-panel" aria-label="问卷结果">
      <div className="survey-builder-row">
        <h2 className="survey-section-title">
          结果（实时）：<span data-testid="answer-count">{data?.answerCount ?? 0}</span> 份答卷
        </h2>
        <Select
          allowClear
          placeholder="全部组织"
          aria-label="按组织筛选"
          style={{ width: 240 }}
          value={orgId}
          onChange={(value?: string) => setOrgId(value)}
          options={(data?.orgs ?? []).map((org) => ({ value: org.id, label: `${org.name}（${org.count}）` }))}
        />
        {anonymous ? <span>匿名问卷：答卷少于 {MIN_GROUP_SIZE} 份的组织不单独显示</span> : null}
      </div>
      {!data || data.answerCount === 0 ? (
        <Empty description="还没有答卷" />
      ) : (
        <div className="survey-results">
          {data.questions.map((question) => (
            <Card key={question.name} size="small" title={question.title}>
              <p>
                <span data-testid={`answered-${question.name}`}>{question.answered}</span> 人作答
                {question.average !== null ? `，平均 ${question.average} 分` : ''}
              </p>
              {question.type === 'text' || question.type === 'comment' ? (
                <TextAnswers surveyId={surveyId} question={question} orgId={orgId} />
              ) : (
                <QuestionChart question={question} />
              )}
            </Card>
          ))}
        </div>
      )}
    </section>
  );
}
