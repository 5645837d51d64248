import { useEffect, useMemo } from 'react';
import { Model } from 'survey-core';
import 'survey-core/i18n/simplified-chinese';
import 'survey-core/survey-core.min.css';
import { Survey } from 'survey-react-ui';
import type { SurveyJson } from '../types';

interface SurveyRendererProps {
  definition: SurveyJson;
  /** Called with the answers when the person presses 完成. */
  onComplete: (data: Record<string, unknown>) => void;
  completeText?: string;
}

/**
 * A SurveyJS questionnaire rendered by survey-react-ui, in Chinese. Lives in its own chunk with
 * SurveyJS, loaded only by the pages that show a survey. Hidden questions' answers are cleared on
 * completion, as the server expects.
 */
export default function SurveyRenderer({ definition, onComplete, completeText = '提交' }: SurveyRendererProps) {
  const model = useMemo(() => {
    const survey = new Model(definition);
    survey.locale = 'zh-cn';
    survey.showCompletedPage = false;
    survey.clearInvisibleValues = 'onComplete';
    survey.completeText = completeText;
    survey.showQuestionNumbers = 'on';
    return survey;
  }, [definition, completeText]);

  useEffect(() => {
    const handler = (sender: Model) => onComplete(sender.data as Record<string, unknown>);
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onComplete]);

  return <Survey model={model} />;
}
