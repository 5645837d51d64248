import type { Updateable } from 'kysely';
import { iso } from '../../../../core/clock';
import { conflict } from '../../../../core/errors';
import type { Survey, SurveyTable } from '../../../../db/schema';
import { updateSurvey as updateSurveyRow } from '../repository';
import type { UpdateSurveyInput } from '../schemas';
import { storeAudience } from './audience';
import { recordSurveyChange, staleVersion, type SurveyCommandContext } from './context';

/**
 * Edits a draft. Once published the questions stay as they were answered: changing them would mix
 * answers to different questionnaires in one result.
 */
export async function updateSurvey(c: SurveyCommandContext, survey: Survey, input: UpdateSurveyInput): Promise<void> {
  if (survey.state !== 'draft') {
    throw conflict('SURVEY_NOT_DRAFT', '问卷发布后不能再修改');
  }
  const opensAt = input.opensAt === undefined ? survey.opens_at : input.opensAt;
  const closesAt = input.closesAt === undefined ? survey.closes_at : input.closesAt;
  if (opensAt && closesAt && closesAt <= opensAt) {
    throw conflict('DATES_OUT_OF_ORDER', '截止时间须晚于开始时间');
  }
  const changes: Updateable<SurveyTable> = {
    title: input.title,
    description: input.description,
    definition: input.definition && JSON.stringify(input.definition),
    audience: input.audience?.kind,
    anonymous: input.anonymous === undefined ? undefined : input.anonymous ? 1 : 0,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    updated_at: iso(c.now),
  };
  if ((await updateSurveyRow(c.trx, survey.id, input.version, changes)) === 0) {
    throw staleVersion();
  }
  if (input.audience) {
    await storeAudience(c.trx, survey.id, input.audience);
  }
  await recordSurveyChange(c, survey, {
    auditType: 'survey.update',
    eventType: 'consult.surveys.updated',
    detail: { fields: Object.keys(input).filter((field) => field !== 'version') },
  });
}
