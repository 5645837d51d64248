import { sql, type Kysely } from 'kysely';
import { sqlIn } from './helpers';

/**
 * 听证会、议事会、恳谈会: the meeting with its registration window, seats and speaker cap; its
 * materials (files); and the registrations, each with an encrypted contact, a check-in code (hashed
 * for lookup at the door, encrypted so the registrant can be shown it again) and a place in the order
 * of arrival that decides the waitlist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hearings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['hearing', 'council', 'forum'])))
    .addColumn('audience', 'text', (c) => c.notNull().check(sqlIn('audience', ['public', 'organisation'])))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('background', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('registration_opens_at', 'text', (c) => c.notNull())
    .addColumn('registration_closes_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('speaker_cap', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sqlIn('state', ['draft', 'published', 'registration_closed', 'held', 'concluded'])),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    // Bumped by every registration and cancellation: the update locks the hearing row, so seats are
    // counted one registration at a time, and its value orders the waitlist.
    .addColumn('registration_seq', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_links', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('concluded_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hearings_by_start').on('hearings').columns(['starts_at', 'id']).execute();

  await db.schema
    .createTable('hearing_materials')
    .addColumn('hearing_id', 'text', (c) => c.notNull().references('hearings.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hearing_materials_pk', ['hearing_id', 'file_id'])
    .execute();

  await db.schema
    .createTable('hearing_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hearing_id', 'text', (c) => c.notNull().references('hearings.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_index', 'text', (c) => c.notNull())
    .addColumn('wants_to_speak', 'integer', (c) => c.notNull())
    .addColumn('statement', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['registered', 'waitlisted', 'cancelled'])))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('speaker', 'integer', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('code_enc', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hearing_registrations_order').on('hearing_registrations').columns(['hearing_id', 'seq']).execute();
  await db.schema
    .createIndex('hearing_registrations_code')
    .on('hearing_registrations')
    .columns(['hearing_id', 'code_hash'])
    .unique()
    .execute();
  // One live registration per person and per phone number; a cancelled one does not stand in the way of registering again.
  await db.schema
    .createIndex('hearing_registrations_person')
    .on('hearing_registrations')
    .columns(['hearing_id', 'user_id'])
    .unique()
    .where(sql<boolean>`status <> 'cancelled'`)
    .execute();
  await db.schema
    .createIndex('hearing_registrations_phone')
    .on('hearing_registrations')
    .columns(['hearing_id', 'phone_index'])
    .unique()
    .where(sql<boolean>`status <> 'cancelled'`)
    .execute();
}
