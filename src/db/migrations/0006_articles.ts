import type { Kysely } from 'kysely';
import { sqlIn } from './helpers';

/**
 * Articles imported for study (学习资料) and news (新闻): the fields a worker checked, the text in
 * Simplified script (paragraphs separated by a blank line) and the page text as pasted. Keywords and
 * references are JSON arrays of strings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['study', 'news'])))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('author_unit', 'text')
    .addColumn('published_on', 'text')
    .addColumn('journal', 'text')
    .addColumn('issue', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('reference_list', 'text', (c) => c.notNull())
    .addColumn('original', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The list is newest first; its organisation condition is checked along the way.
  await db.schema.createIndex('articles_newest').on('articles').columns(['created_at', 'id']).execute();
}
