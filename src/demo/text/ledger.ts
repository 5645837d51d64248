/** Where one sentence ends: full stops, question and exclamation marks, semicolons, line breaks. */
export const SENTENCE_END = /[。！？!?；;\n]+/;

export const sentencesOf = (text: string): string[] =>
  text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter(Boolean);

const ATTEMPTS = 400;

/**
 * Remembers every sentence written into the demo data, so that no sentence appears twice across all
 * appeals and replies: a reader who opens ten appeals must not find the same words twice.
 */
export class SentenceLedger {
  private readonly used = new Set<string>();

  /** Draws text until none of its sentences has been written before, then keeps them. */
  fresh(draw: () => string): string {
    let last = '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      last = draw();
      const sentences = sentencesOf(last);
      if (new Set(sentences).size === sentences.length && sentences.every((sentence) => !this.used.has(sentence))) {
        sentences.forEach((sentence) => this.used.add(sentence));
        return last;
      }
    }
    throw new Error(`no new wording found after ${ATTEMPTS} attempts, last: ${last}`);
  }
}
