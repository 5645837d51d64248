/**
 * Repairs for the two kinds of mojibake that pages copied from article sites carry. Both are exact
 * reversals, checked by strict decoding, so text that merely looks odd is left as it is.
 */

let gbkBytes: Map<string, [number, number]> | null = null;

/** Each character's two GBK bytes, read off the decoder once (Node has a GBK decoder but no encoder). */
function gbkTable(): Map<string, [number, number]> {
  if (gbkBytes) {
    return gbkBytes;
  }
  const decoder = new TextDecoder('gbk', { fatal: true });
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) {
        continue;
      }
      try {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && !table.has(char)) {
          table.set(char, [lead, trail]);
        }
      } catch {
        // Not a GBK pair.
      }
    }
  }
  gbkBytes = table;
  return table;
}

/** The text's GBK bytes, or null when a character has none. */
function encodeGbk(text: string): number[] | null {
  const table = gbkTable();
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = table.get(char);
    if (!pair) {
      return null;
    }
    bytes.push(...pair);
  }
  return bytes;
}

function decodeStrict(encoding: 'gbk' | 'utf-8', bytes: number[]): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

const ONLY_HAN = /^\p{Script=Han}+$/u;
const TONED_SYLLABLE = '[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*';

/** GBK bytes paired out of step, decoded in step, if that gives only Han characters. */
function realign(leading: number[], run: string, skip: number): string | null {
  const bytes = encodeGbk(run);
  const text = bytes && decodeStrict('gbk', [...leading, ...bytes.slice(skip)]);
  return text && ONLY_HAN.test(text) ? text : null;
}

/**
 * A GBK page decoded a byte out of step: a character was lost ("?"), and the characters after it pair
 * the wrong bytes until a trail byte in the ASCII range ("h", "]") brings the decoder back in step.
 * Two traces of this are certain enough to repair:
 * - the next lead byte kept without its high bit, an ASCII mark (";"): "重要?;鶎狱h務" is
 *   "重要。基層黨務". In every page seen the lost character ended the sentence, so it becomes "。";
 * - the lost character's pinyin without its bracket ("?yàn)"), then the orphaned trail byte, which is
 *   dropped: "是因?yàn)椴糠贮h" is "是因?部分黨". The "?" stays, for the worker to correct.
 */
const LEAD_BYTE_AS_ASCII = /(?<=\p{Script=Han})\?([\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e])(\P{ASCII}{2,}[\x40-\x7e])/gu;
const AFTER_LOST_CHARACTER = new RegExp(`(?<=\\p{Script=Han})\\?${TONED_SYLLABLE}\\)(\\P{ASCII}+[\\x40-\\x7e])`, 'gu');

function repairShifted(line: string): string {
  return line
    .replace(LEAD_BYTE_AS_ASCII, (whole, lead: string, run: string) => {
      const text = realign([lead.charCodeAt(0) | 0x80], run, 0);
      return text ? `。${text}` : whole;
    })
    .replace(AFTER_LOST_CHARACTER, (whole, run: string) => {
      const text = realign([], run, 1);
      return text ? `?${text}` : whole;
    });
}

const NON_ASCII = /\P{ASCII}/gu;

/** UTF-8 bytes shown as GBK ("鍩哄眰鍏氬缓" for "基层党建"), the commonest mojibake of all. */
function repairUtf8ReadAsGbk(line: string): string {
  if ((line.match(NON_ASCII)?.length ?? 0) < 4) {
    return line;
  }
  const bytes = encodeGbk(line);
  const text = bytes && decodeStrict('utf-8', bytes);
  return text && /\p{Script=Han}/u.test(text) ? text : line;
}

/** The line with its mojibake repaired where the repair is certain; before script conversion. */
export const repairMojibake = (line: string): string => repairShifted(repairUtf8ReadAsGbk(line));

/** "闆](méi)", or "?wèn)" where the character and the bracket were lost together. */
const STRAY_PINYIN = new RegExp(`\\(${TONED_SYLLABLE}\\)|(?<=\\?)${TONED_SYLLABLE}\\)`, 'g');

/**
 * Pinyin annotations that mojibake parted from their character. cleanText drops those that follow a
 * character (開(kāi)); these follow a garbled byte or a lost character ("?"), which stays as the mark
 * for the worker to correct.
 */
export const dropStrayPinyin = (text: string): string => text.replace(STRAY_PINYIN, '');

const UNREADABLE_CHARACTER = /[\p{Co}\uFFFD]/gu;

/**
 * Private-use code points and replacement characters left after the repairs: no font shows them, so
 * they become "?", the mark of a lost character the worker corrects.
 */
export const markUnreadable = (text: string): string => text.replace(UNREADABLE_CHARACTER, '?');
