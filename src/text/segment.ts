import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { DOMAIN_WORDS } from './dictionary';
import { normalizeText } from './normalize';
import { isStopWord } from './stopwords';

const HAN = /\p{Script=Han}/u;
const WORD_CHARACTER = /[\p{Script=Han}\p{L}\p{N}]/u;

// Nouns (person, place, organisation, other proper), verbal and adjectival nouns, idioms, set phrases, abbreviations.
const SUBJECT_TAGS = new Set(['n', 'nr', 'ns', 'nt', 'nz', 'nw', 'vn', 'an', 'i', 'l', 'j']);

// A frequency high enough that jieba keeps the word whole against the general dictionary.
const DOMAIN_WORD_FREQUENCY = 200_000;

/** A term worth counting or weighing: a word with a Han character, at least two characters long, not a stop word. */
export const isContentTerm = (word: string): boolean => word.length >= 2 && HAN.test(word) && !isStopWord(word);

/**
 * Word segmentation with jieba, its general dictionary, the domain words and those an admin added.
 * Input is expected normalised (normalizeText): Simplified, lower case.
 */
export class Segmenter {
  private readonly jieba: Jieba;

  /** The extra words may be written in either script and any case, as the admin typed them. */
  constructor(extraWords: readonly string[] = []) {
    this.jieba = Jieba.withDict(dict);
    const words = [...DOMAIN_WORDS, ...extraWords.map(normalizeText)];
    const lines = words.map((word) => `${word.replace(/\s+/g, '')} ${DOMAIN_WORD_FREQUENCY} n`);
    this.jieba.loadDict(Buffer.from(lines.join('\n')));
  }

  /** The words in order, without spaces and punctuation. */
  words(text: string): string[] {
    return this.jieba.cut(text, true).filter((word) => WORD_CHARACTER.test(word));
  }

  /**
   * Words for a search index: jieba's search mode adds the shorter words inside long ones
   * (基层党组织 also as 基层, 党组织), so a query for a part finds the whole.
   */
  indexWords(text: string): string[] {
    return this.jieba.cutForSearch(text, true).filter((word) => WORD_CHARACTER.test(word));
  }

  /** The content terms of the text (see isContentTerm), in order, repeats kept. */
  terms(text: string): string[] {
    return this.words(text).filter(isContentTerm);
  }

  /**
   * Content terms that can name a subject: nouns, verbal nouns, idioms and set phrases by jieba's
   * part-of-speech tags (the domain words count as nouns), not verbs like 开展, 加强, 提升.
   */
  subjectTerms(text: string): string[] {
    return this.jieba
      .tag(text, true)
      .filter(({ word, tag }) => SUBJECT_TAGS.has(tag) && isContentTerm(word))
      .map(({ word }) => word);
  }
}

let shared: Segmenter | undefined;

/**
 * The process's segmenter with the built-in words only; building one loads jieba's dictionary (about
 * half a second). The app segments with the admin's words too: textSegmenter (src/core/textDictionary.ts).
 */
export function defaultSegmenter(): Segmenter {
  shared ??= new Segmenter();
  return shared;
}
