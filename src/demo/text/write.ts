import type { Random } from '../random';
import type { SentenceLedger } from './ledger';
import { expand, type TemplateVars } from './template';

/** One sentence to write: returns a template, possibly a different one on each attempt. */
export type Part = () => string;

/** Picks one of several templates on each attempt. */
export const oneOf =
  (random: Random, ...lists: (readonly string[])[]): Part =>
  () =>
    random.pick(lists.flat());

/**
 * Writes the parts in order, each drawn until its sentences are new to the ledger, so that no
 * sentence of the data set repeats. `vars` is called per attempt so dates can vary too.
 */
export function writeSentences(ledger: SentenceLedger, random: Random, vars: () => TemplateVars, parts: readonly Part[]): string {
  return parts.map((part) => ledger.fresh(() => expand(part(), random, vars()))).join('');
}
