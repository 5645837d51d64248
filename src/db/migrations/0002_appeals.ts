import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appeal_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('appeal_type', 'text', (c) => c.notNull())
    .addColumn('limit_kind', 'text', (c) => c.notNull())
    .addColumn('default_unit_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('description', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tracking_no', 'text', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('appeal_categories.code'))
    .addColumn('appeal_type', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('contact_name_enc', 'text')
    .addColumn('contact_phone_enc', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('publicable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitter_id', 'text', (c) => c.references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('handler_id', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('dispatched_at', 'text')
    .addColumn('sign_due_at', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('contact_due_at', 'text')
    .addColumn('contacted_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('reply_text', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('satisfaction', 'text')
    .addColumn('resolved', 'integer')
    .addColumn('rated_at', 'text')
    .addColumn('rating_comment', 'text')
    .addColumn('supervised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supervised_at', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('appeals.id'))
    .addColumn('redo_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tag', 'text')
    .addColumn('pending_reason', 'text')
    .addColumn('pending_unit_id', 'text')
    .addColumn('extension_due_at', 'text')
    .addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appeals_unit_inbox').on('appeals').columns(['unit_id', 'state', 'due_at']).execute();
  await db.schema.createIndex('appeals_org_inbox').on('appeals').columns(['org_id', 'state', 'received_at']).execute();
  await db.schema.createIndex('appeals_open_due').on('appeals').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('appeals_received').on('appeals').column('received_at').execute();
  await db.schema.createIndex('appeals_dispatched').on('appeals').columns(['unit_id', 'dispatched_at']).execute();
  await db.schema.createIndex('appeals_submitter').on('appeals').column('submitter_id').execute();
  await db.schema.createIndex('appeals_merged_into').on('appeals').column('merged_into_id').execute();
  await db.schema.createIndex('appeals_public').on('appeals').columns(['publicable', 'closed_at']).execute();

  await db.schema
    .createTable('appeal_photos')
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('appeal_photos_pk', ['appeal_id', 'file_id'])
    .execute();
}
