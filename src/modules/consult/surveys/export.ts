import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/database';
import type { Survey } from '../../../db/schema';
import { questionsOf, type Choice, type Question, type SurveyDefinition } from './definition';

const BATCH = 500;

interface Column {
  header: string;
  key: string;
  width: number;
  cell: (answer: Record<string, unknown>) => string | number;
}

const labelOf = (choices: readonly Choice[], value: unknown) => choices.find((choice) => choice.value === value)?.text ?? String(value);

/**
 * The columns of a question: one for most; a matrix gives one per row (the column chosen), a ranking
 * one per place (the item put there), so every cell holds one value a spreadsheet can filter.
 */
function columnsOf(question: Question): Column[] {
  const title = question.title || question.name;
  const single = (cell: Column['cell'], width = 16): Column[] => [{ header: title, key: question.name, width, cell }];
  const value = (answer: Record<string, unknown>) => answer[question.name];
  switch (question.type) {
    case 'radiogroup':
    case 'dropdown':
      return single((answer) => (value(answer) === undefined ? '' : labelOf(question.choices, value(answer))));
    case 'checkbox':
      return single(
        (answer) => ((value(answer) as unknown[] | undefined) ?? []).map((item) => labelOf(question.choices, item)).join('；'),
        24,
      );
    case 'text':
    case 'comment':
      return single((answer) => (value(answer) as string | undefined) ?? '', question.type === 'comment' ? 48 : 24);
    case 'rating':
      return single((answer) => (value(answer) as number | undefined) ?? '', 8);
    case 'boolean':
      return single(
        (answer) => (value(answer) === undefined ? '' : value(answer) ? (question.labelTrue ?? '是') : (question.labelFalse ?? '否')),
        8,
      );
    case 'matrix':
      return question.rows.map((row) => ({
        header: `${title} - ${row.text}`,
        key: `${question.name}.${String(row.value)}`,
        width: 12,
        cell: (answer) => {
          const cells = value(answer) as Record<string, unknown> | undefined;
          const chosen = cells?.[String(row.value)];
          return chosen === undefined ? '' : labelOf(question.columns, chosen);
        },
      }));
    case 'ranking':
      return question.choices.map((_, index) => ({
        header: `${title} - 第${index + 1}位`,
        key: `${question.name}.${index + 1}`,
        width: 14,
        cell: (answer) => {
          const order = value(answer) as unknown[] | undefined;
          return order ? labelOf(question.choices, order[index]) : '';
        },
      }));
  }
}

/**
 * Streams a survey's answers as xlsx, one row per answer and one column per question (see columnsOf):
 * answers are read in keyset-paged batches and each row is committed to the zip stream at once, so
 * memory stays flat however many answers there are (bench/survey-export.ts measures it). An anonymous
 * survey's sheet has no respondent column.
 */
export function exportSurveyAnswers(db: Db, survey: Survey, definition: SurveyDefinition): { stream: Readable; done: Promise<number> } {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('答卷');
  const named = survey.anonymous === 0;
  const columns = questionsOf(definition).flatMap(columnsOf);
  sheet.columns = [
    { header: '序号', key: '#', width: 8 },
    { header: '填写日期', key: 'day', width: 12 },
    ...(named ? [{ header: '填写人', key: 'who', width: 12 }] : []),
    { header: '所在组织', key: 'org', width: 20 },
    ...columns.map(({ header, key, width }) => ({ header, key, width })),
  ];

  const done = (async () => {
    let written = 0;
    let after: { submitted_on: string; id: string } | null = null;
    for (;;) {
      let page = db
        .selectFrom('survey_answers')
        .leftJoin('orgs', 'orgs.id', 'survey_answers.org_id')
        .leftJoin('users', 'users.id', 'survey_answers.user_id')
        .select(['survey_answers.id', 'survey_answers.submitted_on', 'survey_answers.data', 'orgs.name as org_name', 'users.display_name'])
        .where('survey_answers.survey_id', '=', survey.id);
      if (after) {
        const cursor: { submitted_on: string; id: string } = after;
        // A row comparison, which both databases turn into one index range.
        page = page.where((eb) =>
          eb(eb.refTuple('survey_answers.submitted_on', 'survey_answers.id'), '>', eb.tuple(cursor.submitted_on, cursor.id)),
        );
      }
      const rows = await page.orderBy('survey_answers.submitted_on').orderBy('survey_answers.id').limit(BATCH).execute();
      for (const row of rows) {
        const answer = JSON.parse(row.data) as Record<string, unknown>;
        written += 1;
        const cells: Record<string, string | number> = { '#': written, day: row.submitted_on, org: row.org_name ?? '' };
        if (named) {
          cells.who = row.display_name ?? '';
        }
        for (const column of columns) {
          cells[column.key] = column.cell(answer);
        }
        sheet.addRow(cells).commit();
      }
      if (rows.length < BATCH || stream.destroyed) {
        break;
      }
      after = rows[rows.length - 1];
      await yieldToClient(stream);
    }
    sheet.commit();
    await workbook.commit();
    return written;
  })();
  done.catch((error: unknown) => stream.destroy(error as Error));
  return { stream, done };
}

/** Between batches: wait while the client has not taken what was written, and give the event loop a turn. */
async function yieldToClient(stream: PassThrough): Promise<void> {
  while (stream.readableLength > stream.readableHighWaterMark && !stream.destroyed) {
    await Promise.race([once(stream, 'drain'), once(stream, 'close'), new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  await new Promise((resolve) => setImmediate(resolve));
}
