import { z } from 'zod';

const confidence = z.number().min(0).max(1);
/** At least CONFIDENT (suggest.ts): the console then fills the suggestion into the dispatch form. */
const confident = z.boolean();

export const CategorySuggestion = z
  .object({ code: z.string(), name: z.string(), confidence, confident })
  .meta({ id: 'CategorySuggestion' });
export const UnitSuggestion = z.object({ id: z.string(), name: z.string(), confidence, confident }).meta({ id: 'UnitSuggestion' });

export const TriageSuggestion = z
  .object({
    /** Null when the model has not learned enough, or the text says nothing it knows. */
    category: CategorySuggestion.nullable(),
    unit: UnitSuggestion.nullable(),
    /** The runners-up of each model, most probable first. */
    alternatives: z.object({ categories: z.array(CategorySuggestion), units: z.array(UnitSuggestion) }),
    learnedAppeals: z.number().int(),
    minimumLearnedAppeals: z.number().int(),
  })
  .meta({ id: 'TriageSuggestion' });

export const TriageReportQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

const Acceptance = z.object({
  /** Dispatches for which the model made a suggestion. */
  suggested: z.number().int(),
  /** Of those, dispatched as suggested. */
  accepted: z.number().int(),
  rate: z.number().nullable(),
});

export const TriageReport = z
  .object({
    days: z.number().int(),
    learnedAppeals: z.number().int(),
    minimumLearnedAppeals: z.number().int(),
    category: Acceptance,
    unit: Acceptance,
  })
  .meta({ id: 'TriageReport' });
