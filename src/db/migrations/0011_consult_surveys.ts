import type { Kysely } from 'kysely';
import { keyOrderedStorage } from '../dialect';
import { sqlIn } from './helpers';

export const SURVEY_STATES = ['draft', 'published', 'closed'] as const;
export const SURVEY_AUDIENCES = ['public', 'orgs', 'users'] as const;

/**
 * 问卷调查.
 * - surveys: the questionnaire (SurveyJS JSON), its audience, dates and state;
 * - survey_audience_orgs / survey_audience_users: whom a survey is addressed to;
 * - survey_respondents: who answered (a known person answers once), with the day only, so an
 *   anonymous answer cannot be matched to its respondent by time;
 * - survey_answers: the answers; no user id and only the day when the survey is anonymous;
 * - survey_tallies: the live results, counted as answers arrive (answers, choices, rating and rank
 *   sums, keywords of free text), per organisation of the respondent ('' when unknown);
 * - survey_texts: free-text answers with their keywords, for the results page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull().check(sqlIn('audience', SURVEY_AUDIENCES)))
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', SURVEY_STATES)))
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('results_published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_org').on('surveys').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('surveys_results_published').on('surveys').columns(['results_published_at']).execute();

  await db.schema
    .createTable('survey_audience_orgs')
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addPrimaryKeyConstraint('survey_audience_orgs_pk', ['survey_id', 'org_id'])
    .execute();
  await db.schema
    .createTable('survey_audience_users')
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('survey_audience_users_pk', ['survey_id', 'user_id'])
    .execute();
  await db.schema.createIndex('survey_audience_users_user').on('survey_audience_users').columns(['user_id']).execute();

  await db.schema
    .createTable('survey_respondents')
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('answered_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_respondents_pk', ['survey_id', 'user_id'])
    .execute();

  // Stored in the order of their random ids, not of arrival: the audit log records when a signed-in
  // person answered, and an insertion order would match an anonymous answer to that entry.
  await keyOrderedStorage(
    db,
    db.schema
      .createTable('survey_answers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
      .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('submitted_on', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addUniqueConstraint('survey_answers_once', ['survey_id', 'user_id']),
  ).execute();
  // The export walks a survey's answers in this order.
  await db.schema.createIndex('survey_answers_export').on('survey_answers').columns(['survey_id', 'submitted_on', 'id']).execute();

  await db.schema
    .createTable('survey_tallies')
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('total', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_tallies_pk', ['survey_id', 'question', 'item', 'org_id'])
    .execute();

  await keyOrderedStorage(
    db,
    db.schema
      .createTable('survey_texts')
      .addColumn('answer_id', 'text', (c) => c.notNull().references('survey_answers.id'))
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('keywords', 'text', (c) => c.notNull())
      .addColumn('submitted_on', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('survey_texts_pk', ['answer_id', 'question']),
  ).execute();
  await db.schema.createIndex('survey_texts_question').on('survey_texts').columns(['survey_id', 'question', 'submitted_on']).execute();
}
