import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../text/index';
import { extractArticle, type ExtractedArticle } from './extract';
import { keywordsFrom, splitRunTogether } from './keywords';
import { dropStrayPinyin, repairMojibake } from './mojibake';
import { noiseReason } from './noise';

const ARTICLES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/articles');
const fixture = (prefix: string) => {
  const file = readdirSync(ARTICLES).find((name) => name.startsWith(prefix))!;
  return readFileSync(path.join(ARTICLES, file), 'utf8');
};

type Fields = Omit<ExtractedArticle, 'paragraphs' | 'references' | 'removedLines'>;

// Read off each page by hand, in Simplified script.
const EXPECTED: Record<string, Fields> = {
  '000': {
    title: '不忘初心牢记使命 扎实做好党群工作',
    author: '赵淑花',
    authorUnit: '重庆钢铁股份有限公司',
    publishedOn: '2019-11-13',
    journal: '新生代',
    issue: '2019年19期',
    keywords: ['党群', '初心', '党员干部'],
  },
  '001': {
    title: '新形势下做好基层党务工作的几点思考',
    author: '刘胜',
    authorUnit: null,
    publishedOn: '2024-03-09',
    journal: '中国军转民',
    issue: '2024年3期',
    keywords: ['党务工作', '基层干部', '责任感'],
  },
  '002': {
    title: '“不忘初心、牢记使命”努力开创基层党建工作新局面',
    author: '柴建婷',
    authorUnit: null,
    publishedOn: '2020-03-23',
    journal: '卷宗',
    issue: '2020年1期',
    // The separated keyword line, whose words include the run-together header's 新局面, 牢记使命, 不忘初心.
    keywords: ['基层党建工作', '不忘初心', '牢记使命', '新局面', '优化策略'],
  },
  '003': {
    title: '新形势下群众工作浅探',
    author: '张燕',
    // From the biography: "现任淮北市城市管理监察支队政工师".
    authorUnit: '淮北市城市管理监察支队',
    publishedOn: '2013-10-21',
    journal: '卷宗',
    issue: '2013年7期',
    keywords: ['群众工作', '党群关系', '探索'],
  },
  '004': {
    title: '党群干部要做到六个树立',
    author: '李先波',
    authorUnit: '山东省第五地质矿产勘查院',
    publishedOn: null,
    journal: null,
    issue: null,
    keywords: [],
  },
};

const REFERENCES: Record<string, string[]> = {
  '000': [],
  '001': [],
  '002': [
    '[1]符立峰.加强和改进国有企业党建工作 开创国有企业党建工作新局面[J].记者观察,2018年.',
    '[2]任瑞.以旗帜领航 开创党建工作新局面[J].文存阅刊,2018年.',
    '[3]朱莉茹.“两新”组织党建工作开创新局面[J].中国食品,2018年.',
    '[4]陈碧妹.脱贫攻坚背景下加强安顺农村基层党组织建设的实践[J].天水行政学院学报,2019年.',
  ],
  '003': [
    '[1]谢生辉.《切实做好新形势下党的群众工作》.领导之友.2011.',
    '[2]李锦斌.《群众工作始终是党的生命线——延安时期党的群众工作的经验和启示》.党建研究.2011.',
  ],
  '004': [],
};

// Paragraph counts, with the first and the last, so nothing of the text is lost or left over.
const PARAGRAPHS: Record<string, [number, string, string]> = {
  '000': [19, '1 引言', '在十九大的倡导与要求之下'],
  '001': [19, '目前,我国社会经济发展迅速', '综上所述,本文旨在探讨当前我国基层党务工作'],
  '002': [19, '摘 要:伴随着社会经济的快速发展', '综上所述,基层党建工作的质量'],
  '003': [37, '摘 要:改革开放纵深发展', '总之,在新形势下,我们党员干部要牢记党的宗旨'],
  '004': [14, '从事党群工作十余年来', '当前处于改革的关键时期'],
};

const PREFIXES = Object.keys(EXPECTED);

