import { iso } from '../../../../core/clock';
import { newId } from '../../../../core/ids';
import type { Survey } from '../../../../db/schema';
import { insertSurvey } from '../repository';
import type { CreateSurveyInput } from '../schemas';
import { storeAudience } from './audience';
import { recordSurveyChange, type SurveyCommandContext } from './context';

/** Drafts a survey for an organisation; nobody sees it until it is published. */
export async function createSurvey(c: SurveyCommandContext, orgId: string, input: CreateSurveyInput): Promise<Survey> {
  const now = iso(c.now);
  const survey: Survey = {
    id: newId(),
    org_id: orgId,
    title: input.title,
    description: input.description,
    definition: JSON.stringify(input.definition),
    audience: input.audience.kind,
    anonymous: input.anonymous ? 1 : 0,
    state: 'draft',
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    created_by: c.actor.id,
    created_at: now,
    updated_at: now,
    published_at: null,
    closed_at: null,
    results_published_at: null,
    version: 1,
  };
  await insertSurvey(c.trx, survey);
  await storeAudience(c.trx, survey.id, input.audience);
  await recordSurveyChange(c, survey, {
    auditType: 'survey.create',
    eventType: 'consult.surveys.created',
    detail: { title: survey.title, audience: survey.audience, anonymous: input.anonymous },
  });
  return survey;
}
