import type { Kysely } from 'kysely';
import type { OrgSet } from '../../core/actor';
import { inList } from '../../db/dialect';
import type { Database, OpinionAlert } from '../../db/schema';

export const getAlert = (db: Kysely<Database>, id: string): Promise<OpinionAlert | undefined> =>
  db.selectFrom('opinion_alerts').selectAll().where('id', '=', id).executeTakeFirst();

const alertsWithNames = (db: Kysely<Database>) =>
  db
    .selectFrom('opinion_alerts')
    .innerJoin('orgs', 'orgs.id', 'opinion_alerts.org_id')
    .leftJoin('users as acknowledger', 'acknowledger.id', 'opinion_alerts.acknowledged_by')
    .leftJoin('users as responder', 'responder.id', 'opinion_alerts.responded_by');

export type AlertListRow = Awaited<ReturnType<typeof listAlerts>>['rows'][number];

/** The alerts of the organisations in scope, newest first. */
export async function listAlerts(
  db: Kysely<Database>,
  orgs: OrgSet,
  filter: { state?: string; ids?: readonly string[]; page: number; pageSize: number },
) {
  let query = alertsWithNames(db);
  if (orgs !== 'all') {
    query = query.where(inList(db, 'opinion_alerts.org_id', [...orgs]));
  }
  if (filter.state) {
    query = query.where('opinion_alerts.state', '=', filter.state);
  }
  if (filter.ids) {
    query = query.where(inList(db, 'opinion_alerts.id', filter.ids));
  }
  const [rows, total] = await Promise.all([
    query
      .selectAll('opinion_alerts')
      .select(['orgs.name as org_name', 'acknowledger.display_name as acknowledger_name', 'responder.display_name as responder_name'])
      .orderBy('opinion_alerts.raised_at', 'desc')
      .orderBy('opinion_alerts.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.total) };
}

/** The responses published on the public board, newest first. */
export const publishedResponses = (db: Kysely<Database>, limit: number) =>
  db
    .selectFrom('opinion_alerts')
    .innerJoin('orgs', 'orgs.id', 'opinion_alerts.org_id')
    .where('opinion_alerts.published_at', 'is not', null)
    .select([
      'opinion_alerts.id',
      'opinion_alerts.term',
      'opinion_alerts.response_text',
      'opinion_alerts.published_at',
      'orgs.name as org_name',
    ])
    .orderBy('opinion_alerts.published_at', 'desc')
    .limit(limit)
    .execute();
