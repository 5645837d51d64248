import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors';
import { checkAnswers, tallyEntries, visibleQuestions } from './answers';
import { SurveyDefinition } from './definition';
import { SURVEY_TEMPLATES } from './templates';

const definition = SurveyDefinition.parse({
  elements: [
    { type: 'radiogroup', name: 'used', title: '您用过食堂吗？', isRequired: true, choices: ['yes', 'no'] },
    { type: 'rating', name: 'score', title: '打分', isRequired: true, visibleIf: "{used} = 'yes'", rateMin: 1, rateMax: 5 },
    { type: 'comment', name: 'why', title: '原因', isRequired: true, visibleIf: '{score} <= 2' },
    {
      type: 'checkbox',
      name: 'meals',
      choices: [
        { value: 1, text: '早餐' },
        { value: 2, text: '午餐' },
      ],
      maxSelectedChoices: 1,
    },
    { type: 'matrix', name: 'grid', rows: ['taste', 'price'], columns: ['good', 'bad'], isAllRowRequired: true },
    { type: 'ranking', name: 'order', choices: ['a', 'b', 'c'] },
    { type: 'boolean', name: 'again' },
  ],
});

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as AppError).code;
  }
  return 'ok';
};

describe('a SurveyJS definition', () => {
  it('accepts the two templates', () => {
    for (const template of SURVEY_TEMPLATES) {
      expect(SurveyDefinition.safeParse(template.definition).success).toBe(true);
    }
  });

  it('refuses a question type outside the subset with a Chinese message naming it', () => {
    const result = SurveyDefinition.safeParse({ pages: [{ name: 'p', elements: [{ type: 'signaturepad', name: 'sign' }] }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain('不支持的题型“signaturepad”');
  });

  it('refuses duplicate names, broken conditions and conditions on questions that do not exist', () => {
    const messages = (elements: unknown[]) => SurveyDefinition.safeParse({ elements }).error?.issues.map((issue) => issue.message) ?? [];
    expect(
      messages([
        { type: 'text', name: 'a' },
        { type: 'text', name: 'a' },
      ]),
    ).toEqual(['题目名称“a”重复']);
    expect(messages([{ type: 'text', name: 'a', visibleIf: '{b} = ' }])[0]).toContain('不是有效的 SurveyJS 表达式');
    expect(messages([{ type: 'text', name: 'a', visibleIf: "{nope} = 'x'" }])[0]).toContain('不存在的题目：nope');
  });

  it('writes out the rating range as SurveyJS renders it', () => {
    const rating = definition.pages[0].elements[1];
    expect(rating).toMatchObject({ rateMin: 1, rateMax: 5, rateCount: 5 });
  });
});

describe('checking answers', () => {
  const full = { used: 'yes', score: 4, meals: [2], grid: { taste: 'good', price: 'bad' }, order: ['c', 'a', 'b'], again: true };

  it('keeps a complete answer as given', () => {
    expect(checkAnswers(definition, full)).toEqual(full);
  });

  it('requires what is shown, and only that: a hidden question is neither required nor kept', () => {
    expect(codeOf(() => checkAnswers(definition, { ...full, used: undefined }))).toBe('ANSWER_REQUIRED');
    expect(codeOf(() => checkAnswers(definition, { ...full, score: 1 }))).toBe('ANSWER_REQUIRED');
    const { used: _used, score: _score, ...rest } = full;
    expect(checkAnswers(definition, { ...rest, used: 'no', score: 1 })).toEqual({ ...rest, used: 'no' });
    expect(visibleQuestions(definition, { used: 'no', score: 1 }).map((q) => q.name)).not.toContain('why');
  });

  it('refuses values outside the choices, the rating range or the matrix, and incomplete rankings', () => {
    expect(codeOf(() => checkAnswers(definition, { ...full, used: 'maybe' }))).toBe('ANSWER_INVALID');
    expect(codeOf(() => checkAnswers(definition, { ...full, score: 6 }))).toBe('ANSWER_INVALID');
    expect(codeOf(() => checkAnswers(definition, { ...full, score: 2.5 }))).toBe('ANSWER_INVALID');
    expect(codeOf(() => checkAnswers(definition, { ...full, meals: [1, 2] }))).toBe('ANSWER_INVALID');
    expect(codeOf(() => checkAnswers(definition, { ...full, meals: ['1'] }))).toBe('ANSWER_INVALID');
    expect(codeOf(() => checkAnswers(definition, { ...full, grid: { taste: 'meh', price: 'bad' } }))).toBe('ANSWER_INVALID');
    expect(codeOf(() => checkAnswers(definition, { ...full, grid: { taste: 'good' } }))).toBe('ANSWER_REQUIRED');
    expect(codeOf(() => checkAnswers(definition, { ...full, order: ['a', 'b'] }))).toBe('ANSWER_INVALID');
    expect(codeOf(() => checkAnswers(definition, { ...full, again: 'yes' }))).toBe('ANSWER_INVALID');
    expect(codeOf(() => checkAnswers(definition, { ...full, extra: 1 }))).toBe('UNKNOWN_QUESTION');
  });

  it('counts choices, ratings with their sum, matrix cells and rank places', () => {
    const entries = tallyEntries(definition, checkAnswers(definition, full));
    expect(entries).toContainEqual({ question: '', item: '', total: 0 });
    expect(entries).toContainEqual({ question: 'score', item: '', total: 4 });
    expect(entries).toContainEqual({ question: 'score', item: '4', total: 4 });
    expect(entries).toContainEqual({ question: 'meals', item: '2', total: 0 });
    expect(entries).toContainEqual({ question: 'grid', item: JSON.stringify(['price', 'bad']), total: 0 });
    expect(entries).toContainEqual({ question: 'order', item: 'c', total: 1 });
    expect(entries).toContainEqual({ question: 'again', item: 'true', total: 0 });
  });
});
