import { iso } from '../../../core/clock';
import { newId } from '../../../core/ids';
import type { Article } from '../../../db/schema';
import { insertArticle, PARAGRAPH_SEPARATOR } from '../repository';
import type { ImportArticleInput } from '../schemas';
import { recordArticleChange, type ArticleCommandContext } from './context';

/** Files a reviewed article under an organisation, keeping the pasted page text beside it. */
export async function importArticle(c: ArticleCommandContext, orgId: string, input: ImportArticleInput): Promise<Article> {
  const now = iso(c.now);
  const article: Article = {
    id: newId(),
    org_id: orgId,
    kind: input.kind,
    title: input.title,
    author: input.author,
    author_unit: input.authorUnit,
    published_on: input.publishedOn,
    journal: input.journal,
    issue: input.issue,
    keywords: JSON.stringify(input.keywords),
    body: input.paragraphs.join(PARAGRAPH_SEPARATOR),
    reference_list: JSON.stringify(input.references),
    original: input.original,
    created_by: c.actor.id,
    created_at: now,
    updated_at: now,
  };
  await insertArticle(c.trx, article);
  await recordArticleChange(c, article, {
    auditType: 'article.import',
    eventType: 'articles.imported',
    detail: { kind: article.kind, title: article.title },
  });
  return article;
}
