import { defaultIdf, normalizeText, weighTerms, type Segmenter } from '../../text';

/** Keywords an appeal is counted under: enough to name its subject, few enough that one long text does not outweigh many. */
const TERMS_PER_APPEAL = 6;
const PLACE_LENGTH = 16;
/**
 * Nouns the masses use in appeals of every kind (courtesies, where in a building, who was asked): read
 * on the demo's dashboard, they crowded out the subjects.
 */
const APPEAL_FILLER = new Set([
  '麻烦',
  '您好',
  '谢谢',
  '感谢',
  '问题',
  '情况',
  '时候',
  '小时',
  '单元',
  '房间',
  '一楼',
  '楼上',
  '楼下',
  '同事',
  '大家',
  '师傅',
  '领导',
  '书面',
  '考虑一下',
  '接电话',
  '归谁',
]);
// A place is named up to its first number or letter: 明远家园二期15号楼… is 明远家园二期, 单身公寓A座 is 单身公寓.
const PLACE_END = /[0-9a-z０-９一二三四五六七八九十百]+(?:号|栋|幢|座|层|单元|楼|室)|[0-9a-z０-９]/u;
const PLACE_TRIM = /[\s,，、。;；:：()（）]+$/u;

/**
 * The place an appeal is counted under: its address up to the building number, so 15号楼 and 16号楼 of
 * one estate count together. Empty when the appeal has no address.
 */
export function placeOf(address: string | null): string {
  if (!address) {
    return '';
  }
  const text = normalizeText(address);
  const end = text.search(PLACE_END);
  return (end >= 0 ? text.slice(0, end) : text).replace(PLACE_TRIM, '').slice(0, PLACE_LENGTH);
}

/**
 * The appeal's most telling subject terms (TF-IDF over nouns and set phrases, with the admin's
 * dictionary words), without the words of its
 * place: places have their own counts, and an estate's name would otherwise rise with every appeal
 * from it.
 */
export function opinionTerms(segmenter: Segmenter, content: string, place: string): string[] {
  const weighted = weighTerms(segmenter.subjectTerms(normalizeText(content)), defaultIdf());
  return weighted
    .map(({ term }) => term)
    .filter((term) => !place.includes(term) && !APPEAL_FILLER.has(term))
    .slice(0, TERMS_PER_APPEAL);
}
