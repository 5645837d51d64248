import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  cosineSimilarity,
  defaultIdf,
  defaultSegmenter,
  hammingDistance,
  normalizeText,
  Segmenter,
  simhash,
  simhashBands,
  simplifyIfTraditional,
  topKeywords,
  weighTerms,
} from './index';

const ARTICLES = path.resolve(import.meta.dirname, '../../../shared/fixtures/articles');
const article = (prefix: string) => {
  const file = readdirSync(ARTICLES).find((name) => name.startsWith(prefix))!;
  return readFileSync(path.join(ARTICLES, file), 'utf8');
};

describe('cleanText', () => {
  it('applies NFKC and drops zero-width and control characters', () => {
    expect(cleanText('ＡＢＣ１２３\u200B党\u200D群\u0007工作\uFEFF')).toBe('ABC123党群工作');
  });

  it('drops the pinyin that scraped pages print after characters, and keeps other brackets', () => {
    expect(cleanText('改革開(kāi)放縱深發(fā)展，社會(huì)各階層')).toBe('改革開放縱深發展,社會各階層');
    expect(cleanText('柴建婷(1982-),女 使用OA系统(OA)办公 第(一)部分')).toBe('柴建婷(1982-),女 使用OA系统(OA)办公 第(一)部分');
  });

  it('collapses spaces and blank lines, keeping paragraphs apart', () => {
    expect(cleanText('  第一段\u3000\u3000内容 \r\n\r\n\r\n\r\n  第二段  ')).toBe('第一段 内容\n\n第二段');
  });
});

describe('normalizeText', () => {
  it('turns Traditional into Simplified and Latin into lower case, so either script finds the other', () => {
    expect(normalizeText('黨群工作 與 群眾路線 ABC')).toBe('党群工作 与 群众路线 abc');
    expect(normalizeText('党群工作')).toBe(normalizeText('黨羣工作'));
  });
});

describe('simplifyIfTraditional', () => {
  it('turns a Traditional text into Simplified and leaves a Simplified one as written', () => {
    expect(simplifyIfTraditional('黨群工作取得顯著成效')).toBe('党群工作取得显著成效');
    const simplified = '党群工作取得显著成效，基层党组织的凝聚力和战斗力不断增强，群众满意度明显提升';
    expect(simplifyIfTraditional(simplified)).toBe(simplified);
    expect(normalizeText('显著')).toBe(normalizeText('顯著'));
  });
});

describe('Segmenter', () => {
  it('keeps the domain words whole', () => {
    const words = defaultSegmenter().words(normalizeText('开展三会一课和主题党日，落实接诉即办，解决停车难问题'));
    expect(words).toEqual(expect.arrayContaining(['三会一课', '主题党日', '接诉即办', '停车难']));
  });

  it('adds the words an admin gives it', () => {
    const text = normalizeText('推进红色物业联盟建设');
    expect(defaultSegmenter().words(text)).not.toContain('红色物业联盟');
    expect(new Segmenter(['红色物业联盟']).words(text)).toContain('红色物业联盟');
  });

  it('indexes the parts of long words too, and leaves out punctuation', () => {
    const words = defaultSegmenter().indexWords(normalizeText('加强基层党组织建设。'));
    expect(words).toEqual(expect.arrayContaining(['基层', '党组织']));
    expect(words).not.toContain('。');
  });

  it('keeps nouns and set phrases as subject terms, not verbs', () => {
    const terms = defaultSegmenter().subjectTerms(normalizeText('社区加强垃圾分类宣传，开展志愿服务'));
    expect(terms).toEqual(expect.arrayContaining(['社区', '垃圾分类', '志愿服务']));
    expect(terms).not.toContain('加强');
    expect(terms).not.toContain('开展');
  });

  it('counts content terms only: no stop words, single characters or Latin fragments', () => {
    const terms = defaultSegmenter().terms(normalizeText('我们的小区在2024年有了新的物业公司 ng sh'));
    expect(terms).toEqual(['小区', '物业公司']);
  });
});

describe('keywords of the scraped articles', () => {
  const keywordsOf = (prefix: string) => topKeywords(defaultSegmenter().subjectTerms(normalizeText(article(prefix))), 10);

  it.each([
    ['000', ['党群工作', '党员干部', '不忘初心']],
    ['001', ['党务工作', '基层干部', '责任感']],
    ['002', ['基层党建', '不忘初心', '牢记使命']],
    ['003', ['群众', '党群关系', '干群关系']],
    ['004', ['党群', '党群工作', '热情服务']],
  ])('article %s: its subject words lead, and no pinyin fragment appears', (prefix, expected) => {
    const keywords = keywordsOf(prefix);
    for (const word of expected) {
      expect(keywords).toContain(word);
    }
    expect(keywords.every((word) => /\p{Script=Han}/u.test(word))).toBe(true);
  });
});

describe('similarity', () => {
  const weighed = (text: string) => weighTerms(defaultSegmenter().terms(normalizeText(text)), defaultIdf());
  const first = weighed('幸福路12号院的路灯已经坏了一个多月，晚上出行很不方便，请尽快维修路灯');
  const retold = weighed('幸福路12号院路灯坏了一个多月了，晚上出行不方便，希望尽快维修');
  const other = weighed('农贸市场东侧垃圾清运不及时，气味很大，影响周边居民生活');

  it('scores a retelling of the same problem far above a different problem', () => {
    expect(cosineSimilarity(first, retold)).toBeGreaterThan(0.7);
    expect(cosineSimilarity(first, other)).toBeLessThan(0.1);
    expect(cosineSimilarity(first, first)).toBeCloseTo(1, 10);
  });

  it('gives near duplicates fingerprints a few bits apart, sharing a band', () => {
    const [a, b, c] = [simhash(first), simhash(retold), simhash(other)];
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(a, a)).toBe(0);
    expect(hammingDistance(a, b)).toBeLessThan(hammingDistance(a, c));
    expect(simhashBands(a)).toHaveLength(4);
  });
});
