import type { Random } from '../random';
import { chineseNumber, expand } from './template';

/** Where something happens, which decides who speaks and how the place is named. */
export const AREAS = ['home', 'dorm', 'office', 'plant', 'canteen', 'parking', 'outdoor', 'team'] as const;
export type Area = (typeof AREAS)[number];

export interface Place {
  area: Area;
  /** As the citizen writes it, e.g. 明远家园二期15号楼2单元1203室. */
  full: string;
  /** As a reply names it, e.g. 二期15号楼2单元. */
  spot: string;
}

const ESTATES = [
  { name: '明远家园', short: '家园', buildings: 28, floors: 6 },
  { name: '明远家园二期', short: '二期', buildings: 16, floors: 26 },
  { name: '河畔职工小区', short: '河畔小区', buildings: 12, floors: 7 },
];
const WORKSHOPS = [
  '机加工车间',
  '总装车间',
  '热处理车间',
  '焊装车间',
  '涂装车间',
  '一号生产车间',
  '二号生产车间',
  '三号生产车间',
  '模具车间',
];
const TEAMS = ['甲班', '乙班', '丙班', '丁班', '一班', '二班', '三班', '夜班', '维修班', '质检班'];
const DEPARTMENTS = ['财务部', '采购部', '质量管理部', '技术研发中心', '市场营销部', '设备动力部', '物流中心', '审计部'];
const CANTEENS = ['第一职工食堂', '第二职工食堂', '研发中心员工餐厅', '倒班宿舍食堂'];
const GATES = ['东门', '西门', '北门', '南门'];
const SIDES = ['东侧', '西侧', '南侧', '北侧'];

function home(random: Random): Place {
  const estate = random.pick(ESTATES);
  const building = random.int(1, estate.buildings);
  const unit = random.int(1, 4);
  const spot = `${estate.short === '家园' ? '' : estate.short}${building}号楼${unit}单元`;
  const base = `${estate.name}${building}号楼${unit}单元`;
  if (random.chance(0.5)) {
    return { area: 'home', full: `${base}${random.int(1, estate.floors)}0${random.int(1, 4)}室`, spot };
  }
  return { area: 'home', full: base, spot };
}

function dorm(random: Random): Place {
  if (random.chance(0.5)) {
    const building = random.int(1, 6);
    return {
      area: 'dorm',
      full: `倒班宿舍${building}号楼${random.int(1, 6)}${String(random.int(1, 32)).padStart(2, '0')}房间`,
      spot: `倒班宿舍${building}号楼`,
    };
  }
  const block = random.pick(['A', 'B', 'C', 'D']);
  return { area: 'dorm', full: `单身公寓${block}座${random.int(2, 14)}层`, spot: `单身公寓${block}座` };
}

function office(random: Random): Place {
  const floor = random.int(2, 12);
  const building = random.pick(['综合办公楼', '研发中心大楼', '行政楼', '技术中心']);
  const detail = expand('[东侧|西侧|北头|南头][卫生间|茶水间|走廊|会议室|楼梯间|电梯厅]', random);
  return { area: 'office', full: `${building}${floor}楼${detail}`, spot: `${building}${floor}楼` };
}

function plant(random: Random): Place {
  const workshop = random.pick(WORKSHOPS);
  const detail = expand(`[${random.pick(SIDES)}通道|{1-12}号工位旁|{1-6}号线|配电柜旁|卸货平台|更衣室|{1-4}号门]`, random);
  return { area: 'plant', full: `${workshop}${detail}`, spot: workshop };
}

function canteen(random: Random): Place {
  const name = random.pick(CANTEENS);
  const detail = expand('[{c1-2}楼{2-14}号窗口|{c1-2}楼就餐区|门口|{c1-2}楼面食档口|收餐台]', random);
  return { area: 'canteen', full: `${name}${detail}`, spot: name };
}

function parking(random: Random): Place {
  const choice = random.int(1, 4);
  if (choice === 1) {
    const zone = `地下车库B${random.int(1, 2)}层${random.pick(['A', 'B', 'C', 'D', 'E'])}区`;
    return { area: 'parking', full: `${zone}${random.int(1, 180)}号车位附近`, spot: zone };
  }
  if (choice === 2) {
    const gate = `${random.pick(GATES)}停车场`;
    return { area: 'parking', full: `${gate}${random.pick(['入口', '出口', '东北角', '靠围墙一排', '岗亭旁'])}`, spot: gate };
  }
  if (choice === 3) {
    const building = random.int(1, 28);
    return { area: 'parking', full: `明远家园${building}号楼楼前`, spot: `家园${building}号楼楼前` };
  }
  return { area: 'parking', full: `行政楼后院停车区${random.pick(['充电桩旁', '东头', '西头'])}`, spot: '行政楼后院停车区' };
}

function outdoor(random: Random): Place {
  const choice = random.int(1, 4);
  if (choice === 1) {
    const [first, second] = random.shuffle([1, 2, 3, 4, 5, 6]);
    const road = `厂区${chineseNumber(first)}号路`;
    return { area: 'outdoor', full: `${road}${random.pick(['与', '和'])}${chineseNumber(second)}号路交叉口`, spot: road };
  }
  if (choice === 2) {
    const gate = `${random.pick(['明远家园', '二期', '河畔职工小区'])}${random.pick(GATES)}`;
    return { area: 'outdoor', full: `${gate}${random.pick(['外侧人行道', '门岗旁', '进门右手边', '快递柜旁'])}`, spot: gate };
  }
  if (choice === 3) {
    return {
      area: 'outdoor',
      full: `职工活动中心${random.pick(['门口', '篮球场', '羽毛球馆', '健身房', '二楼阅览室'])}`,
      spot: '职工活动中心',
    };
  }
  return {
    area: 'outdoor',
    full: `明远家园中心花园${random.pick(['凉亭', '儿童游乐区', '健身器材区', '南侧步道'])}`,
    spot: '家园中心花园',
  };
}

function team(random: Random): Place {
  if (random.chance(0.65)) {
    const workshop = random.pick(WORKSHOPS);
    return { area: 'team', full: `${workshop}${random.pick(TEAMS)}`, spot: workshop };
  }
  const department = random.pick(DEPARTMENTS);
  return { area: 'team', full: department, spot: department };
}

const DRAW: Record<Area, (random: Random) => Place> = { home, dorm, office, plant, canteen, parking, outdoor, team };

export const drawPlace = (random: Random, area: Area): Place => DRAW[area](random);
