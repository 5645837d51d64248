/**
 * The rules by which a count is called hot or a surge. Counts of appeals per day behave like Poisson
 * counts around a baseline rate, so both rules ask how unlikely the recent count is under it.
 */

/** Days the recent window and the baseline before it cover. */
export const RECENT_DAYS = 7;
export const BASELINE_DAYS = 28;

/** Fewer appeals than this never make a hot topic or an alert, however new the word. */
export const MIN_COUNT = 5;

/** Days a surge is counted over: yesterday and today, so one that builds up across midnight is seen whole. */
export const SURGE_DAYS = 2;

/** A count is a surge when a count this high or higher would happen by chance less often than this. */
export const SURGE_P_VALUE = 0.001;

/**
 * A word never seen in the baseline still has some chance of turning up: without this floor every
 * new word would be infinitely surprising.
 */
export const MIN_DAILY_RATE = 0.25;

/** P(X ≥ observed) for X ~ Poisson(rate), summed in log space so large counts stay finite. */
export function poissonUpperTail(observed: number, rate: number): number {
  if (observed <= 0) {
    return 1;
  }
  // 1 − P(X ≤ observed − 1), with the lower terms accumulated from the mode outwards for accuracy.
  let term = Math.exp(-rate);
  let lower = term;
  for (let k = 1; k < observed; k += 1) {
    term *= rate / k;
    lower += term;
  }
  const tail = 1 - lower;
  if (tail > 1e-12) {
    return Math.min(1, tail);
  }
  // Far in the tail the subtraction loses everything: sum the upper terms directly instead.
  let upperTerm = Math.exp(observed * Math.log(rate) - rate - logFactorial(observed));
  let upper = upperTerm;
  for (let k = observed + 1; upperTerm > upper * 1e-16; k += 1) {
    upperTerm *= rate / k;
    upper += upperTerm;
  }
  return upper;
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let k = 2; k <= n; k += 1) {
    sum += Math.log(k);
  }
  return sum;
}

export interface SurgeTest {
  observed: number;
  /** The count the baseline predicts for the surge window. */
  expected: number;
  pValue: number;
  surge: boolean;
}

/** How much busier the window is than the baseline as a whole; a quieter window predicts no less. */
export const volumeRatio = (windowAll: number, baselineAll: number, windowDays: number): number =>
  baselineAll > 0 ? Math.max(1, windowAll / ((baselineAll * windowDays) / BASELINE_DAYS)) : 1;

/**
 * Surge rule: over the SURGE_DAYS window a term's count c is a surge when c ≥ MIN_COUNT and
 * P(X ≥ c) < SURGE_P_VALUE for X ~ Poisson(SURGE_DAYS × λ × v), where λ = max(the term's mean daily
 * count over the BASELINE_DAYS before the window, MIN_DAILY_RATE) and v = volumeRatio of the other
 * appeals in the window (at least 1: busier days overall raise what every word is expected to reach).
 */
export function testSurge(observed: number, baselineTotal: number, volume = 1): SurgeTest {
  const expected = SURGE_DAYS * Math.max(baselineTotal / BASELINE_DAYS, MIN_DAILY_RATE) * volume;
  const pValue = poissonUpperTail(observed, expected);
  return { observed, expected, pValue, surge: observed >= MIN_COUNT && pValue < SURGE_P_VALUE };
}

/**
 * How much a term rose: the recent count's distance above what its baseline predicts, in Poisson
 * standard deviations. The prediction scales the baseline by the volume of all appeals, so a term
 * rises only when its share does, not when every appeal is more frequent. Zero below MIN_COUNT.
 */
export function riseScore(recent: number, baselineTotal: number, recentAll: number, baselineAll: number): number {
  if (recent < MIN_COUNT) {
    return 0;
  }
  const expected = expectedRecent(baselineTotal, recentAll, baselineAll);
  return (recent - expected) / Math.sqrt(expected + 1);
}

/** What a term's baseline predicts for the recent window, in proportion to all appeals (by days when there is no baseline). */
export const expectedRecent = (baselineTotal: number, recentAll: number, baselineAll: number): number =>
  baselineAll > 0 ? (baselineTotal * recentAll) / baselineAll : (baselineTotal * RECENT_DAYS) / BASELINE_DAYS;
