import { ConditionRunner } from 'survey-core';
import { z } from 'zod';

/**
 * The part of the SurveyJS JSON format LianXin supports: pages of questions of nine types, with
 * required questions and conditional display (visibleIf, in SurveyJS's own expression language,
 * parsed by survey-core so the server and the browser read a condition the same way). A definition is
 * stored as parsed here: anything outside the subset is dropped, so what the browser renders is what
 * the server checks answers against.
 */
export const QUESTION_TYPES = ['radiogroup', 'checkbox', 'dropdown', 'text', 'comment', 'rating', 'matrix', 'ranking', 'boolean'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  radiogroup: '单选',
  checkbox: '多选',
  dropdown: '下拉选择',
  text: '单行文本',
  comment: '多行文本',
  rating: '评分',
  matrix: '矩阵',
  ranking: '排序',
  boolean: '是非',
};

export const MAX_PAGES = 20;
export const MAX_QUESTIONS = 200;
const MAX_CHOICES = 100;
export const DEFAULT_TEXT_LENGTH = 200;
export const DEFAULT_COMMENT_LENGTH = 2000;
const MAX_RATING_STEPS = 11;

const label = (max: number) => z.string().trim().max(max, `文字不能超过 ${max} 字`);
// Names key the answers and the expressions; braces, dots and brackets would break both.
const questionName = z
  .string()
  .trim()
  .min(1, '题目须有名称（name）')
  .max(60, '题目名称不能超过 60 个字符')
  .regex(/^[^{}.[\]'"]+$/u, '题目名称不能含有花括号、点、方括号或引号');

const choiceValue = z.union([z.string().trim().min(1, '选项值不能为空').max(100), z.number().finite()]);

/** A choice as SurveyJS writes it (a bare value, or value and text), always stored as value and text. */
const Choice = z
  .union([choiceValue, z.object({ value: choiceValue, text: label(200).optional() })])
  .transform((choice) =>
    typeof choice === 'object'
      ? { value: choice.value, text: choice.text || String(choice.value) }
      : { value: choice, text: String(choice) },
  );
export type Choice = z.output<typeof Choice>;

const choiceList = (min: number, what: string) =>
  z
    .array(Choice)
    .min(min, `${what}至少需要 ${min} 项`)
    .max(MAX_CHOICES, `${what}最多 ${MAX_CHOICES} 项`)
    .refine((choices) => new Set(choices.map((choice) => String(choice.value))).size === choices.length, `${what}的值不能重复`);

const expression = z
  .string()
  .trim()
  .max(500, '显示条件不能超过 500 个字符')
  .refine((text) => new ConditionRunner(text).canRun(), '显示条件（visibleIf）不是有效的 SurveyJS 表达式');

const common = {
  name: questionName,
  title: label(500).optional(),
  description: label(1000).optional(),
  isRequired: z.boolean().optional(),
  visibleIf: expression.optional(),
};

const Radiogroup = z.object({ type: z.literal('radiogroup'), ...common, choices: choiceList(1, '选项') });
const Dropdown = z.object({ type: z.literal('dropdown'), ...common, choices: choiceList(1, '选项') });
const Checkbox = z
  .object({
    type: z.literal('checkbox'),
    ...common,
    choices: choiceList(1, '选项'),
    minSelectedChoices: z.number().int().min(0).optional(),
    maxSelectedChoices: z.number().int().min(1).optional(),
  })
  .refine((q) => (q.maxSelectedChoices ?? Infinity) >= (q.minSelectedChoices ?? 0), '最多可选项数不能少于最少可选项数');
const Text = z.object({
  type: z.literal('text'),
  ...common,
  maxLength: z.number().int().min(1).max(DEFAULT_COMMENT_LENGTH).default(DEFAULT_TEXT_LENGTH),
  placeholder: label(200).optional(),
});
const Comment = z.object({
  type: z.literal('comment'),
  ...common,
  maxLength: z.number().int().min(1).max(10_000).default(DEFAULT_COMMENT_LENGTH),
  placeholder: label(200).optional(),
});
const Rating = z
  .object({
    type: z.literal('rating'),
    ...common,
    rateMin: z.number().int().default(1),
    rateMax: z.number().int().default(5),
    minRateDescription: label(50).optional(),
    maxRateDescription: label(50).optional(),
  })
  .refine(
    (q) => q.rateMax > q.rateMin && q.rateMax - q.rateMin < MAX_RATING_STEPS,
    `评分的最高分须大于最低分，且不超过 ${MAX_RATING_STEPS} 档`,
  )
  // SurveyJS renders rateCount steps; written out so every version renders the same range.
  .transform((q) => ({ ...q, rateCount: q.rateMax - q.rateMin + 1 }));
const Matrix = z.object({
  type: z.literal('matrix'),
  ...common,
  rows: choiceList(1, '矩阵的行'),
  columns: choiceList(1, '矩阵的列'),
  isAllRowRequired: z.boolean().optional(),
});
const Ranking = z.object({ type: z.literal('ranking'), ...common, choices: choiceList(2, '排序项') });
const BooleanQuestion = z.object({
  type: z.literal('boolean'),
  ...common,
  labelTrue: label(20).optional(),
  labelFalse: label(20).optional(),
});

const typeNames = QUESTION_TYPES.map((type) => `${QUESTION_TYPE_LABELS[type]}（${type}）`).join('、');

export const Question = z.discriminatedUnion(
  'type',
  [Radiogroup, Dropdown, Checkbox, Text, Comment, Rating, Matrix, Ranking, BooleanQuestion],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `不支持的题型“${String((issue.input as { type?: unknown } | undefined)?.type ?? '')}”，可用的题型：${typeNames}`
        : undefined,
  },
);
export type Question = z.output<typeof Question>;

const Page = z.object({
  name: z.string().trim().min(1).max(60).default('page1'),
  title: label(200).optional(),
  description: label(1000).optional(),
  elements: z.array(Question).min(1, '每页至少需要一道题').max(MAX_QUESTIONS),
});

/** SurveyJS also accepts a one-page survey written as a list of elements without pages. */
const asPages = (input: unknown) => {
  if (input && typeof input === 'object' && !('pages' in input) && 'elements' in input) {
    const { elements, ...rest } = input as { elements: unknown };
    return { ...rest, pages: [{ name: 'page1', elements }] };
  }
  return input;
};

export const SurveyDefinition = z.preprocess(
  asPages,
  z
    .object({
      pages: z.array(Page).min(1, '问卷至少需要一页').max(MAX_PAGES, `问卷最多 ${MAX_PAGES} 页`),
    })
    .superRefine((definition, context) => {
      const questions = definition.pages.flatMap((page) => page.elements);
      if (questions.length > MAX_QUESTIONS) {
        context.addIssue({ code: 'custom', message: `问卷最多 ${MAX_QUESTIONS} 道题`, path: ['pages'] });
      }
      const names = new Set<string>();
      for (const question of questions) {
        if (names.has(question.name)) {
          context.addIssue({ code: 'custom', message: `题目名称“${question.name}”重复`, path: ['pages'] });
        }
        names.add(question.name);
      }
      for (const question of questions) {
        const unknown = question.visibleIf ? conditionVariables(question.visibleIf).filter((name) => !names.has(name)) : [];
        if (unknown.length > 0) {
          context.addIssue({
            code: 'custom',
            message: `题目“${question.name}”的显示条件引用了不存在的题目：${unknown.join('、')}`,
            path: ['pages'],
          });
        }
      }
    }),
);
export type SurveyDefinition = z.output<typeof SurveyDefinition>;

/** The questions a condition reads ({q}, {matrix.row} reads q and matrix). */
export function conditionVariables(expressionText: string): string[] {
  return [...new Set(new ConditionRunner(expressionText).getVariables().map((variable) => variable.split(/[.[]/u)[0]))];
}

export const questionsOf = (definition: SurveyDefinition): Question[] => definition.pages.flatMap((page) => page.elements);

/** Whether a condition holds for the answers given so far. */
export const conditionHolds = (expressionText: string, values: Record<string, unknown>): boolean =>
  new ConditionRunner(expressionText).runValues(values) === true;

/** Questions whose answers are free text, read with their keywords rather than counted. */
export const isFreeText = (question: Question): boolean => question.type === 'text' || question.type === 'comment';
