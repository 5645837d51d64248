import { iso } from '../../../../core/clock';
import { conflict } from '../../../../core/errors';
import type { Survey } from '../../../../db/schema';
import { updateSurvey } from '../repository';
import { recordSurveyChange, staleVersion, type ScheduledChangeContext, type SurveyCommandContext } from './context';

/** 发布: the survey is shown to its audience and takes answers from its opening date. */
export async function publishSurvey(c: SurveyCommandContext, survey: Survey, version: number): Promise<void> {
  if (survey.state !== 'draft') {
    throw conflict('SURVEY_NOT_DRAFT', '只有草稿可以发布');
  }
  const now = iso(c.now);
  if (survey.closes_at && survey.closes_at <= now) {
    throw conflict('SURVEY_CLOSES_IN_PAST', '截止时间已过，请先修改截止时间');
  }
  if ((await updateSurvey(c.trx, survey.id, version, { state: 'published', published_at: now, updated_at: now })) === 0) {
    throw staleVersion();
  }
  await recordSurveyChange(c, survey, { auditType: 'survey.publish', eventType: 'consult.surveys.published', detail: {} });
}

/** 结束: no more answers are taken; the results stay. */
export async function closeSurvey(c: ScheduledChangeContext, survey: Survey, version: number): Promise<void> {
  if (survey.state !== 'published') {
    throw conflict('SURVEY_NOT_PUBLISHED', '只有已发布的问卷可以结束');
  }
  const now = iso(c.now);
  if ((await updateSurvey(c.trx, survey.id, version, { state: 'closed', closed_at: now, updated_at: now })) === 0) {
    throw staleVersion();
  }
  await recordSurveyChange(c, survey, { auditType: 'survey.close', eventType: 'consult.surveys.closed', detail: {} });
}

/**
 * 发布结果: the counts (never free text, never a breakdown by organisation) go to the public board,
 * and stay current while answers still arrive. Publishing again records the new time.
 */
export async function publishSurveyResults(c: SurveyCommandContext, survey: Survey, version: number): Promise<void> {
  if (survey.state === 'draft') {
    throw conflict('SURVEY_NOT_PUBLISHED', '问卷尚未发布，没有结果可以公布');
  }
  const now = iso(c.now);
  if ((await updateSurvey(c.trx, survey.id, version, { results_published_at: now, updated_at: now })) === 0) {
    throw staleVersion();
  }
  await recordSurveyChange(c, survey, { auditType: 'survey.publish_results', eventType: 'consult.surveys.resultsPublished', detail: {} });
}
