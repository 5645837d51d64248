import type { Updateable } from 'kysely';
import type { Actor } from '../../../core/actor';
import type { Db } from '../../../db/database';
import type { Hearing, HearingRegistration, HearingRegistrationTable, HearingTable } from '../../../db/schema';
import { CONSULT_MANAGER_ROLES } from '../policy';
import type { HearingState, RegistrationStatus } from './schemas';

/** A hearing with the name of its organisation. */
export type HearingRow = Hearing & { org_name: string };

export const getHearingRow = (db: Db, id: string): Promise<HearingRow | undefined> =>
  db
    .selectFrom('hearings')
    .innerJoin('orgs', 'orgs.id', 'hearings.org_id')
    .selectAll('hearings')
    .select('orgs.name as org_name')
    .where('hearings.id', '=', id)
    .executeTakeFirst();

export const getOrgPath = async (db: Db, orgId: string): Promise<string | undefined> =>
  (await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst())?.path;

export const insertHearing = (db: Db, hearing: Hearing) => db.insertInto('hearings').values(hearing).execute();

/** Changes a hearing if it is still at `version`; false when someone else changed it first. */
export async function updateHearingAt(db: Db, id: string, version: number, changes: Updateable<HearingTable>): Promise<boolean> {
  const result = await db
    .updateTable('hearings')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes the hearing's next registration number. The update locks the hearing row until the
 * transaction ends (PostgreSQL; SQLite has one writer anyway), so registrations and cancellations of
 * one hearing count its seats one at a time.
 */
export const lockHearingForRegistration = (db: Db, id: string): Promise<Hearing> =>
  db
    .updateTable('hearings')
    .set((eb) => ({ registration_seq: eb('registration_seq', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export type RegistrationCounts = Record<RegistrationStatus, number> & { speakers: number; checkedIn: number };

export async function registrationCounts(db: Db, hearingIds: readonly string[]): Promise<Map<string, RegistrationCounts>> {
  const counts = new Map<string, RegistrationCounts>();
  for (const id of hearingIds) {
    counts.set(id, { registered: 0, waitlisted: 0, cancelled: 0, speakers: 0, checkedIn: 0 });
  }
  if (hearingIds.length === 0) {
    return counts;
  }
  const rows = await db
    .selectFrom('hearing_registrations')
    .select((eb) => [
      'hearing_id',
      'status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('speaker').as('speakers'),
      eb.fn.count<number>('checked_in_at').as('checked_in'),
    ])
    .where('hearing_id', 'in', hearingIds)
    .groupBy(['hearing_id', 'status'])
    .execute();
  for (const row of rows) {
    const entry = counts.get(row.hearing_id)!;
    entry[row.status as RegistrationStatus] = Number(row.n);
    if (row.status === 'registered') {
      entry.speakers = Number(row.speakers ?? 0);
      entry.checkedIn = Number(row.checked_in);
    }
  }
  return counts;
}

export const countRegistered = async (db: Db, hearingId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('hearing_registrations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('hearing_id', '=', hearingId)
        .where('status', '=', 'registered')
        .executeTakeFirstOrThrow()
    ).n,
  );

export const countSpeakers = async (db: Db, hearingId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('hearing_registrations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('hearing_id', '=', hearingId)
        .where('status', '=', 'registered')
        .where('speaker', '=', 1)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The first in the waitlist: the lowest registration number still waiting. */
export const firstWaiting = (db: Db, hearingId: string): Promise<HearingRegistration | undefined> =>
  db
    .selectFrom('hearing_registrations')
    .selectAll()
    .where('hearing_id', '=', hearingId)
    .where('status', '=', 'waitlisted')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();

/** Where a waiting registration stands in the waitlist, from 1. */
export const waitlistPosition = async (db: Db, registration: Pick<HearingRegistration, 'hearing_id' | 'seq'>): Promise<number> =>
  1 +
  Number(
    (
      await db
        .selectFrom('hearing_registrations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('hearing_id', '=', registration.hearing_id)
        .where('status', '=', 'waitlisted')
        .where('seq', '<', registration.seq)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A live (not cancelled) registration of the person or of the phone number. */
export const liveRegistrationOf = (db: Db, hearingId: string, person: { userId: string | null; phoneIndex: string }) =>
  db
    .selectFrom('hearing_registrations')
    .selectAll()
    .where('hearing_id', '=', hearingId)
    .where('status', '<>', 'cancelled')
    .where((eb) =>
      person.userId
        ? eb.or([eb('user_id', '=', person.userId), eb('phone_index', '=', person.phoneIndex)])
        : eb('phone_index', '=', person.phoneIndex),
    )
    .executeTakeFirst();

export const liveRegistrationOfUser = (db: Db, hearingId: string, userId: string) =>
  db
    .selectFrom('hearing_registrations')
    .selectAll()
    .where('hearing_id', '=', hearingId)
    .where('user_id', '=', userId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();

export const registrationByCode = (db: Db, hearingId: string, codeHash: string) =>
  db
    .selectFrom('hearing_registrations')
    .selectAll()
    .where('hearing_id', '=', hearingId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();

export const getRegistration = (db: Db, hearingId: string, id: string) =>
  db.selectFrom('hearing_registrations').selectAll().where('hearing_id', '=', hearingId).where('id', '=', id).executeTakeFirst();

export const insertRegistration = (db: Db, registration: HearingRegistration) =>
  db.insertInto('hearing_registrations').values(registration).execute();

/** Changes a registration if it is still in `status`; false when another request changed it first. */
export async function updateRegistrationIn(
  db: Db,
  id: string,
  status: RegistrationStatus,
  changes: Updateable<HearingRegistrationTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('hearing_registrations')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A page of a hearing's registrations: the registered first, then the waitlist, each in order of arrival. */
export async function listRegistrations(db: Db, hearingId: string, query: { status?: RegistrationStatus; page: number; pageSize: number }) {
  let base = db.selectFrom('hearing_registrations').where('hearing_id', '=', hearingId);
  if (query.status) {
    base = base.where('status', '=', query.status);
  }
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy((eb) => eb.case().when('status', '=', 'registered').then(0).when('status', '=', 'waitlisted').then(1).else(2).end())
      .orderBy('seq')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export interface MaterialRow {
  file_id: string;
  name: string;
  mime: string;
  size: number;
}

export const listMaterials = (db: Db, hearingId: string): Promise<MaterialRow[]> =>
  db
    .selectFrom('hearing_materials')
    .innerJoin('files', 'files.id', 'hearing_materials.file_id')
    .select(['hearing_materials.file_id', 'hearing_materials.name', 'files.mime', 'files.size'])
    .where('hearing_materials.hearing_id', '=', hearingId)
    .orderBy('hearing_materials.sort')
    .execute();

export const getMaterialFile = (db: Db, hearingId: string, fileId: string) =>
  db
    .selectFrom('hearing_materials')
    .innerJoin('files', 'files.id', 'hearing_materials.file_id')
    .select(['hearing_materials.name', 'files.mime', 'files.content'])
    .where('hearing_materials.hearing_id', '=', hearingId)
    .where('hearing_materials.file_id', '=', fileId)
    .executeTakeFirst();

const BOARD_STATES: Record<'open' | 'concluded', HearingState[]> = {
  open: ['published', 'registration_closed'],
  concluded: ['held', 'concluded'],
};

const summaryColumns = [
  'hearings.id',
  'hearings.org_id',
  'hearings.kind',
  'hearings.audience',
  'hearings.topic',
  'hearings.place',
  'hearings.starts_at',
  'hearings.ends_at',
  'hearings.registration_opens_at',
  'hearings.registration_closes_at',
  'hearings.capacity',
  'hearings.state',
  'orgs.name as org_name',
] as const;

/**
 * The hearings a reader sees on the H5: the public ones, and those of the organisations above and
 * including the reader's own (`readerAncestors`, empty without an account). Soonest first while
 * open; latest first once held.
 */
export async function listBoard(
  db: Db,
  readerAncestors: readonly string[],
  query: { scope: 'open' | 'concluded'; page: number; pageSize: number },
) {
  const base = db
    .selectFrom('hearings')
    .innerJoin('orgs', 'orgs.id', 'hearings.org_id')
    .where('hearings.state', 'in', BOARD_STATES[query.scope])
    .where((eb) =>
      readerAncestors.length > 0
        ? eb.or([eb('hearings.audience', '=', 'public'), eb('hearings.org_id', 'in', [...readerAncestors])])
        : eb('hearings.audience', '=', 'public'),
    );
  const direction = query.scope === 'open' ? 'asc' : 'desc';
  const [rows, total] = await Promise.all([
    base
      .select(summaryColumns)
      .orderBy('hearings.starts_at', direction)
      .orderBy('hearings.id', direction)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The hearings of the organisations the organizer reaches, latest meeting first. */
export async function listManaged(db: Db, actor: Actor, query: { state?: HearingState; page: number; pageSize: number }) {
  const reached = actor.orgsFor(CONSULT_MANAGER_ROLES);
  if (reached !== 'all' && reached.size === 0) {
    return { rows: [], total: 0 };
  }
  let base = db.selectFrom('hearings').innerJoin('orgs', 'orgs.id', 'hearings.org_id');
  if (reached !== 'all') {
    base = base.where('hearings.org_id', 'in', [...reached]);
  }
  if (query.state) {
    base = base.where('hearings.state', '=', query.state);
  }
  const [rows, total] = await Promise.all([
    base
      .select(summaryColumns)
      .orderBy('hearings.starts_at', 'desc')
      .orderBy('hearings.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export type HearingListRow = Awaited<ReturnType<typeof listBoard>>['rows'][number];
