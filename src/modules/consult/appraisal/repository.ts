import type { Updateable } from 'kysely';
import type { Actor } from '../../../core/actor';
import type { Db } from '../../../db/database';
import { sharedLock } from '../../../db/dialect';
import type { Appraisal, AppraisalTable } from '../../../db/schema';
import { APPRAISAL_COMMITTEE_ROLES } from './policy';

export type AppraisalRow = Appraisal & { org_name: string; org_path: string };

export const getAppraisalRow = (db: Db, id: string): Promise<AppraisalRow | undefined> =>
  db
    .selectFrom('appraisals')
    .innerJoin('orgs', 'orgs.id', 'appraisals.org_id')
    .selectAll('appraisals')
    .select(['orgs.name as org_name', 'orgs.path as org_path'])
    .where('appraisals.id', '=', id)
    .executeTakeFirst();

export const lockAppraisalState = (trx: Db, id: string) =>
  sharedLock(trx, trx.selectFrom('appraisals').select('state').where('id', '=', id)).executeTakeFirst();

export const updateAppraisal = (db: Db, id: string, version: number, changes: Updateable<AppraisalTable>) =>
  db
    .updateTable('appraisals')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

export const isOnRoster = async (db: Db, appraisalId: string, userId: string) =>
  (await db
    .selectFrom('appraisal_members')
    .select('user_id')
    .where('appraisal_id', '=', appraisalId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) !== undefined;

export interface RosterRow {
  user_id: string;
  name: string;
  probationary: number;
  self_appraisal: string | null;
  final_grade: string | null;
  follow_up_due_on: string | null;
}

export const listRoster = (db: Db, appraisalId: string): Promise<RosterRow[]> =>
  db
    .selectFrom('appraisal_members')
    .innerJoin('users', 'users.id', 'appraisal_members.user_id')
    .leftJoin('appraisal_followups', (join) =>
      join
        .onRef('appraisal_followups.appraisal_id', '=', 'appraisal_members.appraisal_id')
        .onRef('appraisal_followups.user_id', '=', 'appraisal_members.user_id'),
    )
    .select([
      'appraisal_members.user_id',
      'users.display_name as name',
      'appraisal_members.probationary',
      'appraisal_members.self_appraisal',
      'appraisal_members.final_grade',
      'appraisal_followups.due_on as follow_up_due_on',
    ])
    .where('appraisal_members.appraisal_id', '=', appraisalId)
    .orderBy('users.display_name')
    .orderBy('appraisal_members.user_id')
    .execute();

/** The party members of the branch and its groups, with the 预备党员 marked. */
export const branchMembers = (db: Db, branchPath: string) =>
  db
    .selectFrom('user_roles')
    .innerJoin('orgs', 'orgs.id', 'user_roles.org_id')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .leftJoin('probationary_members', 'probationary_members.user_id', 'user_roles.user_id')
    .select(['user_roles.user_id', 'probationary_members.user_id as probationary_id'])
    .distinct()
    .where('user_roles.role', '=', 'member')
    .where('orgs.path', 'like', `${branchPath}%`)
    .where('users.disabled', '=', 0)
    .execute();

/** The appraisals the reader's committee roles reach, and those they are on the roster of; newest year first. */
export async function listAppraisals(db: Db, actor: Actor, page: { page: number; pageSize: number }) {
  const reached = actor.orgsFor(APPRAISAL_COMMITTEE_ROLES);
  const base = db
    .selectFrom('appraisals')
    .innerJoin('orgs', 'orgs.id', 'appraisals.org_id')
    .where((eb) => {
      if (reached === 'all') {
        return eb.lit(true);
      }
      const conditions = [
        eb('appraisals.id', 'in', (qb) =>
          qb.selectFrom('appraisal_members').select('appraisal_members.appraisal_id').where('appraisal_members.user_id', '=', actor.id),
        ),
      ];
      if (reached.size > 0) {
        conditions.push(eb('appraisals.org_id', 'in', [...reached]));
      }
      return eb.or(conditions);
    });
  const [rows, total] = await Promise.all([
    base
      .selectAll('appraisals')
      .select(['orgs.name as org_name', 'orgs.path as org_path'])
      .orderBy('appraisals.year', 'desc')
      .orderBy('appraisals.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as AppraisalRow[], total: Number(total.n) };
}
