import type { AppContext } from '../../core/context';
import type { EventProcessor } from '../../core/events';
import { indexDocuments } from '../../core/search';
import { textSegmenter } from '../../core/textDictionary';
import { articlesToIndex } from './repository';

/** Keeps the search index in step with imported and corrected articles, after each change has committed. */
export function subscribeArticleSearch(events: EventProcessor, ctx: AppContext): void {
  const index = async (ids: string[]) => {
    const articles = await articlesToIndex(ctx.db, ids);
    await indexDocuments(
      ctx.db,
      ctx.clock,
      await textSegmenter(ctx),
      articles.map((article) => ({
        sourceType: 'article',
        sourceId: article.id,
        text: [article.title, (JSON.parse(article.keywords) as string[]).join(' '), article.body].join('\n'),
      })),
    );
  };
  for (const type of ['articles.imported', 'articles.corrected']) {
    events.on(type, (batch) => index([...new Set(batch.map((event) => event.subject_id))]));
  }
}
