import type { AppraisalGrade } from './schemas';

/** 优秀 is at most a third of those graded (party-affairs.md §3.2): 10 graded → at most 3. */
export const excellentLimit = (graded: number) => Math.floor(graded / 3);

export type GradingProblem =
  { code: 'NOT_GRADED'; userId: string } | { code: 'NOT_GRADABLE'; userId: string } | { code: 'TOO_MANY_EXCELLENT'; limit: number };

/**
 * Checks the committee's grades against the roster: every full member graded, nobody else (预备党员
 * take part but are not graded), and 优秀 within the limit. Returns the first problem, or null.
 */
export function gradingProblem(
  graded: readonly string[],
  grades: readonly { userId: string; grade: AppraisalGrade }[],
): GradingProblem | null {
  const gradable = new Set(graded);
  const given = new Set(grades.map((entry) => entry.userId));
  const stray = grades.find((entry) => !gradable.has(entry.userId));
  if (stray) {
    return { code: 'NOT_GRADABLE', userId: stray.userId };
  }
  const missing = graded.find((userId) => !given.has(userId));
  if (missing) {
    return { code: 'NOT_GRADED', userId: missing };
  }
  const limit = excellentLimit(graded.length);
  if (grades.filter((entry) => entry.grade === 'excellent').length > limit) {
    return { code: 'TOO_MANY_EXCELLENT', limit };
  }
  return null;
}
