import type { Kysely } from 'kysely';
import { keyOrderedStorage } from '../dialect';
import { sqlIn } from './helpers';

export const ELECTION_STATES = ['nominating', 'voting', 'publicity', 'final'] as const;
export const NOMINATION_STATES = ['pending', 'approved', 'rejected'] as const;
export const VOTER_STATES = ['eligible', 'voted'] as const;
export const APPRAISAL_STATES = ['self_review', 'voting', 'closed', 'final'] as const;
export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;

/**
 * Anonymous ballots (checklist §6, level A) and the two consultations that use them.
 * - ballot_voters: who may vote in a ballot box (an election or an appraisal) and whether they have;
 *   no time at all, so nothing orders the voters by when they voted (VO-01);
 * - ballots: what was chosen, with no voter, session, address, time or sequence; keyed by a 128-bit
 *   random id and stored in its order (VO-03); `mac` seals the row (VO-07), `receipt_hash` lets the
 *   voter find it counted (VO-05). Nothing joins the two tables;
 * - elections and their nominations (典型评选, 民主推荐);
 * - appraisals (民主评议党员) with the roster of the branch, self-appraisals, final grades and the
 *   follow-up a 不合格 grade starts; probationary_members marks 预备党员, who rate but are not graded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ballot_voters')
    .addColumn('box_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', VOTER_STATES)))
    .addPrimaryKeyConstraint('ballot_voters_pk', ['box_id', 'user_id'])
    .execute();
  await db.schema.createIndex('ballot_voters_user').on('ballot_voters').columns(['user_id']).execute();

  await keyOrderedStorage(
    db,
    db.schema
      .createTable('ballots')
      .addColumn('box_id', 'text', (c) => c.notNull())
      .addColumn('ballot_id', 'text', (c) => c.notNull())
      .addColumn('choices', 'text', (c) => c.notNull())
      .addColumn('receipt_hash', 'text', (c) => c.notNull())
      .addColumn('mac', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ballots_pk', ['box_id', 'ballot_id'])
      .addUniqueConstraint('ballots_receipt', ['box_id', 'receipt_hash']),
  ).execute();

  await db.schema
    .createTable('elections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('audience_members', 'integer', (c) => c.notNull())
    .addColumn('audience_masses', 'integer', (c) => c.notNull())
    .addColumn('max_choices', 'integer', (c) => c.notNull())
    .addColumn('nomination_starts_on', 'text', (c) => c.notNull())
    .addColumn('nomination_ends_on', 'text', (c) => c.notNull())
    .addColumn('voting_starts_on', 'text', (c) => c.notNull())
    .addColumn('voting_ends_on', 'text', (c) => c.notNull())
    .addColumn('publicity_days', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', ELECTION_STATES)))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('voting_opened_at', 'text')
    .addColumn('voting_closed_at', 'text')
    .addColumn('finalized_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('elections_newest').on('elections').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('election_nominations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('nominated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', NOMINATION_STATES)))
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('election_nominations_election').on('election_nominations').columns(['election_id', 'created_at']).execute();

  await db.schema
    .createTable('probationary_members')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('since_on', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appraisals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', APPRAISAL_STATES)))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('voting_opened_at', 'text')
    .addColumn('voting_closed_at', 'text')
    .addColumn('finalized_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('appraisals_once_a_year', ['org_id', 'year'])
    .execute();

  await db.schema
    .createTable('appraisal_members')
    .addColumn('appraisal_id', 'text', (c) => c.notNull().references('appraisals.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('probationary', 'integer', (c) => c.notNull())
    .addColumn('self_appraisal', 'text')
    .addColumn('self_written_at', 'text')
    .addColumn('final_grade', 'text', (c) => c.check(sqlIn('final_grade', APPRAISAL_GRADES)))
    .addPrimaryKeyConstraint('appraisal_members_pk', ['appraisal_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('appraisal_followups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appraisal_id', 'text', (c) => c.notNull().references('appraisals.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('appraisal_followups_once', ['appraisal_id', 'user_id'])
    .execute();
}
