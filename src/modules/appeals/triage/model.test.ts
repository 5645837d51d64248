import { describe, expect, it } from 'vitest';
import { Segmenter } from '../../../text';
import { appealTerms, rankLabels, type NaiveBayesModel } from './model';

const counts = (entries: Record<string, Record<string, number>>) =>
  new Map(Object.entries(entries).map(([term, byLabel]) => [term, new Map(Object.entries(byLabel))]));

// Two labels learned from two appeals each: 物业 saw 电梯 three times and 漏水 once, 后勤 食堂 three times and 电梯 once.
const model: NaiveBayesModel = {
  labels: [
    { label: '物业', appeals: 2, terms: 4 },
    { label: '后勤', appeals: 2, terms: 4 },
  ],
  counts: counts({ 电梯: { 物业: 3, 后勤: 1 }, 漏水: { 物业: 1 }, 食堂: { 后勤: 3 } }),
  vocabulary: 3,
};

describe('rankLabels', () => {
  it('scores by the prior and Laplace-smoothed term likelihoods, divided by the square root of the known terms', () => {
    const ranked = rankLabels(model, ['电梯', '电梯']);
    // Equal priors; each 电梯 gives log(4/7) against log(2/7), the sum divided by √2.
    const expected = 1 / (1 + Math.exp(Math.SQRT2 * (Math.log(2 / 7) - Math.log(4 / 7))));
    expect(ranked.map((entry) => entry.label)).toEqual(['物业', '后勤']);
    expect(ranked[0].probability).toBeCloseTo(expected, 10);
    expect(ranked[0].probability + ranked[1].probability).toBeCloseTo(1, 10);
  });

  it('leaves out terms it has never seen, and ranks nothing without a known term', () => {
    expect(rankLabels(model, ['食堂', '路灯', '井盖'])).toEqual(rankLabels(model, ['食堂']));
    expect(rankLabels(model, ['食堂'])[0].label).toBe('后勤');
    expect(rankLabels(model, ['路灯'])).toEqual([]);
    expect(rankLabels({ labels: [], counts: new Map(), vocabulary: 0 }, ['电梯'])).toEqual([]);
  });

  it('lets the prior decide between labels the terms do not tell apart', () => {
    const skewed: NaiveBayesModel = {
      labels: [
        { label: '少', appeals: 1, terms: 2 },
        { label: '多', appeals: 3, terms: 2 },
      ],
      counts: counts({ 停车: { 少: 1, 多: 1 } }),
      vocabulary: 2,
    };
    const [first, second] = rankLabels(skewed, ['停车']);
    expect(first.label).toBe('多');
    expect(first.probability).toBeCloseTo(0.75, 10);
    expect(second.probability).toBeCloseTo(0.25, 10);
  });

  it('ranks as naive Bayes does when the prior and the terms disagree, only less sure', () => {
    const skewed: NaiveBayesModel = {
      labels: [
        { label: '常见', appeals: 9, terms: 10 },
        { label: '少见', appeals: 1, terms: 10 },
      ],
      counts: counts({ 噪音: { 常见: 1, 少见: 5 } }),
      vocabulary: 2,
    };
    const terms = ['噪音', '噪音', '噪音', '噪音'];
    const plain = (appeals: number, count: number) => Math.log(appeals / 10) + 4 * Math.log((count + 1) / 12);
    const [first] = rankLabels(skewed, terms);
    expect(first.label).toBe('少见');
    expect(first.probability).toBeCloseTo(1 / (1 + Math.exp((plain(9, 1) - plain(1, 5)) / 2)), 10);
  });

  it('judges many terms less sure than naive Bayes would: 30 repeats of a term are not 30 independent clues', () => {
    const sure = rankLabels(
      model,
      Array.from({ length: 30 }, () => '电梯'),
    )[0].probability;
    // Plain naive Bayes would give odds of 2^30 to 1; at a temperature of √30 they are 2^√30, about 44 to 1.
    expect(sure).toBeCloseTo(2 ** Math.sqrt(30) / (2 ** Math.sqrt(30) + 1), 10);
    expect(sure).toBeLessThan(0.99);
  });
});

describe('appealTerms', () => {
  it('counts the content terms of the normalised text, repeats kept, in either script', () => {
    const segmenter = new Segmenter();
    expect(appealTerms(segmenter, '電梯壞了，電梯困人！')).toEqual(appealTerms(segmenter, '电梯坏了，电梯困人！'));
    const terms = appealTerms(segmenter, '小区电梯坏了，电梯困人，请尽快维修电梯。');
    expect(terms.filter((term) => term === '电梯')).toHaveLength(3);
    expect(terms).not.toContain('了');
  });
});
