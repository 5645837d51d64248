import type { ExpressionBuilder, Kysely, SelectQueryBuilder, Updateable } from 'kysely';
import type { Actor } from '../../core/actor';
import type { Article, ArticleTable, Database } from '../../db/schema';
import { queryWords, withBigrams } from '../../core/search';
import { inList, searchMatches } from '../../db/dialect';
import type { Segmenter } from '../../text';
import { ARTICLE_WORKER_ROLES, treeOf } from './policy';
import type { ArticleListQueryInput } from './schemas';

type Db = Kysely<Database>;

/** The text is stored as its paragraphs separated by a blank line. */
export const PARAGRAPH_SEPARATOR = '\n\n';

/** An article with its organisation (name and path, for the policy) and the name of who imported it. */
export type ArticleRow = Article & { org_name: string; org_path: string; created_by_name: string };

const withOrgAndImporter = <O>(query: SelectQueryBuilder<Database, 'articles', O>) =>
  query
    .innerJoin('orgs', 'orgs.id', 'articles.org_id')
    .innerJoin('users', 'users.id', 'articles.created_by')
    .select(['orgs.name as org_name', 'orgs.path as org_path', 'users.display_name as created_by_name']);

export const getArticleRow = (db: Db, id: string): Promise<ArticleRow | undefined> =>
  withOrgAndImporter(db.selectFrom('articles').selectAll('articles')).where('articles.id', '=', id).executeTakeFirst();

export const getOrgPath = async (db: Db, orgId: string): Promise<string | undefined> =>
  (await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst())?.path;

export const insertArticle = (db: Db, article: Article) => db.insertInto('articles').values(article).execute();

export const updateArticle = (db: Db, id: string, changes: Updateable<ArticleTable>) =>
  db.updateTable('articles').set(changes).where('id', '=', id).execute();

/** The list form of `canReadArticle`: the reader's organisation tree, and what their worker roles reach. */
function readableBy(actor: Actor, readerOrgPath: string) {
  const reached = actor.orgsFor(ARTICLE_WORKER_ROLES);
  return (eb: ExpressionBuilder<Database, 'articles' | 'orgs'>) => {
    if (reached === 'all') {
      return eb.lit(true);
    }
    const conditions = [eb('orgs.path', 'like', `/${treeOf(readerOrgPath)}/%`)];
    if (reached.size > 0) {
      conditions.push(eb('articles.org_id', 'in', [...reached]));
    }
    return eb.or(conditions);
  };
}

/** A page of the articles the reader may read, newest first, without their text; `segmenter` cuts the search words. */
export async function listArticles(db: Db, segmenter: Segmenter, actor: Actor, readerOrgPath: string, query: ArticleListQueryInput) {
  const words = query.q ? queryWords(segmenter, query.q).map(withBigrams) : [];
  if (query.q && words.length === 0) {
    return { rows: [], total: 0 };
  }
  let base = db.selectFrom('articles').innerJoin('orgs', 'orgs.id', 'articles.org_id').where(readableBy(actor, readerOrgPath));
  if (words.length > 0) {
    // The same full-text search as the appeals': title, keywords and body, either script.
    base = base.where('articles.id', 'in', (qb) => qb.selectFrom(searchMatches(db, 'article', words).as('m')).select('m.source_id'));
  }
  if (query.kind) {
    base = base.where('articles.kind', '=', query.kind);
  }
  const [rows, total] = await Promise.all([
    base
      .select([
        'articles.id',
        'articles.kind',
        'articles.title',
        'articles.author',
        'articles.published_on',
        'articles.journal',
        'articles.issue',
        'articles.created_at',
        'orgs.name as org_name',
      ])
      .orderBy('articles.created_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.total) };
}

export type ArticleListRow = Awaited<ReturnType<typeof listArticles>>['rows'][number];

/** What an article is found by: its title, keywords and body. */
export const articlesToIndex = (db: Db, ids: readonly string[]) =>
  db
    .selectFrom('articles')
    .select(['id', 'title', 'keywords', 'body'])
    .where(inList(db, 'articles.id', ids))
    .execute();
