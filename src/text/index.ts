/**
 * The Chinese text pipeline: normalise → segment → weigh → fingerprint. Modules use it through
 * this file only.
 */
import { defaultIdf } from './keywords';
import { defaultSegmenter } from './segment';

export { cleanText, matchingForm, normalizeText, simplifyIfTraditional, toSimplified } from './normalize';
export { ADMIN_WORD, distinctAdminWords, DOMAIN_WORDS, MAX_ADMIN_WORDS } from './dictionary';
export { isStopWord } from './stopwords';
export { defaultSegmenter, isContentTerm, Segmenter } from './segment';
export { defaultIdf, IdfTable, topKeywords, weighTerms, type CorpusCounts, type WeightedTerm } from './keywords';
export { cosineSimilarity, hammingDistance, simhash, simhashBands } from './similarity';

/** Loads the dictionaries now rather than on the first text to handle. */
export function warmUpTextPipeline(): void {
  defaultSegmenter();
  defaultIdf();
}
