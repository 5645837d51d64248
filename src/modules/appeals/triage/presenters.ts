import type { z } from 'zod';
import type { TriageReport, TriageSuggestion } from './schemas';
import { CONFIDENT, MIN_LEARNED_APPEALS, type LabelSuggestion, type TriageSuggestion as Suggestion } from './suggest';

const rounded = (confidence: number) => Math.round(confidence * 1000) / 1000;

const asCategory = ({ label, name, confidence }: LabelSuggestion) => ({
  code: label,
  name,
  confidence: rounded(confidence),
  confident: confidence >= CONFIDENT,
});
const asUnit = ({ label, name, confidence }: LabelSuggestion) => ({
  id: label,
  name,
  confidence: rounded(confidence),
  confident: confidence >= CONFIDENT,
});

export function presentTriage(suggestion: Suggestion): z.infer<typeof TriageSuggestion> {
  return {
    category: suggestion.category ? asCategory(suggestion.category.best) : null,
    unit: suggestion.unit ? asUnit(suggestion.unit.best) : null,
    alternatives: {
      categories: suggestion.category?.alternatives.map(asCategory) ?? [],
      units: suggestion.unit?.alternatives.map(asUnit) ?? [],
    },
    learnedAppeals: suggestion.learnedAppeals,
    minimumLearnedAppeals: MIN_LEARNED_APPEALS,
  };
}

const acceptance = ({ suggested, accepted }: { suggested: number; accepted: number }) => ({
  suggested,
  accepted,
  rate: suggested === 0 ? null : Math.round((accepted / suggested) * 1000) / 1000,
});

export function presentTriageReport(
  days: number,
  learnedAppeals: number,
  counts: Record<'category' | 'unit', { suggested: number; accepted: number }>,
): z.infer<typeof TriageReport> {
  return {
    days,
    learnedAppeals,
    minimumLearnedAppeals: MIN_LEARNED_APPEALS,
    category: acceptance(counts.category),
    unit: acceptance(counts.unit),
  };
}
