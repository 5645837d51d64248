import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppraisalRow, RosterRow } from './repository';
import { APPRAISAL_GRADE_LABELS, type AppraisalGrade, type AppraisalTally } from './schemas';
import type { z } from 'zod';

const COLUMNS = [
  { header: '姓名', key: 'name', width: 12 },
  { header: '身份', key: 'status', width: 10 },
  { header: '优秀（票）', key: 'excellent', width: 10 },
  { header: '合格（票）', key: 'qualified', width: 10 },
  { header: '基本合格（票）', key: 'basic', width: 14 },
  { header: '不合格（票）', key: 'unqualified', width: 12 },
  { header: '评定等次', key: 'grade', width: 10 },
  { header: '限期改正至', key: 'followUp', width: 14 },
];

/** 民主评议结果表: one row per member, the test's counts beside the committee's grade. A branch is small: one sheet, streamed out. */
export function exportAppraisal(
  appraisal: AppraisalRow,
  roster: RosterRow[],
  tally: z.infer<typeof AppraisalTally>,
): { stream: Readable; done: Promise<void> } {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(`${appraisal.year}年度民主评议`);
  sheet.columns = COLUMNS;
  const counts = new Map(tally.members.map((member) => [member.userId, member.counts]));
  const done = (async () => {
    for (const member of roster) {
      const votes = counts.get(member.user_id);
      sheet
        .addRow({
          name: member.name,
          status: member.probationary === 1 ? '预备党员' : '正式党员',
          excellent: votes?.excellent ?? '',
          qualified: votes?.qualified ?? '',
          basic: votes?.basic ?? '',
          unqualified: votes?.unqualified ?? '',
          grade: member.final_grade
            ? APPRAISAL_GRADE_LABELS[member.final_grade as AppraisalGrade]
            : member.probationary === 1
              ? '不评定'
              : '',
          followUp: member.follow_up_due_on ?? '',
        })
        .commit();
    }
    sheet.addRow({ name: `参加测评 ${tally.raters} 人，应参加 ${tally.eligible} 人` }).commit();
    sheet.commit();
    await workbook.commit();
  })();
  done.catch((error: unknown) => stream.destroy(error as Error));
  return { stream, done };
}
