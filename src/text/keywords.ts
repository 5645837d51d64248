import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Document frequencies of the platform's own texts (appeals, articles), blended into the general IDF. */
export interface CorpusCounts {
  documents: number;
  frequency(term: string): number;
}

// Below this many documents the platform's own counts say little; above it they weigh in fully.
const CORPUS_WEIGHT_HALF = 1000;

/**
 * Inverse document frequencies: jieba's general table (from a large general corpus), blended with
 * the platform's corpus as it grows, so words every appeal uses (诉求, 反映, 小区) stop counting as
 * keywords there even when they are rare in general text.
 */
export class IdfTable {
  private readonly general: Map<string, number>;
  private readonly median: number;

  private constructor(general: Map<string, number>) {
    this.general = general;
    const values = [...general.values()].sort((a, b) => a - b);
    this.median = values[Math.floor(values.length / 2)] ?? 10;
  }

  static load(): IdfTable {
    const file = createRequire(import.meta.url).resolve('@node-rs/jieba/idf.txt');
    const general = new Map<string, number>();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const space = line.lastIndexOf(' ');
      if (space > 0) {
        general.set(line.slice(0, space), Number(line.slice(space + 1)));
      }
    }
    return new IdfTable(general);
  }

  idf(term: string, corpus?: CorpusCounts): number {
    const general = this.general.get(term) ?? this.median;
    if (!corpus || corpus.documents === 0) {
      return general;
    }
    const own = Math.log((corpus.documents + 1) / (corpus.frequency(term) + 1)) + 1;
    const weight = corpus.documents / (corpus.documents + CORPUS_WEIGHT_HALF);
    return (1 - weight) * general + weight * own;
  }
}

let shared: IdfTable | undefined;

export function defaultIdf(): IdfTable {
  shared ??= IdfTable.load();
  return shared;
}

/** Term frequency times inverse document frequency, highest first. */
export function weighTerms(terms: readonly string[], idf: IdfTable, corpus?: CorpusCounts): WeightedTerm[] {
  const counts = new Map<string, number>();
  for (const term of terms) {
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const total = terms.length || 1;
  return [...counts]
    .map(([term, count]) => ({ term, weight: (count / total) * idf.idf(term, corpus) }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
}

/** The `count` most telling terms (content terms from Segmenter.terms). */
export const topKeywords = (terms: readonly string[], count: number, idf: IdfTable = defaultIdf(), corpus?: CorpusCounts): string[] =>
  weighTerms(terms, idf, corpus)
    .slice(0, count)
    .map((weighted) => weighted.term);
