import { iso } from '../../../core/clock';
import type { Survey } from '../../../db/schema';
import type { SurveyRow } from './repository';
import { SURVEY_AUDIENCE_LABELS, SURVEY_STATE_LABELS, type SurveyAction } from './schemas';

/** Published, and within its dates. */
export function acceptsAnswers(survey: Pick<Survey, 'state' | 'opens_at' | 'closes_at'>, now: Date): boolean {
  const at = iso(now);
  return survey.state === 'published' && (!survey.opens_at || survey.opens_at <= at) && (!survey.closes_at || at < survey.closes_at);
}

/** Where the masses answer a public survey: the H5 page a link or QR code opens. */
export const publicSurveyPath = (id: string) => `/h5/surveys/${id}`;

export function presentSummary(row: SurveyRow, now: Date) {
  return {
    id: row.id,
    title: row.title,
    state: row.state,
    stateLabel: SURVEY_STATE_LABELS[row.state],
    audience: row.audience,
    audienceLabel: SURVEY_AUDIENCE_LABELS[row.audience],
    anonymous: row.anonymous === 1,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    acceptingAnswers: acceptsAnswers(row, now),
    orgName: row.org_name,
    answerCount: row.answer_count,
    createdAt: row.created_at,
    resultsPublishedAt: row.results_published_at,
  };
}

/** What the organiser may do next, so the page shows exactly the buttons the server accepts. */
function allowedActions(row: SurveyRow, manages: boolean): SurveyAction[] {
  if (!manages) {
    return [];
  }
  const actions: SurveyAction[] = [];
  if (row.state === 'draft') {
    actions.push('edit', 'publish');
  }
  if (row.state === 'published') {
    actions.push('close');
  }
  if (row.state !== 'draft') {
    actions.push('publishResults', 'export');
  }
  return actions;
}

export function presentDetail(
  row: SurveyRow,
  audience: { orgs: { id: string; name: string }[]; users: { id: string; name: string }[] },
  manages: boolean,
  now: Date,
) {
  return {
    ...presentSummary(row, now),
    orgId: row.org_id,
    description: row.description,
    definition: JSON.parse(row.definition) as Record<string, unknown>,
    audienceOrgs: audience.orgs,
    audienceUsers: audience.users,
    publicPath: row.audience === 'public' ? publicSurveyPath(row.id) : null,
    version: row.version,
    allowedActions: allowedActions(row, manages),
  };
}

export function presentForm(row: SurveyRow, answered: boolean, now: Date) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    orgName: row.org_name,
    definition: JSON.parse(row.definition) as Record<string, unknown>,
    anonymous: row.anonymous === 1,
    acceptingAnswers: acceptsAnswers(row, now),
    closesAt: row.closes_at,
    answered,
  };
}
