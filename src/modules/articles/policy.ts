import type { Actor } from '../../core/actor';
import { definePolicy, signedIn, withRole, type Rule } from '../../core/policy';
import type { Role } from '../../core/roles';

/** The workers who import and correct articles, each for the organisations their role reaches. */
export const ARTICLE_WORKER_ROLES: Role[] = ['dispatcher', 'unit_head', 'leader', 'handler'];

/** An article's organisation, and the organisation of the person asking, as materialised paths. */
export interface ArticleFacts {
  orgId: string;
  orgPath: string;
  readerOrgPath: string;
}

/** The top organisation of a materialised path ("/committee/branch/" → "committee"). */
export const treeOf = (path: string): string => path.split('/')[1];

/**
 * Who reads an article: everyone whose own organisation is in the same organisation tree (one
 * committee and everything under it), so a branch reads what the committee published and the
 * other way round; and workers whose roles reach the article's organisation. Everyone else gets 404.
 */
export const canReadArticle = (actor: Actor, article: ArticleFacts): boolean =>
  treeOf(article.orgPath) === treeOf(article.readerOrgPath) || actor.reaches(ARTICLE_WORKER_ROLES, article.orgId);

const canWrite = (actor: Actor, article: ArticleFacts) => actor.reaches(ARTICLE_WORKER_ROLES, article.orgId);

const onArticle = (allow: (actor: Actor, article: ArticleFacts) => boolean): Rule<ArticleFacts> => ({
  kind: 'record',
  visible: canReadArticle,
  allow,
});

export const articlePolicy = definePolicy('articles', {
  // Recognising pasted text stores nothing; any worker may try it.
  extract: withRole(...ARTICLE_WORKER_ROLES),
  list: signedIn(),
  view: onArticle(() => true),
  // Checked on the organisation the article is filed under, before it exists.
  import: onArticle(canWrite),
  correct: onArticle(canWrite),
});
