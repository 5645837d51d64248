import { withBigrams } from '../../core/search';
import type { Db } from '../../db/database';
import { cosineSimilarity, defaultIdf, normalizeText, weighTerms, type Segmenter, type WeightedTerm } from '../../text';
import { similarCandidates, type AppealListRow, type SimilarFilter } from './repository';

const KEYWORDS = 6;
const CANDIDATES = 50;
const DAYS_BACK = 30;
/** Below this cosine similarity two appeals are about different things (measured on the demo texts). */
export const MIN_SIMILARITY = 0.3;

const profileOf = (segmenter: Segmenter, text: string): WeightedTerm[] =>
  weighTerms(segmenter.subjectTerms(normalizeText(text)), defaultIdf());
const appealText = (row: Pick<AppealListRow, 'content' | 'address'>) => [row.content, row.address].filter(Boolean).join('\n');

export interface SimilarAppeal {
  row: AppealListRow;
  /** Cosine similarity of the two texts' weighted terms, 0 to 1. */
  similarity: number;
}

/**
 * Open appeals of the last month that tell of the same problem: candidates from the search index
 * sharing any of the text's keywords, scored by the similarity of their weighted terms (content and
 * address, so the same place counts), best first. `segmenter` is the instance's (textSegmenter).
 */
export async function findSimilarAppeals(
  db: Db,
  segmenter: Segmenter,
  text: string,
  now: Date,
  options: Pick<SimilarFilter, 'scope' | 'excludeId'> & { limit: number },
): Promise<SimilarAppeal[]> {
  const profile = profileOf(segmenter, text);
  const keywords = profile.slice(0, KEYWORDS).map(({ term }) => term);
  if (keywords.length === 0) {
    return [];
  }
  const candidates = await similarCandidates(db, keywords.map(withBigrams), {
    scope: options.scope,
    excludeId: options.excludeId,
    since: new Date(now.getTime() - DAYS_BACK * 86_400_000).toISOString(),
    limit: CANDIDATES,
  });
  return candidates
    .map((row) => ({ row, similarity: cosineSimilarity(profile, profileOf(segmenter, appealText(row))) }))
    .filter(({ similarity }) => similarity >= MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, options.limit);
}
