import type { Updateable } from 'kysely';
import type { Actor } from '../../../core/actor';
import type { Db } from '../../../db/database';
import { sharedLock } from '../../../db/dialect';
import type { Election, ElectionNomination, ElectionTable } from '../../../db/schema';
import { orgsAbove, type ReaderPaths } from '../audience';
import { CONSULT_MANAGER_ROLES } from '../policy';
import type { ElectionListQueryInput } from './schemas';

/** An election with its organisation's name and path (for the policy). */
export type ElectionRow = Election & { org_name: string; org_path: string };

export const getElectionRow = (db: Db, id: string): Promise<ElectionRow | undefined> =>
  db
    .selectFrom('elections')
    .innerJoin('orgs', 'orgs.id', 'elections.org_id')
    .selectAll('elections')
    .select(['orgs.name as org_name', 'orgs.path as org_path'])
    .where('elections.id', '=', id)
    .executeTakeFirst();

/** The election's state, read under a shared lock on PostgreSQL so closing waits for votes in flight. */
export const lockElectionState = async (trx: Db, id: string) =>
  sharedLock(trx, trx.selectFrom('elections').select(['state', 'max_choices']).where('id', '=', id)).executeTakeFirst();

export const insertElection = (db: Db, election: Election) => db.insertInto('elections').values(election).execute();

/** Updates the election if it is still at `version`; the number of rows changed says whether it was. */
export const updateElection = (db: Db, id: string, version: number, changes: Updateable<ElectionTable>) =>
  db
    .updateTable('elections')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

export type NominationRow = ElectionNomination & { nominated_by_name: string };

export const listNominations = (db: Db, electionId: string): Promise<NominationRow[]> =>
  db
    .selectFrom('election_nominations')
    .innerJoin('users', 'users.id', 'election_nominations.nominated_by')
    .selectAll('election_nominations')
    .select('users.display_name as nominated_by_name')
    .where('election_id', '=', electionId)
    .orderBy('election_nominations.created_at')
    .orderBy('election_nominations.id')
    .execute();

export const approvedCandidates = (db: Db, electionId: string) =>
  db
    .selectFrom('election_nominations')
    .select(['id', 'name', 'unit', 'reason'])
    .where('election_id', '=', electionId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const getNomination = (db: Db, electionId: string, id: string) =>
  db.selectFrom('election_nominations').selectAll().where('election_id', '=', electionId).where('id', '=', id).executeTakeFirst();

export const insertNomination = (db: Db, nomination: ElectionNomination) =>
  db.insertInto('election_nominations').values(nomination).execute();

export const countPendingNominations = async (db: Db, electionId: string) =>
  Number(
    (
      await db
        .selectFrom('election_nominations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('election_id', '=', electionId)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Everyone the election asks, as voting opens: members and/or residents of the subtree, accounts in use. */
export async function audienceUserIds(db: Db, election: ElectionRow): Promise<string[]> {
  const roles = [...(election.audience_members ? ['member'] : []), ...(election.audience_masses ? ['masses'] : [])];
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('orgs', 'orgs.id', 'user_roles.org_id')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('user_roles.user_id')
    .distinct()
    .where('user_roles.role', 'in', roles)
    .where('orgs.path', 'like', `${election.org_path}%`)
    .where('users.disabled', '=', 0)
    .execute();
  return rows.map((row) => row.user_id);
}

/**
 * The list form of `canSeeElection`: what the reader's worker role reaches, what is addressed to
 * them as a member or resident, and what they are on the roll of.
 */
export async function listElections(db: Db, actor: Actor, reader: ReaderPaths, query: ElectionListQueryInput) {
  const managed = actor.orgsFor(CONSULT_MANAGER_ROLES);
  const memberOrgs = orgsAbove(reader.member);
  const massesOrgs = orgsAbove(reader.masses);
  let base = db
    .selectFrom('elections')
    .innerJoin('orgs', 'orgs.id', 'elections.org_id')
    .where((eb) => {
      if (managed === 'all') {
        return eb.lit(true);
      }
      const conditions = [
        eb('elections.id', 'in', (qb) =>
          qb.selectFrom('ballot_voters').select('ballot_voters.box_id').where('ballot_voters.user_id', '=', actor.id),
        ),
      ];
      if (managed.size > 0) {
        conditions.push(eb('elections.org_id', 'in', [...managed]));
      }
      if (memberOrgs.length > 0) {
        conditions.push(eb.and([eb('elections.audience_members', '=', 1), eb('elections.org_id', 'in', memberOrgs)]));
      }
      if (massesOrgs.length > 0) {
        conditions.push(eb.and([eb('elections.audience_masses', '=', 1), eb('elections.org_id', 'in', massesOrgs)]));
      }
      return eb.or(conditions);
    });
  if (query.state) {
    base = base.where('elections.state', '=', query.state);
  }
  const [rows, total] = await Promise.all([
    base
      .selectAll('elections')
      .select(['orgs.name as org_name', 'orgs.path as org_path'])
      .orderBy('elections.created_at', 'desc')
      .orderBy('elections.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ElectionRow[], total: Number(total.n) };
}
