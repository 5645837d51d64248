import { sql, type Kysely } from 'kysely';

/** The states as of this migration; a test holds the inbox's box definitions to them. */
export const PARTIAL_INDEX_STATES = {
  handling: ['dispatched', 'return_requested', 'signed', 'in_progress', 'extension_requested'],
  inProgress: ['signed', 'in_progress', 'extension_requested'],
};

const listOf = (states: string[]) => sql`(${sql.join(states.map((state) => sql.lit(state)))})`;
const HANDLING = listOf(PARTIAL_INDEX_STATES.handling);
const IN_PROGRESS = listOf(PARTIAL_INDEX_STATES.inProgress);

/**
 * Indexes for the inbox boxes that measured slow with 100,000 appeals (bench/REPORT.md):
 * - the deadline-ordered boxes walk only the appeals the unit is handling, in deadline order, instead
 *   of sorting them all or stepping over every closed appeal: partial indexes on those states;
 * - the scope columns (org_id, unit_id) ride along in the box orders, so a deep page is skipped
 *   inside the index, without reading each skipped appeal;
 * - the supervised badge counts from an index of the few supervised appeals.
 * The queries name the states as literals (repository.ts), which both planners need in order to
 * match a partial index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index appeals_handling_due on appeals (due_at, received_at, id, org_id, unit_id) where state in ${HANDLING}`.execute(db);
  await sql`create index appeals_in_progress_due on appeals (due_at, received_at, id, org_id, unit_id) where state in ${IN_PROGRESS}`.execute(
    db,
  );
  await sql`create index appeals_supervised on appeals (state, org_id, unit_id) where supervised = 1`.execute(db);
  await db.schema.dropIndex('appeals_received').execute();
  await db.schema.createIndex('appeals_received').on('appeals').columns(['received_at', 'id', 'org_id', 'unit_id']).execute();
}
