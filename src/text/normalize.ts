import * as OpenCC from 'opencc-js';

// Zero-width characters, the BOM and C0/C1 controls other than tab and line breaks.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\uFEFF\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * A pinyin syllable with tone marks (kāi, fā, shì, guān, nǚ), as scraped pages print it after a
 * character: 開(kāi), 發(fā). Toneless letters are left alone, so an abbreviation like 系统(OA)
 * or a word in brackets survives.
 */
const SYLLABLE = '(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*';
const PINYIN_AFTER_HAN = new RegExp(`(\\p{Script=Han})\\((?:${SYLLABLE})\\)`, 'gu');

// Taiwan standard covers the common traditional forms (and mainland pages machine-converted to them).
const toSimplifiedScript = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * Text as people should read it: Unicode NFKC (full-width letters and digits become ASCII),
 * invisible and control characters and pinyin annotations removed, runs of spaces collapsed and
 * blank lines trimmed. The script (Simplified or Traditional) is kept.
 */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(PINYIN_AFTER_HAN, '$1')
    .replace(/[ \t\u3000]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Traditional characters (Taiwan, Hong Kong, scraped mainland pages) as Simplified, character by
 * character. Some characters are both (著 in 显著 is also the Traditional form of 着), so Simplified
 * text can change too: right for matching, where query and index go through the same function; for
 * text people read, use simplifyIfTraditional.
 */
export const toSimplified = (text: string): string => toSimplifiedScript(text);

// Simplified text changes in well under 1 % of its characters (著, 乾, 瞭 …); Traditional in a fifth or more.
const TRADITIONAL_SHARE = 0.05;

/** The text in Simplified script if it is written in Traditional, else unchanged (显著 stays 显著). */
export function simplifyIfTraditional(text: string): string {
  const simplified = toSimplified(text);
  const before = [...text];
  const after = [...simplified];
  if (before.length !== after.length) {
    return simplified;
  }
  let han = 0;
  let changed = 0;
  before.forEach((character, index) => {
    if (/\p{Script=Han}/u.test(character)) {
      han += 1;
      changed += character === after[index] ? 0 : 1;
    }
  });
  return han > 0 && changed / han > TRADITIONAL_SHARE ? simplified : text;
}

/**
 * One spelling for Simplified and Traditional alike, for matching only. The conversion reads
 * Traditional phrases (顯著 → 显著) but maps single characters that are both (著 → 着), so it is run
 * twice: 顯著 and 显著 both end as 显着. Lengths are kept, so positions carry over to the original.
 */
export const matchingForm = (text: string): string => toSimplified(toSimplified(text)).toLowerCase();

/**
 * The form text is indexed, compared and counted in: cleaned, in the matching form. A query goes
 * through the same function, so 黨群 finds 党群 and back.
 */
export const normalizeText = (raw: string): string => matchingForm(cleanText(raw));
