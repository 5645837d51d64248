import { sql, type Updateable } from 'kysely';
import type { OrgSet } from '../../../core/actor';
import { affectedRows, inList, insertChunks } from '../../../db/dialect';
import type { Db } from '../../../db/database';
import type { Survey, SurveyAnswerTable, SurveyTable, SurveyTextTable } from '../../../db/schema';
import { ANSWERED, type TallyEntry } from './answers';
import type { SurveyFacts } from './policy';

/** A survey with the name of its organisation and its answer count. */
export type SurveyRow = Survey & { org_name: string; answer_count: number };

/** Answers so far: the survey's own tally row, summed over the respondents' organisations. */
const answerCount = sql<number>`coalesce((select sum(t.count) from survey_tallies t
  where t.survey_id = surveys.id and t.question = ${ANSWERED} and t.item = ${ANSWERED}), 0)`;

const surveysWithNames = (db: Db) =>
  db
    .selectFrom('surveys')
    .innerJoin('orgs', 'orgs.id', 'surveys.org_id')
    .selectAll('surveys')
    .select(['orgs.name as org_name', answerCount.as('answer_count')]);

const numeric = (row: SurveyRow): SurveyRow => ({ ...row, answer_count: Number(row.answer_count) });

export async function getSurveyRow(db: Db, id: string): Promise<SurveyRow | undefined> {
  const row = await surveysWithNames(db).where('surveys.id', '=', id).executeTakeFirst();
  return row && numeric(row);
}

export const getOrgPath = async (db: Db, orgId: string): Promise<string | undefined> =>
  (await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst())?.path;

/** What the policy needs about a survey and the person asking. */
export async function surveyFacts(db: Db, survey: SurveyRow, userId: string | null, readerOrgId: string | null): Promise<SurveyFacts> {
  const [paths, named, readerOrgPath] = await Promise.all([
    survey.audience === 'orgs'
      ? db
          .selectFrom('survey_audience_orgs')
          .innerJoin('orgs', 'orgs.id', 'survey_audience_orgs.org_id')
          .select('orgs.path')
          .where('survey_id', '=', survey.id)
          .execute()
      : [],
    survey.audience === 'users' && userId
      ? db
          .selectFrom('survey_audience_users')
          .select('user_id')
          .where('survey_id', '=', survey.id)
          .where('user_id', '=', userId)
          .executeTakeFirst()
      : undefined,
    readerOrgId ? getOrgPath(db, readerOrgId) : undefined,
  ]);
  return { survey, audienceOrgPaths: paths.map((row) => row.path), named: named !== undefined, readerOrgPath: readerOrgPath ?? '' };
}

export async function audienceOf(db: Db, surveyId: string) {
  const [orgs, users] = await Promise.all([
    db
      .selectFrom('survey_audience_orgs')
      .innerJoin('orgs', 'orgs.id', 'survey_audience_orgs.org_id')
      .select(['orgs.id', 'orgs.name'])
      .where('survey_id', '=', surveyId)
      .orderBy('orgs.path')
      .execute(),
    db
      .selectFrom('survey_audience_users')
      .innerJoin('users', 'users.id', 'survey_audience_users.user_id')
      .select(['users.id', 'users.display_name as name'])
      .where('survey_id', '=', surveyId)
      .orderBy('users.display_name')
      .execute(),
  ]);
  return { orgs, users };
}

export const insertSurvey = (db: Db, survey: Survey) => db.insertInto('surveys').values(survey).execute();

/** Updates a survey if it is still at the version the worker saw; the number of rows changed (0 or 1). */
export async function updateSurvey(db: Db, id: string, version: number, changes: Updateable<SurveyTable>): Promise<number> {
  const result = await db
    .updateTable('surveys')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return affectedRows(result);
}

/** Replaces whom a survey is addressed to. */
export async function replaceAudience(db: Db, surveyId: string, orgIds: readonly string[], userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('survey_audience_orgs').where('survey_id', '=', surveyId).execute();
  await db.deleteFrom('survey_audience_users').where('survey_id', '=', surveyId).execute();
  for (const chunk of insertChunks(orgIds.map((orgId) => ({ survey_id: surveyId, org_id: orgId })))) {
    await db.insertInto('survey_audience_orgs').values(chunk).execute();
  }
  for (const chunk of insertChunks(userIds.map((userId) => ({ survey_id: surveyId, user_id: userId })))) {
    await db.insertInto('survey_audience_users').values(chunk).execute();
  }
}

