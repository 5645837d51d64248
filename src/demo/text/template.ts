import type { Random } from '../random';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numeral for 0–99, as written in addresses and speech (十二, 二十, 三十五). */
export function chineseNumber(n: number): string {
  if (n < 10) {
    return DIGITS[n];
  }
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

const INNERMOST_CHOICE = /\[([^[\]]*)\]/;
const INNERMOST_CHOICE_ALL = new RegExp(INNERMOST_CHOICE.source, 'g');

export type TemplateVars = Readonly<Record<string, string>>;

/**
 * Expands a phrase template: `[a|b|c]` picks one alternative (possibly empty, possibly nested),
 * `{3-9}` an integer, `{c3-9}` the same as a Chinese numeral, `{name}` a variable. Variables are
 * substituted last, so their values are never expanded again.
 */
export function expand(template: string, random: Random, vars: TemplateVars = {}): string {
  let text = template;
  // Innermost alternatives first, until none is left.
  while (INNERMOST_CHOICE.test(text)) {
    text = text.replace(INNERMOST_CHOICE_ALL, (_, options: string) => random.pick(options.split('|')));
  }
  return text
    .replace(/\{(c?)(\d+)-(\d+)\}/g, (_, chinese: string, min: string, max: string) => {
      const n = random.int(Number(min), Number(max));
      return chinese ? chineseNumber(n) : String(n);
    })
    .replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = vars[name];
      if (value === undefined) {
        throw new Error(`template variable {${name}} is not set in: ${template}`);
      }
      return value;
    });
}

/** Expands one of several templates. */
export const expandOne = (templates: readonly string[], random: Random, vars: TemplateVars = {}) =>
  expand(random.pick(templates), random, vars);
