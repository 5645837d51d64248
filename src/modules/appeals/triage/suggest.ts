import type { Db } from '../../../db/database';
import type { Segmenter } from '../../../text';
import { appealTerms, rankLabels, type TriageModel } from './model';
import { activeCategoryNames, modelLabels, termCounts, unitNames, vocabularySizes } from './repository';

/**
 * Below this many learned dispatches the models suggest nothing: fewer cannot even have met most
 * categories. The demo data's learning curve (bench/REPORT.md) shows what to expect from there: after
 * 20 appeals the unit is right for 56 % of the appeals and for 82 % of the few confident suggestions,
 * after 200 for 89 % and 97 %; the category, with more labels, needs longer.
 */
export const MIN_LEARNED_APPEALS = 20;
/** A suggestion at least this probable is confident: the console then puts it in the dispatch form over the citizen's choice. */
export const CONFIDENT = 0.8;
const ALTERNATIVES = 2;

export interface LabelSuggestion {
  label: string;
  name: string;
  /** The posterior probability, 0 to 1. */
  confidence: number;
}

export interface ModelSuggestion {
  best: LabelSuggestion;
  /** The runners-up, most probable first. */
  alternatives: LabelSuggestion[];
}

export interface TriageSuggestion {
  learnedAppeals: number;
  category: ModelSuggestion | null;
  unit: ModelSuggestion | null;
}

/**
 * The most probable category and responsible unit for an appeal's text, from how past appeals were
 * dispatched. A model suggests nothing before it has learned enough, when fewer than two of its
 * labels can still be chosen (inactive categories and removed units are left out), or when the
 * text has no term it knows.
 */
export async function suggestTriage(db: Db, segmenter: Segmenter, content: string): Promise<TriageSuggestion> {
  const labels = await modelLabels(db);
  const learnedAppeals = labels.filter((row) => row.model === 'category').reduce((sum, row) => sum + row.appeals, 0);
  if (learnedAppeals < MIN_LEARNED_APPEALS) {
    return { learnedAppeals, category: null, unit: null };
  }
  const terms = appealTerms(segmenter, content);
  const counts = await termCounts(db, [...new Set(terms)]);
  const vocabulary = await vocabularySizes(db);
  const names: Record<TriageModel, Map<string, string>> = {
    category: await activeCategoryNames(db),
    unit: await unitNames(
      db,
      labels.filter((row) => row.model === 'unit').map((row) => row.label),
    ),
  };

  const suggest = (model: TriageModel): ModelSuggestion | null => {
    const valid = names[model];
    const byTerm = new Map<string, Map<string, number>>();
    for (const row of counts.filter((candidate) => candidate.model === model)) {
      byTerm.set(row.term, (byTerm.get(row.term) ?? new Map()).set(row.label, row.count));
    }
    const ranked = rankLabels(
      {
        labels: labels.filter((row) => row.model === model && valid.has(row.label)),
        counts: byTerm,
        vocabulary: vocabulary.get(model) ?? 0,
      },
      terms,
    ).map(({ label, probability }) => ({ label, name: valid.get(label)!, confidence: probability }));
    if (ranked.length < 2) {
      return null;
    }
    return { best: ranked[0], alternatives: ranked.slice(1, 1 + ALTERNATIVES) };
  };

  return { learnedAppeals, category: suggest('category'), unit: suggest('unit') };
}
