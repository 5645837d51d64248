import type { QuestionType, SurveyJson } from './types';

/**
 * The question-list editor's model: what a worker sets without writing JSON (type, title, choices,
 * required, "show if question X is Y"), turned into SurveyJS JSON and back. Anything else an imported
 * questionnaire carries (a rating range, a complex condition) is kept in `extra` and written back as
 * it was.
 */
export interface BuilderQuestion {
  key: string;
  name: string;
  type: QuestionType;
  title: string;
  isRequired: boolean;
  /** Options of choice and ranking questions, the rows of a matrix; answers are stored by value. */
  choices: Choice[];
  /** The columns of a matrix. */
  columns: Choice[];
  /** Shown only when another question's answer equals a value. */
  showIf: { question: string; value: string } | null;
  extra: Record<string, unknown>;
}

export interface Choice {
  value: string | number;
  text: string;
}

/** A new option: its text is its value. */
export const choice = (text: string): Choice => ({ value: text, text });

export const CHOICE_TYPES: readonly QuestionType[] = ['radiogroup', 'checkbox', 'dropdown', 'ranking'];

let counter = 0;
const nextKey = () => `q${Date.now().toString(36)}${(counter++).toString(36)}`;

export function newQuestion(type: QuestionType, existing: readonly BuilderQuestion[]): BuilderQuestion {
  let index = existing.length + 1;
  while (existing.some((question) => question.name === `q${index}`)) {
    index += 1;
  }
  return {
    key: nextKey(),
    name: `q${index}`,
    type,
    title: '',
    isRequired: false,
    choices: (CHOICE_TYPES.includes(type) ? ['选项一', '选项二'] : type === 'matrix' ? ['第一行', '第二行'] : []).map(choice),
    columns: (type === 'matrix' ? ['满意', '一般', '不满意'] : []).map(choice),
    showIf: null,
    extra: {},
  };
}

const SIMPLE_CONDITION = /^\{([^{}]+)\}\s*=\s*(?:'([^']*)'|"([^"]*)"|(true|false|-?\d+(?:\.\d+)?))$/u;

function readChoice(raw: unknown): Choice {
  if (typeof raw === 'object' && raw !== null) {
    const { value, text } = raw as { value?: unknown; text?: unknown };
    const kept = typeof value === 'number' ? value : String(value ?? '');
    return { value: kept, text: typeof text === 'string' && text !== '' ? text : String(kept) };
  }
  return typeof raw === 'number' ? { value: raw, text: String(raw) } : choice(String(raw));
}

/** A condition value as SurveyJS writes it: numbers and booleans bare, text quoted. */
function literal(value: string): string {
  return /^(true|false|-?\d+(\.\d+)?)$/u.test(value) ? value : `'${value.replace(/'/gu, '')}'`;
}

export function toSurveyJson(questions: readonly BuilderQuestion[]): SurveyJson {
  const elements = questions.map((question) => {
    const element: Record<string, unknown> = {
      ...question.extra,
      type: question.type,
      name: question.name,
      title: question.title || question.name,
    };
    if (question.isRequired) {
      element.isRequired = true;
    } else {
      delete element.isRequired;
    }
    if (CHOICE_TYPES.includes(question.type)) {
      element.choices = question.choices;
    }
    if (question.type === 'matrix') {
      element.rows = question.choices;
      element.columns = question.columns;
    }
    if (question.showIf) {
      element.visibleIf = `{${question.showIf.question}} = ${literal(question.showIf.value)}`;
    }
    return element;
  });
  return { pages: [{ name: 'page1', elements }] };
}

/** Reads a SurveyJS questionnaire into the editor; the server checks it when it is saved. */
export function fromSurveyJson(json: SurveyJson): BuilderQuestion[] {
  const pages = Array.isArray(json.pages) ? (json.pages as { elements?: unknown[] }[]) : [{ elements: json.elements as unknown[] }];
  return pages.flatMap((page) =>
    (page.elements ?? []).map((raw) => {
      const element = raw as Record<string, unknown>;
      const { type, name, title, isRequired, choices, rows, columns, visibleIf, ...extra } = element;
      const match = typeof visibleIf === 'string' ? SIMPLE_CONDITION.exec(visibleIf.trim()) : null;
      if (typeof visibleIf === 'string' && !match) {
        extra.visibleIf = visibleIf;
      }
      const list = (value: unknown) => (Array.isArray(value) ? value.map(readChoice) : []);
      return {
        key: nextKey(),
        name: String(name ?? ''),
        type: type as QuestionType,
        title: typeof title === 'string' ? title : '',
        isRequired: isRequired === true,
        choices: type === 'matrix' ? list(rows) : list(choices),
        columns: list(columns),
        showIf: match ? { question: match[1], value: match[2] ?? match[3] ?? match[4] } : null,
        extra: Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)),
      };
    }),
  );
}
