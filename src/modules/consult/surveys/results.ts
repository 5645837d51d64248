import type { Choice, Question, SurveyDefinition } from './definition';
import { isFreeText, questionsOf } from './definition';
import { ANSWERED, matrixItem } from './answers';

/** How many keywords of a free-text question the results show. */
const KEYWORDS_SHOWN = 20;

interface Tally {
  question: string;
  item: string;
  count: number;
  total: number;
}

const mean = (total: number, count: number) => (count > 0 ? Math.round((total / count) * 100) / 100 : null);

/** Every choice of the question with its count, in the questionnaire's order (a choice nobody took shows 0). */
function itemsOf(question: Question, byItem: Map<string, Tally>) {
  const choices: Choice[] =
    question.type === 'rating'
      ? Array.from({ length: question.rateCount }, (_, index) => ({
          value: question.rateMin + index,
          text: String(question.rateMin + index),
        }))
      : question.type === 'boolean'
        ? [
            { value: 'true', text: question.labelTrue ?? '是' },
            { value: 'false', text: question.labelFalse ?? '否' },
          ]
        : 'choices' in question
          ? question.choices
          : [];
  return choices.map((choice) => {
    const tally = byItem.get(String(choice.value));
    return {
      value: String(choice.value),
      label: choice.text,
      count: tally?.count ?? 0,
      average: question.type === 'ranking' ? mean(tally?.total ?? 0, tally?.count ?? 0) : null,
    };
  });
}

/** Per question: how many answered, the counts per choice, the mean rating or rank, the matrix cells, the keywords of free text. */
export function buildResults(definition: SurveyDefinition, tallies: readonly Tally[]) {
  const byQuestion = new Map<string, Map<string, Tally>>();
  for (const tally of tallies) {
    const items = byQuestion.get(tally.question) ?? new Map<string, Tally>();
    items.set(tally.item, tally);
    byQuestion.set(tally.question, items);
  }
  const questions = questionsOf(definition).map((question) => {
    const byItem = byQuestion.get(question.name) ?? new Map<string, Tally>();
    const answered = byItem.get(ANSWERED);
    return {
      name: question.name,
      title: question.title || question.name,
      type: question.type,
      answered: answered?.count ?? 0,
      average: question.type === 'rating' ? mean(answered?.total ?? 0, answered?.count ?? 0) : null,
      items: isFreeText(question) || question.type === 'matrix' ? [] : itemsOf(question, byItem),
      rows:
        question.type === 'matrix'
          ? question.rows.map((row) => ({
              value: String(row.value),
              label: row.text,
              columns: question.columns.map((column) => ({
                value: String(column.value),
                label: column.text,
                count: byItem.get(matrixItem(row.value, column.value))?.count ?? 0,
                average: null,
              })),
            }))
          : [],
      keywords: isFreeText(question)
        ? [...byItem.values()]
            .filter((tally) => tally.item !== ANSWERED)
            .sort((a, b) => b.count - a.count || (a.item < b.item ? -1 : 1))
            .slice(0, KEYWORDS_SHOWN)
            .map((tally) => ({ word: tally.item, count: tally.count }))
        : [],
    };
  });
  return { answerCount: byQuestion.get(ANSWERED)?.get(ANSWERED)?.count ?? 0, questions };
}
