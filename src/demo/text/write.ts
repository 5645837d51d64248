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

/**
 * Two parts drawing from disjoint halves of the same templates, so that a text saying two things of
 * one kind (two details, two sentences of an answer) never says the same thing twice in other words.
 */
export function twoOf(random: Random, templates: readonly string[]): [Part, Part] {
  const shuffled = random.shuffle(templates);
  const half = Math.ceil(shuffled.length / 2);
  const second = shuffled.length > 1 ? shuffled.slice(half) : shuffled;
  return [oneOf(random, shuffled.slice(0, half)), oneOf(random, second)];
}
