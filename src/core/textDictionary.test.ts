import { describe, expect, it } from 'vitest';
import { distinctAdminWords, MAX_ADMIN_WORDS, normalizeText, Segmenter } from '../text';
import { AdminWord, AdminWords } from './textDictionary';

describe("an admin's dictionary word", () => {
  it('is cleaned: full-width letters and digits as ASCII, invisible characters and outer spaces removed', () => {
    expect(AdminWord.parse('  ＯＡ系统\u200B ')).toBe('OA系统');
    expect(AdminWord.parse('１２３４５热线')).toBe('12345热线');
    expect(AdminWord.parse('連心驛站')).toBe('連心驛站');
  });

  it('has 2 to 20 Han characters, letters or digits, and nothing else', () => {
    for (const word of ['驿站', 'Wi2', '很'.repeat(20)]) {
      expect(AdminWord.safeParse(word).success, word).toBe(true);
    }
    for (const word of ['站', '很'.repeat(21), '连心 驿站', '连心-驿站', '驿站！', '', '\u200B站']) {
      const result = AdminWord.safeParse(word);
      expect(result.success, word).toBe(false);
      expect(result.error?.issues[0]?.message, word).toBe('词语须为 2–20 个汉字、字母或数字，不含空格和标点');
    }
  });

  it(`comes in lists of at most ${MAX_ADMIN_WORDS}`, () => {
    const words = (count: number) => Array.from({ length: count }, (_, index) => `词语${index}`);
    expect(AdminWords.safeParse(words(MAX_ADMIN_WORDS)).success).toBe(true);
    expect(AdminWords.safeParse(words(MAX_ADMIN_WORDS + 1)).error?.issues[0]?.message).toBe(`领域词典最多 ${MAX_ADMIN_WORDS} 个词`);
  });
});

describe('distinctAdminWords', () => {
  it("keeps each word once in the admin's order, whatever its script or case, and drops the built-in words", () => {
    expect(distinctAdminWords(['連心驛站', '暖心食堂', '连心驿站', 'OA系统', 'oa系统', '党建', '黨建', '三会一课'])).toEqual([
      '連心驛站',
      '暖心食堂',
      'OA系统',
    ]);
    expect(distinctAdminWords([])).toEqual([]);
  });
});

describe('a segmenter with admin words', () => {
  it('keeps them whole as typed, in Traditional script or capitals, against normalised text', () => {
    const segmenter = new Segmenter(['連心驛站', 'OA系统']);
    expect(segmenter.words(normalizeText('小区门口的連心驛站，可以登录ＯＡ系統预约'))).toEqual(
      expect.arrayContaining(['连心驿站', 'oa系统']),
    );
  });
});