describe('extractArticle on the scraped pages', () => {
  const extracted = Object.fromEntries(PREFIXES.map((prefix) => [prefix, extractArticle(fixture(prefix))]));
  const bodyOf = (prefix: string) => extracted[prefix].paragraphs.join('\n');

  it.each(PREFIXES)('%s: reads the title and particulars', (prefix) => {
    const { paragraphs: _paragraphs, references: _references, removedLines: _removed, ...fields } = extracted[prefix];
    expect(fields).toEqual(EXPECTED[prefix]);
  });

  it.each(PREFIXES)('%s: lists the references apart from the text', (prefix) => {
    expect(extracted[prefix].references).toEqual(REFERENCES[prefix]);
    expect(bodyOf(prefix)).not.toMatch(/^\[\d+\]/m);
    expect(bodyOf(prefix)).not.toContain('[J]');
    expect(bodyOf(prefix)).not.toContain('参考文献');
  });

  it.each(PREFIXES)('%s: keeps the paragraphs of the text, from the first to the last', (prefix) => {
    const { paragraphs } = extracted[prefix];
    const [count, first, last] = PARAGRAPHS[prefix];
    expect(paragraphs).toHaveLength(count);
    expect(paragraphs[0].startsWith(first)).toBe(true);
    expect(paragraphs.at(-1)!.startsWith(last)).toBe(true);
  });

  it.each(PREFIXES)('%s: leaves no spam, navigation, footer, place list, pinyin or garbled line in the text', (prefix) => {
    const body = bodyOf(prefix);
    for (const word of [
      '国产',
      '一区二区',
      '久久',
      'av',
      '导航菜单',
      '下载文本',
      '责任编辑',
      '猜你喜欢',
      '工布江达县',
      '|',
      '•',
      '关键词',
    ]) {
      expect(body, word).not.toContain(word);
    }
    // Pinyin annotations such as 开(kāi) and 创(chuàng).
    expect(body).not.toMatch(/\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/);
    // Every line of the site's recommendations is gone, not only the heading.
    for (const line of extracted[prefix].removedLines.filter((removed) => removed.reason === 'footer')) {
      expect(body).not.toContain(line.line);
    }
    expect(extracted[prefix].paragraphs.every((paragraph) => noiseReason(paragraph) === null)).toBe(true);
  });

  it.each(PREFIXES)('%s: gives everything in Simplified script', (prefix) => {
    // Traditional characters of the pages (黨群, 關鍵詞, 與, 們, 層, 實現…); none may remain.
    expect(JSON.stringify(extracted[prefix])).not.toMatch(/[黨羣關鍵詞與們員會層設國這為對實現處機獲歷應]/);
  });

  it.each(PREFIXES)('%s: accounts for every line: title, paragraph, reference or removed with a reason', (prefix) => {
    const lines = cleanText(fixture(prefix))
      .split('\n')
      .filter((line) => line !== '');
    const { paragraphs, references, removedLines } = extracted[prefix];
    expect(1 + paragraphs.length + references.length + removedLines.length).toBe(lines.length);
  });

  it('says why each line was removed, in page order', () => {
    const reasons = (prefix: string) => extracted[prefix].removedLines.map((removed) => removed.reason);
    expect(reasons('002')[0]).toBe('spam');
    expect(reasons('003')).toContain('placeList');
    expect(reasons('003').at(-1)).toBe('placeList');
    expect(reasons('000').at(-1)).toBe('spam');
    expect(extracted['004'].removedLines.filter((removed) => removed.reason === 'navigation').map((removed) => removed.line)).toEqual([
      '导航菜单',
      '[责任编辑:邓丽丽]',
      '下载文本',
    ]);
    expect(
      extracted['003'].removedLines.find((removed) => removed.reason === 'authorBio' && removed.line.startsWith('张燕')),
    ).toBeDefined();
  });

  it('repairs the GBK text read one byte out of step, and marks what is lost with "?"', () => {
    expect(bodyOf('001')).toContain('显得尤为重要。基层党务工作主要包括');
    expect(bodyOf('002')).toContain('构筑大思想体系。基层党建工作者');
    expect(bodyOf('002')).toContain('不可替代的作用。基层单位应该积极致力于');
    expect(bodyOf('002')).not.toContain('鶎');
    // 因为 lost its 为 together with the bracket of its pinyin: "因?yàn)椴糠贮h" on the page.
    expect(bodyOf('003')).toContain('群众工作之所以难做,是因?部分党组织不接地气');
    expect(bodyOf('003')).toContain('是因?没有抓住根本');
    expect(PREFIXES.map(bodyOf).join('\n')).not.toMatch(/[\p{Co}\uFFFD]/u);
  });

  it('takes the keywords from the "猜你喜欢" footer when the page has no keyword line', () => {
    const withoutKeywordLine = fixture('000').replace(/^關鍵詞:.*$/m, '');
    expect(extractArticle(withoutKeywordLine).keywords).toEqual(['党群', '初心', '党员干部']);
  });
});

