import { cleanText, simplifyIfTraditional } from '../../text/index';
import { keywordsFrom, keywordsFromFooter } from './keywords';
import {
  bioHeading,
  isReference,
  isReferencesHeading,
  keywordLineValue,
  parseAuthorLine,
  parseDateLine,
  parseJournalLine,
  parseUnitLine,
  unitFromBio,
} from './metadata';
import { dropStrayPinyin, markUnreadable, repairMojibake } from './mojibake';
import { isFooterStart, noiseReason, type RemovalReason } from './noise';

export interface RemovedLine {
  line: string;
  reason: RemovalReason;
}

/** An article as recognised in pasted page text, in Simplified script, for a worker to check. */
export interface ExtractedArticle {
  title: string;
  author: string | null;
  authorUnit: string | null;
  /** YYYY-MM-DD. */
  publishedOn: string | null;
  journal: string | null;
  issue: string | null;
  keywords: string[];
  paragraphs: string[];
  references: string[];
  /** Every line left out of the title, paragraphs and references, and why: nothing goes unseen. */
  removedLines: RemovedLine[];
}

/**
 * The page's lines, one paragraph each: cleaned (pinyin dropped), mojibake repaired (on the page's own
 * characters, which the repair re-encodes) and what is left of it marked, then in Simplified script.
 */
function readableLines(raw: string): string[] {
  const lines = cleanText(raw)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => markUnreadable(dropStrayPinyin(repairMojibake(line))));
  // Decided for the whole page: a Simplified page keeps 显著 as written.
  return lines.length === 0 ? [] : simplifyIfTraditional(lines.join('\n')).split('\n');
}

/** A line of the page and its place on it. */
interface PageLine {
  text: string;
  at: number;
}

/** Lines left out, with their place on the page so the worker reads them in page order. */
class Removals {
  private readonly entries: (RemovedLine & { at: number })[] = [];

  add(line: PageLine, reason: RemovalReason): void {
    this.entries.push({ line: line.text, reason, at: line.at });
  }

  inPageOrder(): RemovedLine[] {
    return [...this.entries].sort((a, b) => a.at - b.at).map(({ line, reason }) => ({ line, reason }));
  }
}

const looksLikeTitle = (line: string) => line.length <= 100 && !/[。;!]$/.test(line);

interface Header {
  title: string;
  author: string | null;
  authorUnit: string | null;
  publishedOn: string | null;
  journal: string | null;
  issue: string | null;
  keywordValues: string[];
}

/**
 * Reads the title and the particulars printed under it, consuming lines while they are particulars;
 * the first other line starts the text.
 */
function readHeader(lines: PageLine[], removed: Removals): { header: Header; rest: PageLine[] } {
  const header: Header = { title: '', author: null, authorUnit: null, publishedOn: null, journal: null, issue: null, keywordValues: [] };
  let authorFromDateLine: string | null = null;
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index].text;
    const date = header.publishedOn === null ? parseDateLine(line) : null;
    const journal = header.journal === null ? parseJournalLine(line) : null;
    const keywords = keywordLineValue(line);
    const unit = header.authorUnit === null ? parseUnitLine(line) : null;
    if (date) {
      header.publishedOn = date.date;
      authorFromDateLine = date.rest || null;
      header.author ??= authorFromDateLine;
    } else if (journal) {
      header.journal = journal.journal;
      header.issue = journal.issue;
    } else if (keywords) {
      header.keywordValues.push(keywords);
    } else if (header.title === '') {
      // Text pasted without its title opens with a paragraph, which stays one.
      if (!looksLikeTitle(line)) {
        break;
      }
      header.title = line;
      continue;
    } else if (unit) {
      header.authorUnit = unit;
    } else {
      // A name line counts only where a name is still wanted or repeated, so a short first
      // paragraph is not taken for an author.
      const authorLine = header.author === null || authorFromDateLine !== null ? parseAuthorLine(line, authorFromDateLine) : null;
      if (!authorLine) {
        break;
      }
      header.author = authorLine.author;
      header.authorUnit ??= authorLine.unit;
      authorFromDateLine = null;
    }
    removed.add(lines[index], 'fields');
  }
  return { header, rest: lines.slice(index) };
}

interface Body {
  paragraphs: string[];
  references: string[];
  bio: string | null;
  keywordValues: string[];
}

/** Sorts the text's lines into paragraphs, references and the author biography. */
function readBody(lines: PageLine[], removed: Removals): Body {
  const body: Body = { paragraphs: [], references: [], bio: null, keywordValues: [] };
  let inReferences = false;
  let bioNext = false;
  for (const pageLine of lines) {
    const line = pageLine.text;
    const keywords = keywordLineValue(line);
    const bio = bioHeading(line);
    if (bioNext) {
      body.bio = line;
      bioNext = false;
      removed.add(pageLine, 'authorBio');
    } else if (keywords) {
      body.keywordValues.push(keywords);
      removed.add(pageLine, 'fields');
    } else if (isReferencesHeading(line)) {
      inReferences = true;
      removed.add(pageLine, 'fields');
    } else if (bio) {
      inReferences = false;
      body.bio = bio.inline;
      bioNext = bio.inline === null;
      removed.add(pageLine, 'authorBio');
    } else if (isReference(line, inReferences)) {
      body.references.push(line);
    } else {
      inReferences = false;
      body.paragraphs.push(line);
    }
  }
  return body;
}

/**
 * Recognises an article in text pasted from a web page: drops what is not the article (each dropped
 * line is listed with its reason), reads the title and particulars, and splits the text into
 * paragraphs and references. Pure; the caller keeps the original.
 */
export function extractArticle(raw: string): ExtractedArticle {
  const lines = readableLines(raw).map((text, at) => ({ text, at }));
  const removed = new Removals();
  const footerAt = lines.findIndex((line) => isFooterStart(line.text));
  const page = footerAt === -1 ? lines : lines.slice(0, footerAt);
  const footer = footerAt === -1 ? [] : lines.slice(footerAt);

  const kept: PageLine[] = [];
  for (const line of page) {
    const reason = noiseReason(line.text);
    if (reason) {
      removed.add(line, reason);
    } else {
      kept.push(line);
    }
  }
  const { header, rest } = readHeader(kept, removed);
  const body = readBody(rest, removed);
  for (const line of footer) {
    removed.add(line, noiseReason(line.text) ?? 'footer');
  }

  const articleText = [header.title, ...body.paragraphs].join('\n');
  const keywordValues = [...header.keywordValues, ...body.keywordValues];
  return {
    title: header.title,
    author: header.author,
    authorUnit: header.authorUnit ?? (body.bio ? unitFromBio(body.bio) : null),
    publishedOn: header.publishedOn,
    journal: header.journal,
    issue: header.issue,
    keywords: keywordValues.length > 0 ? keywordsFrom(keywordValues, articleText) : keywordsFromFooter(footer[1]?.text, articleText),
    paragraphs: body.paragraphs,
    references: body.references,
    removedLines: removed.inPageOrder(),
  };
}
