import type { Kysely } from 'kysely';

/**
 * Indexes in the inbox's own sort orders, ties broken by id, so a page is a walk along an index
 * instead of a sort of every matching appeal: newest first (of all, or of one unit), and soonest due first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('appeals_received').execute();
  await db.schema.createIndex('appeals_received').on('appeals').columns(['received_at', 'id']).execute();
  await db.schema.createIndex('appeals_unit_received').on('appeals').columns(['unit_id', 'received_at', 'id']).execute();
  await db.schema.createIndex('appeals_due_order').on('appeals').columns(['due_at', 'received_at', 'id']).execute();
}