/** How many of the ids exist, to refuse an audience naming organisations or people that do not. */
export async function countExisting(db: Db, table: 'orgs' | 'users', ids: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(inList(db, 'id', ids))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of the surveys run by the organisations the worker reaches, newest first. */
export async function listManagedSurveys(db: Db, orgs: OrgSet, query: { page: number; pageSize: number; state?: Survey['state'] }) {
  if (orgs !== 'all' && orgs.size === 0) {
    return { rows: [], total: 0 };
  }
  let base = db.selectFrom('surveys');
  if (orgs !== 'all') {
    base = base.where(inList(db, 'surveys.org_id', [...orgs]));
  }
  if (query.state) {
    base = base.where('surveys.state', '=', query.state);
  }
  const ids = base.select('surveys.id');
  const [rows, total] = await Promise.all([
    surveysWithNames(db)
      .where('surveys.id', 'in', ids)
      .orderBy('surveys.created_at', 'desc')
      .orderBy('surveys.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(numeric), total: Number(total.n) };
}

/**
 * The published surveys addressed to a person (the list form of `isAddressed`): public ones, those
 * for an organisation above or at theirs, those naming them. Newest first.
 */
export async function listAddressedSurveys(db: Db, userId: string, readerOrgPath: string, limit: number): Promise<SurveyRow[]> {
  const rows = await surveysWithNames(db)
    .where('surveys.state', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('surveys.audience', '=', 'public'),
        eb.and([
          eb('surveys.audience', '=', 'orgs'),
          eb.exists(
            eb
              .selectFrom('survey_audience_orgs as a')
              .innerJoin('orgs as o', 'o.id', 'a.org_id')
              .select('a.org_id')
              .whereRef('a.survey_id', '=', 'surveys.id')
              .where(sql<boolean>`${readerOrgPath} like o.path || '%'`),
          ),
        ]),
        eb.and([
          eb('surveys.audience', '=', 'users'),
          eb.exists(
            eb
              .selectFrom('survey_audience_users as u')
              .select('u.user_id')
              .whereRef('u.survey_id', '=', 'surveys.id')
              .where('u.user_id', '=', userId),
          ),
        ]),
      ]),
    )
    .orderBy('surveys.published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(numeric);
}

export async function hasAnswered(db: Db, surveyId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('survey_respondents')
    .select('user_id')
    .where('survey_id', '=', surveyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export const insertRespondent = (db: Db, surveyId: string, userId: string, answeredOn: string) =>
  db.insertInto('survey_respondents').values({ survey_id: surveyId, user_id: userId, answered_on: answeredOn }).execute();

export const insertAnswer = (db: Db, answer: SurveyAnswerTable) => db.insertInto('survey_answers').values(answer).execute();

export async function insertTexts(db: Db, texts: readonly SurveyTextTable[]): Promise<void> {
  for (const chunk of insertChunks(texts)) {
    await db.insertInto('survey_texts').values(chunk).execute();
  }
}

/**
 * Adds an answer's counts to the live results. In a fixed order, so two answers committing at once on
 * PostgreSQL lock the shared counter rows in the same order and never deadlock.
 */
export async function addToTallies(db: Db, surveyId: string, orgId: string, entries: readonly TallyEntry[]): Promise<void> {
  const merged = new Map<string, { question: string; item: string; count: number; total: number }>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.question, entry.item]);
    const row = merged.get(key) ?? { question: entry.question, item: entry.item, count: 0, total: 0 };
    row.count += 1;
    row.total += entry.total;
    merged.set(key, row);
  }
  const rows = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => ({ survey_id: surveyId, org_id: orgId, ...row }));
  for (const chunk of insertChunks(rows)) {
    await db
      .insertInto('survey_tallies')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['survey_id', 'question', 'item', 'org_id']).doUpdateSet((eb) => ({
          count: eb('survey_tallies.count', '+', eb.ref('excluded.count')),
          total: eb('survey_tallies.total', '+', eb.ref('excluded.total')),
        })),
      )
      .execute();
  }
}

/** The survey's counts, over every organisation or one. */
export async function readTallies(db: Db, surveyId: string, orgId?: string) {
  let query = db
    .selectFrom('survey_tallies')
    .select(['question', 'item', (eb) => eb.fn.sum<number>('count').as('count'), (eb) => eb.fn.sum<number>('total').as('total')])
    .where('survey_id', '=', surveyId)
    .groupBy(['question', 'item']);
  if (orgId) {
    query = query.where('org_id', '=', orgId);
  }
  const rows = await query.execute();
  return rows.map((row) => ({ question: row.question, item: row.item, count: Number(row.count), total: Number(row.total) }));
}

/** Answers per organisation of the respondent (unknown ones left out), for the filter. */
export async function answersByOrg(db: Db, surveyId: string) {
  const rows = await db
    .selectFrom('survey_tallies')
    .innerJoin('orgs', 'orgs.id', 'survey_tallies.org_id')
    .select(['orgs.id', 'orgs.name', 'survey_tallies.count'])
    .where('survey_tallies.survey_id', '=', surveyId)
    .where('survey_tallies.question', '=', ANSWERED)
    .where('survey_tallies.item', '=', ANSWERED)
    .orderBy('orgs.path')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, count: Number(row.count) }));
}

export async function listTexts(db: Db, surveyId: string, query: { question: string; orgId?: string; page: number; pageSize: number }) {
  let base = db
    .selectFrom('survey_texts')
    .where('survey_texts.survey_id', '=', surveyId)
    .where('survey_texts.question', '=', query.question);
  if (query.orgId) {
    base = base.where('survey_texts.org_id', '=', query.orgId);
  }
  const [rows, total] = await Promise.all([
    base
      .leftJoin('orgs', 'orgs.id', 'survey_texts.org_id')
      .select(['survey_texts.text', 'survey_texts.keywords', 'survey_texts.submitted_on', 'orgs.name as org_name'])
      .orderBy('survey_texts.submitted_on', 'desc')
      .orderBy('survey_texts.answer_id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function listPublishedResults(db: Db, limit: number): Promise<SurveyRow[]> {
  const rows = await surveysWithNames(db)
    .where('surveys.results_published_at', 'is not', null)
    .orderBy('surveys.results_published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(numeric);
}

const PEOPLE_PER_SEARCH = 20;

/** Active people of the organisations in scope whose name holds the text: the picker of a named audience. */
export const searchAudiencePeople = (db: Db, orgs: OrgSet, text: string) => {
  let query = db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .where('users.disabled', '=', 0)
    .where('users.display_name', 'like', `%${text.replace(/[%_]/g, '')}%`);
  if (orgs !== 'all') {
    query = query.where(inList(db, 'users.org_id', [...orgs]));
  }
  return query
    .select(['users.id', 'users.display_name as name', 'orgs.name as org_name'])
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(PEOPLE_PER_SEARCH)
    .execute();
};
