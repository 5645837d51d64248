import { describe, expect, it } from 'vitest';
import * as serverRoles from '../src/core/roles';
import * as serverSchemas from '../src/modules/appeals/schemas';
import * as serverSettings from '../src/modules/appeals/settings';
import * as serverStates from '../src/modules/appeals/stateMachine';
import * as serverArticleNoise from '../src/modules/articles/noise';
import * as serverArticlePolicy from '../src/modules/articles/policy';
import * as serverArticles from '../src/modules/articles/schemas';
import * as serverOpinionPolicy from '../src/modules/opinion/policy';
import * as serverOpinion from '../src/modules/opinion/schemas';
import * as serverOpinionTables from '../src/db/migrations/0008_opinion';
import * as serverText from '../src/text';
import * as serverAppraisalPolicy from '../src/modules/consult/appraisal/policy';
import * as serverAppraisal from '../src/modules/consult/appraisal/schemas';
import * as serverBallotBox from '../src/modules/consult/ballots/box';
import * as serverBallotSeal from '../src/modules/consult/ballots/seal';
import * as serverConsultPolicy from '../src/modules/consult/policy';
import * as serverElections from '../src/modules/consult/elections/schemas';
import * as serverHearings from '../src/modules/consult/hearings/schemas';
import * as serverSurveyDefinition from '../src/modules/consult/surveys/definition';
import * as serverSurveys from '../src/modules/consult/surveys/schemas';
import * as webAdmin from '../web/src/features/admin/types';
import * as webLabels from '../web/src/features/appeals/labels';
import * as webTypes from '../web/src/features/appeals/types';
import * as webArticles from '../web/src/features/articles/types';
import * as webAuth from '../web/src/features/auth/types';
import * as webAppraisal from '../web/src/features/consult/appraisal/types';
import * as webElections from '../web/src/features/consult/elections/types';
import * as webHearings from '../web/src/features/consult/hearings/types';
import * as webSurveys from '../web/src/features/consult/surveys/types';
import * as webOpinion from '../web/src/features/opinion/types';

