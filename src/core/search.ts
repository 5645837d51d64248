import type { Kysely } from 'kysely';
import { insertChunks } from '../db/dialect';
import type { Database } from '../db/schema';
import { isStopWord, matchingForm, normalizeText, type Segmenter } from '../text';
import { iso, type Clock } from './clock';

export interface SearchDocument {
  sourceType: string;
  sourceId: string;
  /** Everything the record should be found by (an appeal's content and reply), in any script. */
  text: string;
}

const HAN_RUN = /\p{Script=Han}{2,}/gu;

/** Overlapping pairs of characters of each run of Han characters, in order: 供水管网 → 供水 水管 管网. */
function hanBigrams(text: string): string[] {
  const bigrams: string[] = [];
  for (const [run] of text.matchAll(HAN_RUN)) {
    const characters = [...run];
    for (let index = 0; index + 1 < characters.length; index += 1) {
      bigrams.push(characters[index] + characters[index + 1]);
    }
  }
  return bigrams;
}

/**
 * The tokens a text is indexed under, normalised (Simplified, lower case): jieba's words in search
 * mode, then the character pairs of the text. The pairs find a word that jieba cut differently in
 * the text than in the query (供水管网 is cut 供水管/网, so 管网 alone is not one of its words).
 * The segmenter is the instance's (textSegmenter), so the admin's words are indexed whole.
 */
export function indexTerms(segmenter: Segmenter, text: string): string {
  const normalized = normalizeText(text);
  return [...segmenter.indexWords(normalized), ...hanBigrams(normalized)].join(' ');
}

export interface QueryWord {
  word: string;
  /** The word's character pairs, to match as a phrase where the text was cut otherwise; empty for short words. */
  bigrams: string[];
}

/** Stores (or replaces) the documents' words; the full-text index follows (see createSearchIndex). */
export async function indexDocuments(
  db: Kysely<Database>,
  clock: Clock,
  segmenter: Segmenter,
  documents: readonly SearchDocument[],
): Promise<void> {
  const indexedAt = iso(clock.now());
  const rows = documents.map((document) => ({
    source_type: document.sourceType,
    source_id: document.sourceId,
    terms: indexTerms(segmenter, document.text),
    indexed_at: indexedAt,
  }));
  const write = async (trx: Kysely<Database>) => {
    for (const chunk of insertChunks(rows)) {
      await trx
        .insertInto('search_documents')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['source_type', 'source_id'])
            .doUpdateSet((eb) => ({ terms: eb.ref('excluded.terms'), indexed_at: eb.ref('excluded.indexed_at') })),
        )
        .execute();
    }
  };
  // One commit for the batch: FTS5 writes a new segment per transaction, and merging many small ones
  // is what slowed indexing down as the index grew.
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
}

const MAX_QUERY_WORDS = 8;

/**
 * The words of a search box's text, as the index holds them: 黨群 and 党群 give the same words.
 * Stop words are dropped unless nothing else is left.
 */
export function queryWords(segmenter: Segmenter, query: string): string[] {
  const words = [...new Set(segmenter.words(normalizeText(query)))];
  const content = words.filter((word) => !isStopWord(word));
  return (content.length > 0 ? content : words).slice(0, MAX_QUERY_WORDS);
}

/** A query word with the character pairs it matches as a phrase (see indexTerms). */
export const withBigrams = (word: string): QueryWord => ({ word, bigrams: [...word].length > 2 ? hanBigrams(word) : [] });

export interface SnippetPart {
  text: string;
  hit: boolean;
}

const SNIPPET_LENGTH = 80;
const CONTEXT_BEFORE = 20;

/**
 * A passage of the text around the first hit, cut into plain and matching parts (the client marks
 * the hits; no HTML travels). When the text as written (in lower case) holds every word, as most
 * Simplified text does, the hits are found in it; otherwise (Traditional script, a variant character)
 * in its matching form, whose two passes of the converter cost a search about a millisecond for twenty
 * rows. The text is shown as written when the conversion keeps every character in place, as it does
 * for nearly all text.
 */
export function snippet(text: string, words: readonly string[]): SnippetPart[] {
  const lowered = text.toLowerCase();
  const { shown, ranges } =
    lowered.length === text.length && words.every((word) => lowered.includes(word))
      ? { shown: text, ranges: hitRanges(lowered, words) }
      : hitsInMatchingForm(text, words);
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const start = Math.max(0, (ranges[0]?.[0] ?? 0) - CONTEXT_BEFORE);
  const end = Math.min(shown.length, start + SNIPPET_LENGTH);
  const parts: SnippetPart[] = start > 0 ? [{ text: '…', hit: false }] : [];
  let cursor = start;
  for (const [from, to] of ranges) {
    if (from < cursor || from >= end) {
      continue;
    }
    if (from > cursor) {
      parts.push({ text: shown.slice(cursor, from), hit: false });
    }
    parts.push({ text: shown.slice(from, Math.min(to, end)), hit: true });
    cursor = Math.min(to, end);
  }
  if (cursor < end) {
    parts.push({ text: shown.slice(cursor, end), hit: false });
  }
  if (end < shown.length) {
    parts.push({ text: '…', hit: false });
  }
  return parts;
}

function hitsInMatchingForm(text: string, words: readonly string[]) {
  const simplified = matchingForm(text);
  return { shown: simplified.length === text.length ? text : simplified, ranges: hitRanges(simplified, words) };
}

function hitRanges(text: string, words: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
      ranges.push([at, at + word.length]);
    }
  }
  return ranges;
}
