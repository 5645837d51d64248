/**
 * The article's keywords from its keyword lines. Pages print them either separated
 * ("基层党建工作;不忘初心;牢记使命") or run together ("党群初心党员干部"); a run is cut into words the
 * article itself uses.
 */

const SEPARATORS = /[;；,，、\s]+/;
const MIN_PIECE = 2;
const MAX_PIECE = 12;

const occurrences = (text: string, piece: string): number => text.split(piece).length - 1;

interface Split {
  pieces: string[];
  /** How often the pieces occur in the article, to choose between splits with as many pieces. */
  weight: number;
}

/**
 * Cuts a run of keywords into pieces of at least two characters that each occur in `known` (the
 * article's text), with as few pieces as possible, so "党员干部" stays whole rather than 党员 + 干部.
 * Null when no such cut exists.
 */
export function splitRunTogether(run: string, known: string): string[] | null {
  // best[i]: the best split of run.slice(i); filled from the end.
  const best: (Split | null)[] = new Array(run.length + 1).fill(null);
  best[run.length] = { pieces: [], weight: 0 };
  for (let start = run.length - MIN_PIECE; start >= 0; start--) {
    for (let end = start + MIN_PIECE; end <= Math.min(run.length, start + MAX_PIECE); end++) {
      const rest = best[end];
      const count = rest ? occurrences(known, run.slice(start, end)) : 0;
      if (!rest || count === 0) {
        continue;
      }
      const candidate = { pieces: [run.slice(start, end), ...rest.pieces], weight: count + rest.weight };
      const current = best[start];
      if (
        !current ||
        candidate.pieces.length < current.pieces.length ||
        (candidate.pieces.length === current.pieces.length && candidate.weight > current.weight)
      ) {
        best[start] = candidate;
      }
    }
  }
  return best[0]?.pieces ?? null;
}

const isSeparated = (value: string) => SEPARATORS.test(value);

/**
 * Keywords from every keyword line of the page: separated lists first, in their order, then the
 * pieces of run-together lines. A run that cannot be cut is kept whole unless a separated list
 * exists, which then says it better.
 */
export function keywordsFrom(values: string[], articleText: string): string[] {
  const separated = values.filter(isSeparated).flatMap((value) => value.split(SEPARATORS).filter(Boolean));
  // Separated keywords are words of the article too, though its body may not use them ("探索").
  const known = `${articleText}\n${separated.join('\n')}`;
  const fromRuns = values
    .filter((value) => !isSeparated(value))
    .flatMap((run) => splitRunTogether(run, known) ?? (separated.length > 0 ? [] : [run]));
  return [...new Set([...separated, ...fromRuns])];
}

const RUN_OF_KEYWORDS = /^\p{Script=Han}{4,30}$/u;

/**
 * The footer "猜你喜欢" opens with the page's keywords run together; accepted only when it cuts into
 * several words of the article, as an ordinary recommended title would not.
 */
export function keywordsFromFooter(firstLine: string | undefined, articleText: string): string[] {
  if (!firstLine || !RUN_OF_KEYWORDS.test(firstLine)) {
    return [];
  }
  const pieces = splitRunTogether(firstLine, articleText);
  return pieces && pieces.length >= 2 ? pieces : [];
}
