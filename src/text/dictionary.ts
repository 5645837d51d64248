import { normalizeText } from './normalize';

/**
 * Words of party-masses work and of residents' appeals that the general dictionary splits or
 * misses. Each is kept whole by the segmenter; an admin adds more (see distinctAdminWords).
 */
export const DOMAIN_WORDS: readonly string[] = [
  // Party affairs
  '党群',
  '党群工作',
  '党建',
  '党务',
  '党务工作',
  '基层党建',
  '党员干部',
  '党组织',
  '基层党组织',
  '党支部',
  '党小组',
  '党总支',
  '党委',
  '三会一课',
  '两学一做',
  '主题党日',
  '主题教育',
  '组织生活会',
  '民主评议',
  '民主生活会',
  '发展党员',
  '入党积极分子',
  '预备党员',
  '正式党员',
  '党费',
  '不忘初心',
  '牢记使命',
  '初心使命',
  '群众路线',
  '党群关系',
  '党群服务中心',
  '先锋模范',
  '先锋模范作用',
  '四个意识',
  '四个自信',
  '两个维护',
  '全面从严治党',
  '党风廉政',
  '党风廉政建设',
  '纪检监察',
  '工会',
  '共青团',
  '妇联',
  '身边好人',
  '道德模范',
  '志愿服务',
  // Appeals (接诉即办)
  '接诉即办',
  '未诉先办',
  '12345',
  '诉求',
  '物业',
  '物业费',
  '物业公司',
  '业委会',
  '停车难',
  '乱停车',
  '老旧小区',
  '老旧小区改造',
  '加装电梯',
  '垃圾分类',
  '垃圾清运',
  '噪音扰民',
  '油烟扰民',
  '飞线充电',
  '电动车充电',
  '消防通道',
  '私搭乱建',
  '违章建筑',
  '占道经营',
  '下水道',
  '供暖',
  '暖气不热',
  '水压低',
  '燃气泄漏',
  '路灯不亮',
  '井盖',
  '共享单车',
  '广场舞',
  '居委会',
  '村委会',
  '网格员',
  '街道办',
];

/** Enough for an installation's own places, programmes and bodies; few enough to show on one page. */
export const MAX_ADMIN_WORDS = 1000;

/** An admin's word: 2–20 Han characters, letters or digits, as jieba never keeps spaces or punctuation inside a word. */
export const ADMIN_WORD = /^[\p{Script=Han}\p{L}\p{N}]{2,20}$/u;

let builtInForms: ReadonlySet<string> | undefined;

/**
 * The admin's words as the segmenter should get them, in the admin's order: each once, whatever its
 * script or case (黨群 is 党群), and none the built-in dictionary already has.
 */
export function distinctAdminWords(words: readonly string[]): string[] {
  builtInForms ??= new Set(DOMAIN_WORDS.map(normalizeText));
  const seen = new Set(builtInForms);
  return words.filter((word) => {
    const form = normalizeText(word);
    if (seen.has(form)) {
      return false;
    }
    seen.add(form);
    return true;
  });
}
