import { normalizeText, type Segmenter } from '../../../text';

/** One model suggests the category (labels are category codes), the other the responsible unit (org ids). */
export const TRIAGE_MODELS = ['category', 'unit'] as const;
export type TriageModel = (typeof TRIAGE_MODELS)[number];

/** What the models learn from and judge an appeal by: the content terms of what the citizen wrote. */
export const appealTerms = (segmenter: Segmenter, content: string): string[] => segmenter.terms(normalizeText(content));

export interface LabelStats {
  label: string;
  /** Appeals learned with this label. */
  appeals: number;
  /** Occurrences of all terms in those appeals. */
  terms: number;
}

export interface NaiveBayesModel {
  labels: readonly LabelStats[];
  /** Term → label → occurrences, for (at least) the terms of the appeal being judged. */
  counts: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Distinct terms the model has seen under any label. */
  vocabulary: number;
}

export interface RankedLabel {
  label: string;
  /** The posterior probability, normalised over the model's labels. */
  probability: number;
}

/**
 * Multinomial naive Bayes with Laplace smoothing, in log space: log P(label) plus, for every term
 * the model knows, log((count + 1) / (terms of the label + vocabulary)). Terms the model has never
 * seen say nothing and are left out. An appeal's terms are far from independent (a matter repeats
 * its words), so naive Bayes is right about the order of the labels but far too sure: the scores are
 * divided by the square root of the number of known terms before they are normalised (a temperature),
 * which keeps the order and makes the top label's probability track how often it is right (measured
 * on the demo data, bench/REPORT.md) instead of being 99 % for nearly every appeal. Best first;
 * empty when no term is known.
 */
export function rankLabels(model: NaiveBayesModel, terms: readonly string[]): RankedLabel[] {
  const known = terms.filter((term) => model.counts.has(term));
  const learned = model.labels.reduce((sum, label) => sum + label.appeals, 0);
  if (known.length === 0 || learned === 0) {
    return [];
  }
  const temperature = Math.sqrt(known.length);
  const scores = model.labels.map(({ label, appeals, terms: total }) => {
    let score = Math.log(appeals / learned);
    for (const term of known) {
      score += Math.log(((model.counts.get(term)?.get(label) ?? 0) + 1) / (total + model.vocabulary));
    }
    return { label, score: score / temperature };
  });
  const best = Math.max(...scores.map(({ score }) => score));
  const total = scores.reduce((sum, { score }) => sum + Math.exp(score - best), 0);
  return scores
    .map(({ label, score }) => ({ label, probability: Math.exp(score - best) / total }))
    .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
}
