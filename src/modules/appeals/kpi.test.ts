import { describe, expect, it } from 'vitest';
import { computeRates, monthRange } from './kpi';
import { DEFAULT_APPEAL_SETTINGS } from './settings';

const weights = DEFAULT_APPEAL_SETTINGS.kpi.weights;

describe('三率 and the weighted score (shared/domain/appeals.md §5)', () => {
  it('reproduces the worked example: 95% / 80% / 90% → 88.0', () => {
    const rates = computeRates({ responseDue: 200, responded: 190, rated: 150, resolved: 120, satisfied: 135 }, weights);
    expect(rates).toEqual({ responseRate: 95, resolutionRate: 80, satisfactionRate: 90, score: 88 });
  });

  it('leaves a rate empty without a denominator and shares its weight among the others', () => {
    const rates = computeRates({ responseDue: 10, responded: 9, rated: 0, resolved: 0, satisfied: 0 }, weights);
    expect(rates).toEqual({ responseRate: 90, resolutionRate: null, satisfactionRate: null, score: 90 });
    expect(computeRates({ responseDue: 0, responded: 0, rated: 0, resolved: 0, satisfied: 0 }, weights).score).toBeNull();
  });

  it('honours configured weights', () => {
    const rates = computeRates(
      { responseDue: 100, responded: 100, rated: 100, resolved: 50, satisfied: 50 },
      { response: 20, resolution: 40, satisfaction: 40 },
    );
    expect(rates.score).toBe(60);
  });

  it('bounds a month in Beijing time', () => {
    expect(monthRange('2026-12')).toEqual({ start: '2026-11-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' });
  });
});
