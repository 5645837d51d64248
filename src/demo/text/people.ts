import type { Random } from '../random';

/** Surnames roughly by how common they are: the first ones often, the long tail now and then. */
const COMMON_SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'];
const OTHER_SURNAMES = [
  ...'于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN_CHARACTERS = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红建国志辉海燕鹏飞宇浩然欣怡子涵梓轩雨晨佳琪晓东文博思远俊杰秀梅淑珍凤英春梅丹凯亮斌',
];
const DOUBLE_GIVEN = [
  '秀英',
  '桂英',
  '建国',
  '志强',
  '海燕',
  '建华',
  '丽娟',
  '晓燕',
  '春花',
  '国庆',
  '卫东',
  '红梅',
  '玉珍',
  '德明',
  '子涵',
  '欣怡',
  '浩宇',
  '一诺',
];

export function surname(random: Random): string {
  return random.pick(random.chance(0.75) ? COMMON_SURNAMES : OTHER_SURNAMES);
}

export function personName(random: Random): string {
  const family = surname(random);
  if (random.chance(0.25)) {
    return family + random.pick(DOUBLE_GIVEN);
  }
  if (random.chance(0.3)) {
    return family + random.pick(GIVEN_CHARACTERS);
  }
  return family + random.pick(GIVEN_CHARACTERS) + random.pick(GIVEN_CHARACTERS);
}

/** Second and third digits of mainland mobile numbers in use (130–199). */
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '173',
  '177',
  '180',
  '181',
  '183',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

export function mobileNumber(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0');
}
