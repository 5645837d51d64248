import type { Kysely } from 'kysely';

/**
 * Notifications that stand for many events of one kind ("有 12 件新的群众诉求待派单"): while the
 * person has not read it, the next such event raises its count instead of adding another line.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('collapse_key', 'text').execute();
  await db.schema
    .alterTable('notifications')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('notifications_collapse').on('notifications').columns(['user_id', 'collapse_key', 'read_at']).execute();
}
