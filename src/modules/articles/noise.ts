/**
 * What a page copied from an article site carries besides the article: SEO spam, the site's
 * navigation, garbled lines, place-name link lists and the "猜你喜欢" footer. Lines are tested in
 * Simplified script, after cleanText.
 */

export const REMOVAL_REASONS = ['spam', 'navigation', 'garbled', 'placeList', 'footer', 'fields', 'authorBio'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

export const REMOVAL_REASON_LABELS: Record<RemovalReason, string> = {
  spam: '垃圾广告',
  navigation: '网页导航',
  garbled: '乱码',
  placeList: '地名列表',
  footer: '页尾推荐',
  fields: '已识别为字段',
  authorBio: '作者简介',
};

// Words of the porn-site SEO titles such pages are stuffed with. "Weak" words also occur in real
// news (国产大飞机, 欧美国家), so one of them alone proves nothing.
const SPAM_STRONG = [
  '一区二区',
  '少妇',
  '熟女',
  '波多野结衣',
  '午夜',
  '无码',
  '人人爽',
  '夜夜',
  '自拍',
  '偷拍',
  '不卡',
  '中文字幕',
  '日韩',
  '久久',
];
const SPAM_WEAK = ['国产', '欧美', '亚洲', '精品', '在线', '免费', '高清', '视频', '美女', '香蕉'];
const LATIN_AV = /(?<![a-z])av(?![a-z])/i;

/**
 * Two strong spam words, or one with two weak ones, in a line without sentence punctuation: SEO titles
 * are terms strung together with "_" or "-", while a paragraph that says 久久为功 has commas.
 */
function isSpam(line: string): boolean {
  if (/[,。]/.test(line)) {
    return false;
  }
  const strong = SPAM_STRONG.filter((word) => line.includes(word)).length + (LATIN_AV.test(line) ? 1 : 0);
  const weak = SPAM_WEAK.filter((word) => line.includes(word)).length;
  return strong >= 2 || (strong === 1 && weak >= 2);
}

const ADMIN_SUFFIX = /(?:省|市|县|区|旗|州|盟|镇|乡)$/;

/** "万山特区| 江西省| 工布江达县| …": the site's links to local pages. */
function isPlaceList(line: string): boolean {
  const items = line
    .split('|')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length < 5 || !items.every((item) => item.length <= 8 && /^\p{Script=Han}+$/u.test(item))) {
    return false;
  }
  return items.filter((item) => ADMIN_SUFFIX.test(item)).length >= items.length * 0.6;
}

const LOST_CHARACTER = /\?/g;

/** Nothing to read ("?", "•" alone), or mostly lost characters (unreadable ones are "?" by now). */
function isGarbled(line: string): boolean {
  if (!/[\p{L}\p{N}]/u.test(line)) {
    return true;
  }
  return (line.match(LOST_CHARACTER)?.length ?? 0) > line.length * 0.3;
}

const NAVIGATION_WORDS = new Set([
  '导航',
  '导航菜单',
  '首页',
  '返回首页',
  '返回顶部',
  '下载文本',
  '下载全文',
  '全文下载',
  '下载pdf',
  '在线阅读',
  '打印',
  '打印本页',
  '关闭',
  '关闭窗口',
  '收藏',
  '分享',
  '分享到',
  '上一篇',
  '下一篇',
  '扫一扫',
  '手机阅读',
]);
const NAVIGATION_PREFIX = /^[[【(]?(?:责任编辑|编辑|校对|审核|当前位置|您的位置|上一篇|下一篇)[:：]/;

function isNavigation(line: string): boolean {
  return NAVIGATION_WORDS.has(line.toLowerCase().replace(/[[\]【】\s]/g, '')) || NAVIGATION_PREFIX.test(line);
}

/** Why the line is not part of the article, or null when it may be. */
export function noiseReason(line: string): RemovalReason | null {
  if (isGarbled(line)) {
    return 'garbled';
  }
  if (isSpam(line)) {
    return 'spam';
  }
  if (isPlaceList(line)) {
    return 'placeList';
  }
  return isNavigation(line) ? 'navigation' : null;
}

const FOOTER_MARKER = /^(?:猜你喜欢|相关文章|相关阅读|相关推荐|推荐阅读|热门文章)[:：]?$/;

/** The heading of the site's recommendations: it and everything after it are not the article. */
export const isFooterStart = (line: string): boolean => FOOTER_MARKER.test(line);
