import { badRequest } from '../../../core/errors';
import { conditionHolds, questionsOf, type Choice, type Question, type SurveyDefinition } from './definition';

export type AnswerData = Record<string, unknown>;

/** One count of the live results: how many answered, chose, or wrote a keyword; `total` sums ratings and ranks. */
export interface TallyEntry {
  question: string;
  item: string;
  total: number;
}

/** The row of a question counting those who answered it; the row of the survey ('' , '') counts answers. */
export const ANSWERED = '';

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

const titleOf = (question: Question) => question.title || question.name;
const valueIn = (choices: readonly Choice[], value: unknown) => choices.some((choice) => choice.value === value);

/**
 * The questions shown for these answers: a hidden question's answer is cleared before the
 * conditions are read again (as SurveyJS does on completion), until nothing changes, so a chain of
 * conditions ends where the browser's does.
 */
export function visibleQuestions(definition: SurveyDefinition, data: AnswerData): Question[] {
  const questions = questionsOf(definition);
  let visible = new Set(questions.map((question) => question.name));
  for (let pass = 0; pass <= questions.length; pass += 1) {
    const values = Object.fromEntries(Object.entries(data).filter(([name]) => visible.has(name)));
    const next = new Set(questions.filter((q) => !q.visibleIf || conditionHolds(q.visibleIf, values)).map((q) => q.name));
    if (next.size === visible.size && [...next].every((name) => visible.has(name))) {
      break;
    }
    visible = next;
  }
  return questions.filter((question) => visible.has(question.name));
}

function invalid(question: Question, why: string) {
  return badRequest('ANSWER_INVALID', `“${titleOf(question)}”${why}`, question.name);
}

/** Throws when the value is not an answer the question allows. */
function checkValue(question: Question, value: unknown): void {
  switch (question.type) {
    case 'radiogroup':
    case 'dropdown':
      if (!valueIn(question.choices, value)) {
        throw invalid(question, '的回答不是可选的选项');
      }
      return;
    case 'checkbox': {
      if (!Array.isArray(value) || !value.every((item) => valueIn(question.choices, item)) || new Set(value).size !== value.length) {
        throw invalid(question, '的回答不是可选的选项');
      }
      if (value.length > (question.maxSelectedChoices ?? Infinity) || value.length < (question.minSelectedChoices ?? 0)) {
        throw invalid(question, '选择的项数不符合要求');
      }
      return;
    }
    case 'text':
    case 'comment':
      if (typeof value !== 'string') {
        throw invalid(question, '应填写文字');
      }
      if (value.length > question.maxLength) {
        throw invalid(question, `不能超过 ${question.maxLength} 字`);
      }
      return;
    case 'rating':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < question.rateMin || value > question.rateMax) {
        throw invalid(question, `的评分应为 ${question.rateMin}–${question.rateMax} 的整数`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') {
        throw invalid(question, '应回答是或否');
      }
      return;
    case 'ranking':
      if (
        !Array.isArray(value) ||
        value.length !== question.choices.length ||
        !question.choices.every((choice) => value.includes(choice.value))
      ) {
        throw invalid(question, '应把每一项排出先后');
      }
      return;
    case 'matrix': {
      const entries = typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as object) : null;
      // Rows are the object's keys, so always text; a column keeps its type.
      const isRow = (row: string) => question.rows.some((choice) => String(choice.value) === row);
      if (!entries || !entries.every(([row, column]) => isRow(row) && valueIn(question.columns, column))) {
        throw invalid(question, '的回答不在矩阵的行和列之内');
      }
      if (question.isAllRowRequired && entries.length < question.rows.length) {
        throw badRequest('ANSWER_REQUIRED', `请回答“${titleOf(question)}”的每一行`, question.name);
      }
      return;
    }
  }
}

/**
 * Checks answers against the definition as the browser would: each shown question that is required
 * is answered, each answer is one the question allows. Answers to hidden questions are dropped, as
 * SurveyJS clears them; an answer to a question the survey does not have is refused.
 */
export function checkAnswers(definition: SurveyDefinition, data: AnswerData): AnswerData {
  const names = new Set(questionsOf(definition).map((question) => question.name));
  const stray = Object.keys(data).find((name) => !names.has(name));
  if (stray !== undefined) {
    throw badRequest('UNKNOWN_QUESTION', `问卷中没有题目“${stray}”`, stray);
  }
  const kept: AnswerData = {};
  for (const question of visibleQuestions(definition, data)) {
    const value = typeof data[question.name] === 'string' ? (data[question.name] as string).trim() : data[question.name];
    if (isEmpty(value)) {
      if (question.isRequired) {
        throw badRequest('ANSWER_REQUIRED', `请回答：${titleOf(question)}`, question.name);
      }
      continue;
    }
    checkValue(question, value);
    kept[question.name] = value;
  }
  return kept;
}

/** The counts one checked answer adds to the live results (keywords of free text come separately). */
export function tallyEntries(definition: SurveyDefinition, answer: AnswerData): TallyEntry[] {
  const entries: TallyEntry[] = [{ question: ANSWERED, item: ANSWERED, total: 0 }];
  for (const question of questionsOf(definition)) {
    const value = answer[question.name];
    if (value === undefined) {
      continue;
    }
    const add = (item: string, total = 0) => entries.push({ question: question.name, item, total });
    add(ANSWERED, question.type === 'rating' ? (value as number) : 0);
    switch (question.type) {
      case 'text':
      case 'comment':
        // Free text is counted by its keywords, which the answer command adds.
        break;
      case 'checkbox':
        (value as unknown[]).forEach((item) => add(String(item)));
        break;
      case 'ranking':
        (value as unknown[]).forEach((item, index) => add(String(item), index + 1));
        break;
      case 'matrix':
        Object.entries(value as Record<string, unknown>).forEach(([row, column]) => add(matrixItem(row, column)));
        break;
      case 'rating':
        add(String(value), value as number);
        break;
      case 'radiogroup':
      case 'dropdown':
      case 'boolean':
        add(String(value));
        break;
    }
  }
  return entries;
}

/** A matrix cell's tally item: the row and the column, which may hold any character, as JSON. */
export const matrixItem = (row: unknown, column: unknown) => JSON.stringify([String(row), String(column)]);
