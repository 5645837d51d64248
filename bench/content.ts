/**
 * Generated, realistic-looking appeal content for the benchmarks: varied Chinese text, names, phone
 * numbers and addresses. Deterministic (seeded), and free of app imports so the load generator starts fast.
 */
import { deflateSync } from 'node:zlib';

export type Rng = () => number;

/** mulberry32: a small seeded PRNG, so every run generates the same data. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const PLACES = [
  '幸福路12号院',
  '建设街道光明社区',
  '和平里小区3号楼',
  '人民公园南门',
  '滨河路与解放路交叉口',
  '东风小区二期',
  '翠竹园8栋2单元',
  '新华书店后面的老旧小区',
  '第三中学校门口',
  '农贸市场东侧',
  '锦绣家园地下车库',
  '长安街道办事处对面',
  '桃园新村',
  '公交12路终点站附近',
  '阳光花园南区',
  '红星路菜市场',
  '铁路宿舍5号楼',
  '向阳社区卫生服务站旁',
];

const PROBLEMS = [
  '路灯不亮',
  '下水道堵塞，污水外溢',
  '楼道堆放杂物，存在消防隐患',
  '夜间施工噪音扰民',
  '电梯经常故障停运',
  '垃圾清运不及时，气味很大',
  '消防通道被私家车占用',
  '自来水水压低，高层用不上水',
  '暖气不热，室温只有十几度',
  '共享单车乱停放，堵塞人行道',
  '广场舞音响声音过大',
  '井盖缺失',
  '物业费收费标准不透明',
  '加装电梯推进缓慢',
  '公交站台缺少遮雨棚',
  '路面塌陷，坑洼积水',
  '餐馆油烟直排居民楼',
  '流浪狗聚集，有伤人风险',
  '小区门禁损坏，外来人员随意进出',
  '绿化带被改成菜地',
];

const DURATIONS = ['已经两个星期了', '持续一个多月', '从上周开始', '反映过多次仍未解决', '今年入冬以来一直这样', '最近几天越来越严重'];

const IMPACTS = [
  '老人孩子出行很不方便',
  '严重影响居民休息',
  '存在很大的安全隐患',
  '居民意见很大',
  '晚上路过提心吊胆',
  '给周边商户经营带来困难',
];

const ASKS = [
  '请尽快处理。',
  '希望有关部门尽快协调解决。',
  '恳请领导重视。',
  '请相关部门派人上门查看。',
  '希望给个明确的答复和时间表。',
  '谢谢！',
];

const EXTRAS = [
  '之前打过物业电话，说是要等上级批准。',
  '附近还有不少老年人独居，出了问题没人照应。',
  '我们楼的住户已经联名写过申请。',
  '这个问题去年也出现过，当时修好没多久又坏了。',
  '希望能够从根本上解决，不要只是临时处理。',
  '周末人流量大的时候情况更严重。',
];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '欧阳',
];
const GIVEN = [
  '建国',
  '秀英',
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '子涵',
  '浩然',
];
const STREETS = ['幸福路', '建设大街', '解放路', '人民路', '滨河东路', '长安街', '红星路', '向阳路', '和平里', '新华街'];

export function appealContent(rng: Rng): string {
  let text = `${pick(rng, PLACES)}${pick(rng, PROBLEMS)}，${pick(rng, DURATIONS)}，${pick(rng, IMPACTS)}。`;
  const extras = Math.floor(rng() * 4);
  for (let i = 0; i < extras; i += 1) {
    text += pick(rng, EXTRAS);
  }
  return text + pick(rng, ASKS);
}

export const personName = (rng: Rng) => `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`;

export function mobilePhone(rng: Rng): string {
  let digits = `1${3 + Math.floor(rng() * 7)}`;
  for (let i = 0; i < 9; i += 1) {
    digits += Math.floor(rng() * 10);
  }
  return digits;
}

export const streetAddress = (rng: Rng) =>
  `${pick(rng, STREETS)}${1 + Math.floor(rng() * 300)}号${pick(rng, ['', '东门', '南侧', '院内', '2单元'])}`;

export const REPLIES = [
  '经核实，已安排维修人员现场处理，问题已解决。',
  '已协调物业公司限期整改，并将持续跟踪。',
  '该事项已纳入年度改造计划，预计下月开工。',
  '已联系相关执法部门现场检查，责令整改。',
];

export interface SubmitBody {
  categoryCode: string;
  content: string;
  address?: string;
  lat?: number;
  lng?: number;
  contactName?: string;
  contactPhone?: string;
  anonymous: boolean;
  publicable: boolean;
  urgency: 'normal' | 'urgent' | 'emergency';
  photos?: { name: string; dataBase64: string }[];
}

/** A body like the H5 form sends: mostly named (contact name and phone), some anonymous, no photos unless given. */
export function submitBody(rng: Rng, categoryCodes: readonly string[], photoBase64?: string): SubmitBody {
  const anonymous = rng() < 0.1;
  const roll = rng();
  const body: SubmitBody = {
    categoryCode: pick(rng, categoryCodes),
    content: appealContent(rng),
    anonymous,
    publicable: rng() < 0.5,
    urgency: roll < 0.9 ? 'normal' : roll < 0.98 ? 'urgent' : 'emergency',
  };
  if (rng() < 0.8) {
    body.address = streetAddress(rng);
  }
  if (rng() < 0.5) {
    body.lat = 39.8 + rng() * 0.2;
    body.lng = 116.3 + rng() * 0.2;
  }
  if (!anonymous) {
    body.contactName = personName(rng);
    body.contactPhone = mobilePhone(rng);
  }
  if (photoBase64) {
    body.photos = [{ name: 'photo.png', dataBase64: photoBase64 }];
  }
  return body;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real PNG of noisy pixels (incompressible, so its size is about width × height × 3 bytes). */
export function noisePng(rng: Rng, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 1; x <= width * 3; x += 1) {
      raw[row + x] = Math.floor(rng() * 256);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
