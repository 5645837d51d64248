import type { ModuleManifest } from '../../server/modules';
import { articleRoutes } from './routes';
import { subscribeArticleSearch } from './search';

export { articlePolicy } from './policy';
export { extractArticle, type ExtractedArticle } from './extract';

/** 文章导入: study materials and news recognised from pasted web pages, checked by a worker, then filed. */
export const articlesModule: ModuleManifest = {
  name: 'articles',
  routes: articleRoutes,
  subscribe: subscribeArticleSearch,
};