// The web bundle keeps its own copies of the server's enums and labels (it imports no server code);
// this keeps the copies honest, so a state or role added on the server cannot be missing in the UI.
describe('the web app mirrors the server', () => {
  it('has the same appeal states, actions, types, ratings, refusal reasons, boxes, filters and limits', () => {
    expect(webTypes.APPEAL_STATES).toEqual(serverStates.APPEAL_STATES);
    expect(webTypes.APPEAL_ACTIONS).toEqual(serverStates.APPEAL_ACTIONS);
    expect(webTypes.APPEAL_TYPES).toEqual(serverSchemas.APPEAL_TYPES);
    expect(webTypes.SATISFACTIONS).toEqual(serverSchemas.SATISFACTIONS);
    expect(webTypes.REJECT_REASONS).toEqual(serverSchemas.REJECT_REASONS);
    expect(webTypes.INBOX_BOXES).toEqual(serverSchemas.INBOX_BOXES);
    expect(webTypes.KPI_FILTERS).toEqual(serverSchemas.KPI_FILTERS);
    expect(webTypes.LIMIT_KINDS).toEqual(serverSettings.LIMIT_KINDS);
    expect(webTypes.URGENCIES).toEqual(serverSettings.URGENCIES);
  });

  it("uses the server's words for states and the labels the server sends", () => {
    expect(webLabels.STATE_LABELS).toEqual(serverStates.STATE_LABELS);
    expect(webLabels.APPEAL_TYPE_LABELS).toEqual(serverSchemas.APPEAL_TYPE_LABELS);
    expect(webLabels.SATISFACTION_LABELS).toEqual(serverSchemas.SATISFACTION_LABELS);
    expect(webLabels.REJECT_REASON_LABELS).toEqual(serverSchemas.REJECT_REASON_LABELS);
    expect(webLabels.URGENCY_LABELS).toEqual(serverSettings.URGENCY_LABELS);
    expect(Object.keys(webLabels.ACTION_LABELS)).toEqual([...serverStates.APPEAL_ACTIONS]);
  });

  it('has the same roles, scopes and role names', () => {
    expect(webAuth.BUSINESS_ROLES).toEqual(serverRoles.BUSINESS_ROLES);
    expect(webAuth.ADMIN_ROLES).toEqual(serverRoles.ADMIN_ROLES);
    expect(webAuth.SCOPES).toEqual(serverRoles.SCOPES);
    expect(webAuth.ROLE_LABELS).toEqual(serverRoles.ROLE_LABELS);
  });

  it('has the same article kinds, removal reasons, actions, worker roles and text limit', () => {
    expect(webArticles.ARTICLE_KINDS).toEqual(serverArticles.ARTICLE_KINDS);
    expect(webArticles.ARTICLE_KIND_LABELS).toEqual(serverArticles.ARTICLE_KIND_LABELS);
    expect(webArticles.ARTICLE_ACTIONS).toEqual(serverArticles.ARTICLE_ACTIONS);
    expect(webArticles.MAX_ORIGINAL_CHARS).toBe(serverArticles.MAX_ORIGINAL_CHARS);
    expect(webArticles.REMOVAL_REASONS).toEqual(serverArticleNoise.REMOVAL_REASONS);
    expect(webArticles.ARTICLE_WORKER_ROLES).toEqual(serverArticlePolicy.ARTICLE_WORKER_ROLES);
  });

  it('has the same dictionary word rule and limit, and the same default danger words and limit', () => {
    expect(webAdmin.ADMIN_WORD.source).toBe(serverText.ADMIN_WORD.source);
    expect(webAdmin.MAX_ADMIN_WORDS).toBe(serverText.MAX_ADMIN_WORDS);
    expect(webAdmin.DEFAULT_DANGER_WORDS).toEqual(serverSettings.DEFAULT_DANGER_WORDS);
    expect(serverSettings.AppealSettings.shape.dangerWords.safeParse(Array(webAdmin.MAX_DANGER_WORDS + 1).fill('火灾')).success).toBe(
      false,
    );
    expect(serverSettings.AppealSettings.shape.dangerWords.safeParse(Array(webAdmin.MAX_DANGER_WORDS).fill('火灾')).success).toBe(true);
  });

  it('has the same opinion facets, alert states and watching roles', () => {
    expect(webOpinion.FACETS).toEqual(serverOpinion.FACETS);
    expect(webOpinion.FACETS).toEqual(serverOpinionTables.OPINION_FACETS);
    expect(webOpinion.ALERT_STATES).toEqual(serverOpinionTables.ALERT_STATES);
    expect(webOpinion.OPINION_ROLES).toEqual(serverOpinionPolicy.OPINION_ROLES);
  });

  it('has the same election states, actions, labels, receipt length, group size and consultation roles', () => {
    expect(webElections.ELECTION_STATES).toEqual(serverElections.ELECTION_STATES);
    expect(webElections.ELECTION_STATE_LABELS).toEqual(serverElections.ELECTION_STATE_LABELS);
    expect(webElections.NOMINATION_STATES).toEqual(serverElections.NOMINATION_STATES);
    expect(webElections.ELECTION_ACTIONS).toEqual(serverElections.ELECTION_ACTIONS);
    expect(webElections.RECEIPT_LENGTH).toBe(serverBallotSeal.RECEIPT_LENGTH);
    expect(webElections.MIN_GROUP).toBe(serverBallotBox.MIN_GROUP);
    expect(webElections.CONSULT_MANAGER_ROLES).toEqual(serverConsultPolicy.CONSULT_MANAGER_ROLES);
  });

  it('has the same hearing kinds, audiences, states, registration statuses, actions and limits', () => {
    expect(webHearings.HEARING_KINDS).toEqual(serverHearings.HEARING_KINDS);
    expect(webHearings.HEARING_KIND_LABELS).toEqual(serverHearings.HEARING_KIND_LABELS);
    expect(webHearings.HEARING_AUDIENCES).toEqual(serverHearings.HEARING_AUDIENCES);
    expect(webHearings.HEARING_AUDIENCE_LABELS).toEqual(serverHearings.HEARING_AUDIENCE_LABELS);
    expect(webHearings.HEARING_STATES).toEqual(serverHearings.HEARING_STATES);
    expect(webHearings.REGISTRATION_STATUSES).toEqual(serverHearings.REGISTRATION_STATUSES);
    expect(webHearings.TRANSITIONS).toEqual(serverHearings.TRANSITIONS);
    expect(webHearings.HEARING_ACTIONS).toEqual(serverHearings.HEARING_ACTIONS);
    expect(webHearings.MAX_MATERIAL_BYTES).toBe(serverHearings.MAX_MATERIAL_BYTES);
    expect(webHearings.CHECK_IN_CODE_LENGTH).toBe(serverHearings.CHECK_IN_CODE_LENGTH);
  });

  it('has the same survey states, audiences, actions, question types, labels and group size', () => {
    expect(webSurveys.SURVEY_STATES).toEqual(serverSurveys.SURVEY_STATES);
    expect(webSurveys.SURVEY_AUDIENCES).toEqual(serverSurveys.SURVEY_AUDIENCES);
    expect(webSurveys.SURVEY_AUDIENCE_LABELS).toEqual(serverSurveys.SURVEY_AUDIENCE_LABELS);
    expect(webSurveys.SURVEY_ACTIONS).toEqual(serverSurveys.SURVEY_ACTIONS);
    expect(webSurveys.QUESTION_TYPES).toEqual(serverSurveyDefinition.QUESTION_TYPES);
    expect(webSurveys.QUESTION_TYPE_LABELS).toEqual(serverSurveyDefinition.QUESTION_TYPE_LABELS);
    expect(webSurveys.MIN_GROUP_SIZE).toBe(serverSurveys.MIN_GROUP_SIZE);
  });

  it('has the same appraisal grades, states, actions, labels and committee roles', () => {
    expect(webAppraisal.APPRAISAL_GRADES).toEqual(serverAppraisal.APPRAISAL_GRADES);
    expect(webAppraisal.APPRAISAL_GRADE_LABELS).toEqual(serverAppraisal.APPRAISAL_GRADE_LABELS);
    expect(webAppraisal.APPRAISAL_STATES).toEqual(serverAppraisal.APPRAISAL_STATES);
    expect(webAppraisal.APPRAISAL_STATE_LABELS).toEqual(serverAppraisal.APPRAISAL_STATE_LABELS);
    expect(webAppraisal.APPRAISAL_ACTIONS).toEqual(serverAppraisal.APPRAISAL_ACTIONS);
    expect(webAppraisal.APPRAISAL_COMMITTEE_ROLES).toEqual(serverAppraisalPolicy.APPRAISAL_COMMITTEE_ROLES);
  });
});
