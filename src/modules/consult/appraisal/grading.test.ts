import { describe, expect, it } from 'vitest';
import { excellentLimit, gradingProblem } from './grading';

const members = Array.from({ length: 10 }, (_, index) => `m${index}`);
const all = (grade: 'excellent' | 'qualified', excellentCount = 0) =>
  members.map((userId, index) => ({ userId, grade: index < excellentCount ? ('excellent' as const) : grade }));

describe('the 优秀 limit and the grading rule', () => {
  it('allows at most a third of those graded as 优秀', () => {
    expect(excellentLimit(10)).toBe(3);
    expect(excellentLimit(2)).toBe(0);
    expect(excellentLimit(9)).toBe(3);
    expect(gradingProblem(members, all('qualified', 3))).toBeNull();
    expect(gradingProblem(members, all('qualified', 4))).toEqual({ code: 'TOO_MANY_EXCELLENT', limit: 3 });
  });

  it('wants every full member graded and nobody else', () => {
    expect(gradingProblem(members, all('qualified').slice(1))).toEqual({ code: 'NOT_GRADED', userId: 'm0' });
    expect(gradingProblem(members.slice(1), all('qualified'))).toEqual({ code: 'NOT_GRADABLE', userId: 'm0' });
  });
});
