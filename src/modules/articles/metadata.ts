/**
 * The lines of an article page that carry its particulars rather than its text: the date and author
 * line, the journal and issue, the keyword line, the author's name and unit. Each parser takes one
 * cleaned, Simplified line and answers null when the line is something else.
 */

const DATE_LINE = /^(?:发布时间[:：]?\s*)?(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(.*)$/;

function isoDate(year: string, month: string, day: string): string | null {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const valid = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  return valid ? date.toISOString().slice(0, 10) : null;
}

/** "2019-11-13 10:51赵淑花重庆钢铁股份有限公司…": the date, and what follows the time (the author, often run together with more). */
export function parseDateLine(line: string): { date: string; rest: string } | null {
  const match = DATE_LINE.exec(line);
  const date = match && isoDate(match[1], match[2], match[3]);
  // A paragraph that opens with a date ("2019年11月13日,党委召开…") is text, not the date line.
  if (!match || !date || match[4].length > 80 || /[,。;]/.test(match[4])) {
    return null;
  }
  return { date, rest: match[4].trim() };
}

const JOURNAL_LINE = /^(\S.{0,39}?)\s+(\d{4}年(?:第)?\d{1,3}期)$/;

/** "新生代 2019年19期". */
export function parseJournalLine(line: string): { journal: string; issue: string } | null {
  const match = JOURNAL_LINE.exec(line);
  return match ? { journal: match[1].trim(), issue: match[2] } : null;
}

const KEYWORD_LINE = /^[[【]?(?:关键词|关键字|主题词)[\]】]?\s*[:：]\s*(.+)$/;

/** What follows "关键词:", run together or separated. */
export function keywordLineValue(line: string): string | null {
  return KEYWORD_LINE.exec(line)?.[1].trim() ?? null;
}

const PERSON = /^[\p{Script=Han}·]{2,5}$/u;
const POSTCODE = /^\d{6}$/;
const NOT_A_NAME = new Set(['引言', '前言', '摘要', '导语', '正文', '结语', '绪论', '概述']);

const isPerson = (token: string) => PERSON.test(token) && !NOT_A_NAME.has(token);

/**
 * The author line under the title: "赵淑花 重庆钢铁股份有限公司 重庆市 401258" or just "刘胜". When the
 * date line named the author already (`expected`), the line must repeat it; otherwise it must be
 * only names.
 */
export function parseAuthorLine(line: string, expected: string | null): { author: string; unit: string | null } | null {
  if (line.length > 60 || /[,。;:!?]/.test(line)) {
    return null;
  }
  const tokens = line.split(' ');
  if (expected !== null) {
    if (!isPerson(tokens[0]) || !expected.replaceAll(' ', '').startsWith(tokens.join(''))) {
      return null;
    }
    return { author: tokens[0], unit: tokens.slice(1).find((token) => !POSTCODE.test(token)) ?? null };
  }
  return tokens.every(isPerson) ? { author: tokens.join(' '), unit: null } : null;
}

const UNIT_LINE = /^\(([^,()]{2,40}),[^()]{2,40}\)$/;

/** "(山东省第五地质矿产勘查院,山东 泰安 271021)": the unit, then its province, city and postcode. */
export function parseUnitLine(line: string): string | null {
  return UNIT_LINE.exec(line)?.[1].trim() ?? null;
}

const BIO_UNIT =
  /现任(?:职于)?(.{2,30}?(?:支队|大队|公司|集团|研究院|研究所|设计院|医院|学院|大学|学校|委员会|办公室|中心|局|厅|院|所|街道|社区|镇|乡|村))/;

/** The unit in an author biography: "…现任淮北市城市管理监察支队政工师。" */
export function unitFromBio(bio: string): string | null {
  return BIO_UNIT.exec(bio)?.[1] ?? null;
}

const BIO_HEADING = /^(?:作者简介|作者介绍)[:：]?\s*(.*)$/;

/** "作者简介" alone (the biography follows) or with the biography after a colon. */
export function bioHeading(line: string): { inline: string | null } | null {
  const match = BIO_HEADING.exec(line);
  return match ? { inline: match[1] || null } : null;
}

const REFERENCES_HEADING = /^[[【]?参考文献[\]】]?[:：]?$/;
export const isReferencesHeading = (line: string): boolean => REFERENCES_HEADING.test(line);

const NUMBERED = /^[[【]\d{1,3}[\]】]/;
// GB/T 7714 document types: journal, monograph, newspaper, thesis, proceedings, report, standard, patent, web page.
const DOCUMENT_TYPE = /\[(?:J|M|N|D|C|R|S|P|Z|EB\/OL)\]/;

/** A numbered entry of a reference list; outside one, only an entry that names its document type. */
export const isReference = (line: string, inReferences: boolean): boolean =>
  NUMBERED.test(line) && (inReferences || DOCUMENT_TYPE.test(line));
