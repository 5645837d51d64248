import { describe, expect, it } from 'vitest';
import { MIN_COUNT, poissonUpperTail, riseScore, testSurge, volumeRatio } from './statistics';

describe('poissonUpperTail', () => {
  it('matches the Poisson distribution', () => {
    // P(X ≥ 1) = 1 − e^−λ
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X ≥ 5 | λ = 0.5) = 1 − Σ_{k<5} e^−0.5 0.5^k / k!
    expect(poissonUpperTail(5, 0.5)).toBeCloseTo(1.7212e-4, 7);
    expect(poissonUpperTail(0, 3)).toBe(1);
  });

  it('stays positive and falls far in the tail', () => {
    const far = poissonUpperTail(60, 2);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-40);
    expect(poissonUpperTail(61, 2)).toBeLessThan(far);
  });
});

describe('testSurge', () => {
  it('calls five appeals in two days about a word never seen before a surge', () => {
    expect(testSurge(MIN_COUNT, 0)).toMatchObject({ surge: true, expected: 0.5 });
    expect(testSurge(MIN_COUNT - 1, 0).surge).toBe(false);
  });

  it('needs more for a word that is common anyway', () => {
    // λ = 3 a day, 6 expected in two days: 14 happens about once in 200 windows, 16 is a surge.
    expect(testSurge(14, 84).surge).toBe(false);
    expect(testSurge(16, 84).surge).toBe(true);
  });

  it('expects more of every word when all appeals are more frequent', () => {
    expect(testSurge(16, 84, volumeRatio(120, 840, 2)).surge).toBe(false);
    expect(volumeRatio(30, 840, 2)).toBe(1);
  });
});

describe('riseScore', () => {
  it('ranks a rise above a steady count of the same size', () => {
    expect(riseScore(20, 8, 100, 400)).toBeGreaterThan(riseScore(20, 80, 100, 400));
    expect(riseScore(20, 80, 100, 400)).toBe(0);
    expect(riseScore(MIN_COUNT - 1, 0, 100, 400)).toBe(0);
  });

  it('does not call a word hot because all appeals doubled', () => {
    expect(riseScore(40, 80, 200, 400)).toBe(0);
  });
});