describe('extractArticle on other pages', () => {
  it('does not take a paragraph that opens with a date for the date line', () => {
    const article = extractArticle('社区召开党员大会\n\n2024年3月1日,社区党委召开党员大会,传达上级会议精神。');
    expect(article.publishedOn).toBeNull();
    expect(article.paragraphs).toEqual(['2024年3月1日,社区党委召开党员大会,传达上级会议精神。']);
  });

  it('leaves the title empty when the text was pasted without it', () => {
    const article = extractArticle('党的十八大以来,基层党组织建设取得明显成效。\n\n一是组织覆盖更加全面。');
    expect(article.title).toBe('');
    expect(article.paragraphs).toEqual(['党的十八大以来,基层党组织建设取得明显成效。', '一是组织覆盖更加全面。']);
  });

  it('keeps real text that shares words with spam titles', () => {
    for (const line of ['久久为功,善作善成,推动国产精品走向亚洲和欧美市场。', '国产大飞机C919首飞成功']) {
      expect(noiseReason(line)).toBeNull();
    }
  });

  it('answers an empty page with empty fields', () => {
    expect(extractArticle('  \n\n')).toEqual({
      title: '',
      author: null,
      authorUnit: null,
      publishedOn: null,
      journal: null,
      issue: null,
      keywords: [],
      paragraphs: [],
      references: [],
      removedLines: [],
    });
  });
});

describe('keywords', () => {
  const text = '党群工作要依靠党员干部。不忘初心,牢记使命,党群关系就会更加密切。';

  it('cuts a run into the fewest words of the article, so 党员干部 stays whole', () => {
    expect(splitRunTogether('党群初心党员干部', text)).toEqual(['党群', '初心', '党员干部']);
    expect(splitRunTogether('党群初心外星人', text)).toBeNull();
  });

  it('prefers a separated list and drops a run it cannot cut', () => {
    expect(keywordsFrom(['党群关系群众工作探索', '群众工作;党群关系;探索'], '群众工作 党群关系')).toEqual(['群众工作', '党群关系', '探索']);
    expect(keywordsFrom(['外星人火星'], text)).toEqual(['外星人火星']);
  });
});

describe('repairMojibake', () => {
  it('turns UTF-8 read as GBK back into the text', () => {
    const mojibake = new TextDecoder('gbk').decode(Buffer.from('党群服务中心，加强基层党组织建设'));
    expect(mojibake).not.toContain('党');
    expect(repairMojibake(mojibake)).toBe('党群服务中心，加强基层党组织建设');
  });

  it('drops pinyin that mojibake parted from its character, and keeps other brackets', () => {
    expect(dropStrayPinyin('是因沒](méi)有')).toBe('是因沒]有');
    expect(dropStrayPinyin('谈?wèn)题')).toBe('谈?题');
    expect(dropStrayPinyin('使用OA系统(OA)办公 第(一)部分')).toBe('使用OA系统(OA)办公 第(一)部分');
  });

  it('leaves ordinary text alone, question marks included', () => {
    for (const line of ['做党群工作是为了自己,还是为了别人?是被动应付', '为什么?A股市场今天上涨了', '党群服务中心']) {
      expect(repairMojibake(line)).toBe(line);
    }
  });
});
