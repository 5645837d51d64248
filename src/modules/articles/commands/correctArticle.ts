import type { Updateable } from 'kysely';
import { iso } from '../../../core/clock';
import type { Article, ArticleTable } from '../../../db/schema';
import { updateArticle, PARAGRAPH_SEPARATOR } from '../repository';
import type { ArticleChanges } from '../schemas';
import { recordArticleChange, type ArticleCommandContext } from './context';

/** The columns of the fields given; an absent field stays as it is. */
function columnsOf(changes: ArticleChanges): Updateable<ArticleTable> {
  return {
    kind: changes.kind,
    title: changes.title,
    author: changes.author,
    author_unit: changes.authorUnit,
    published_on: changes.publishedOn,
    journal: changes.journal,
    issue: changes.issue,
    keywords: changes.keywords && JSON.stringify(changes.keywords),
    body: changes.paragraphs?.join(PARAGRAPH_SEPARATOR),
    reference_list: changes.references && JSON.stringify(changes.references),
  };
}

/**
 * Corrects the fields of an article after it was saved. The original page text never changes: it is
 * the record of what was imported.
 */
export async function correctArticle(c: ArticleCommandContext, article: Article, changes: ArticleChanges): Promise<void> {
  await updateArticle(c.trx, article.id, { ...columnsOf(changes), updated_at: iso(c.now) });
  await recordArticleChange(c, article, {
    auditType: 'article.correct',
    eventType: 'articles.corrected',
    detail: { fields: Object.keys(changes) },
  });
}
