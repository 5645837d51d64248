import type { OrgKind } from '../core/orgs';
import type { APPEAL_TYPES, SATISFACTIONS } from '../modules/appeals/schemas';
import type { LimitKind } from '../modules/appeals/settings';

/** Fixed, so a second run recognises the demo organisation (and nothing else is mistaken for it). */
export const DEMO_COMMITTEE_ID = '7d3f9c2e-4b8a-4e61-9a05-c1d2e3f4a5b6';
export const COMMITTEE_NAME = '明远智造集团有限公司党委';

export interface OrgEntry {
  key: string;
  name: string;
  kind: OrgKind;
  parent: string | null;
}

/** The party organisation and the mass organisations (群团) under the committee. */
export const PARTY_ORGS: readonly OrgEntry[] = [
  { key: 'committee', name: COMMITTEE_NAME, kind: 'party_committee', parent: null },
  { key: 'organs', name: '集团机关党总支', kind: 'general_branch', parent: 'committee' },
  { key: 'organs1', name: '机关第一党支部', kind: 'branch', parent: 'organs' },
  { key: 'organs1_office', name: '综合党小组', kind: 'group', parent: 'organs1' },
  { key: 'organs2', name: '机关第二党支部', kind: 'branch', parent: 'organs' },
  { key: 'operations', name: '生产运营党总支', kind: 'general_branch', parent: 'committee' },
  { key: 'plant1', name: '制造一部党支部', kind: 'branch', parent: 'operations' },
  { key: 'plant1_machining', name: '机加工党小组', kind: 'group', parent: 'plant1' },
  { key: 'plant1_assembly', name: '总装党小组', kind: 'group', parent: 'plant1' },
  { key: 'plant2', name: '制造二部党支部', kind: 'branch', parent: 'operations' },
  { key: 'services', name: '后勤服务党支部', kind: 'branch', parent: 'operations' },
  { key: 'services_property', name: '物业党小组', kind: 'group', parent: 'services' },
  { key: 'union', name: '集团工会', kind: 'trade_union', parent: 'committee' },
  { key: 'league', name: '集团团委', kind: 'youth_league', parent: 'committee' },
  { key: 'women', name: '集团妇女委员会', kind: 'women_federation', parent: 'committee' },
];

export type Satisfaction = (typeof SATISFACTIONS)[number];

/** How a responsible unit works; the differences make the dashboard's ranking worth looking at. */
export interface UnitProfile {
  /** Office minutes from dispatch to signing (the sign limit is 2 clock hours). */
  signMinutes: readonly [number, number];
  /** Share of appeals where the handler rings the citizen before replying, and office minutes after signing. */
  contactChance: number;
  contactMinutes: readonly [number, number];
  /** Working days from dispatch to the reply, for limits in working days. */
  replyWorkdays: readonly [number, number];
  /** Clock hours from signing to the reply, for limits in hours (staff on duty around the clock). */
  replyHours: readonly [number, number];
  satisfaction: Readonly<Record<Satisfaction, number>>;
  extensionChance: number;
  /** Share of dispatches the unit disputes (退单申请). */
  disputeChance: number;
}

export interface UnitEntry {
  name: string;
  kind: OrgKind;
  /** Short form used in replies and phone lines. */
  short: string;
  phone: string;
  /** Where citizens go in person. */
  office: string;
  head: string;
  handlers: readonly string[];
  profile: UnitProfile;
}

const steady: UnitProfile = {
  signMinutes: [10, 80],
  contactChance: 0.7,
  contactMinutes: [30, 360],
  replyWorkdays: [1, 6],
  replyHours: [2, 16],
  satisfaction: { satisfied: 66, basically_satisfied: 25, unsatisfied: 9 },
  extensionChance: 0.05,
  disputeChance: 0.04,
};

export const UNITS = {
  zongban: {
    name: '综合办公室',
    kind: 'office',
    short: '综合办',
    phone: '8601',
    office: '行政楼2楼203室',
    head: '严志刚',
    handlers: ['钱卫东', '孔雪'],
    profile: steady,
  },
  dangqun: {
    name: '党群工作部',
    kind: 'department',
    short: '党群部',
    phone: '8612',
    office: '行政楼3楼312室',
    head: '韩素梅',
    handlers: ['曹文博', '宋佳怡'],
    profile: {
      ...steady,
      signMinutes: [8, 50],
      replyWorkdays: [1, 4],
      satisfaction: { satisfied: 78, basically_satisfied: 18, unsatisfied: 4 },
    },
  },
  renli: {
    name: '人力资源部',
    kind: 'department',
    short: '人力资源部',
    phone: '8623',
    office: '行政楼4楼405室',
    head: '冯玉兰',
    handlers: ['蒋海峰', '沈婷'],
    profile: {
      ...steady,
      signMinutes: [20, 110],
      replyWorkdays: [2, 9],
      satisfaction: { satisfied: 58, basically_satisfied: 30, unsatisfied: 12 },
    },
  },
  houqin: {
    name: '后勤保障部',
    kind: 'department',
    short: '后勤保障部',
    phone: '8635',
    office: '后勤服务楼1楼102室',
    head: '杜长青',
    handlers: ['吕永强', '丁红霞', '魏建军'],
    // The slow one: signs late, replies after the limit and leaves many citizens unsatisfied.
    profile: {
      signMinutes: [40, 320],
      contactChance: 0.45,
      contactMinutes: [240, 1_800],
      replyWorkdays: [4, 12],
      replyHours: [10, 40],
      satisfaction: { satisfied: 36, basically_satisfied: 32, unsatisfied: 32 },
      extensionChance: 0.12,
      disputeChance: 0.09,
    },
  },
  anhuan: {
    name: '安全环保部',
    kind: 'department',
    short: '安环部',
    phone: '8647',
    office: '综合办公楼5楼518室',
    head: '石振宇',
    handlers: ['彭建新', '范丽'],
    profile: {
      ...steady,
      signMinutes: [5, 40],
      replyHours: [2, 10],
      replyWorkdays: [1, 4],
      satisfaction: { satisfied: 72, basically_satisfied: 22, unsatisfied: 6 },
    },
  },
  wuye: {
    name: '物业管理中心',
    kind: 'department',
    short: '物业中心',
    phone: '8658',
    office: '明远家园物业服务中心',
    head: '赵建华',
    handlers: ['李明辉', '黄志勇', '罗秀英'],
    profile: { ...steady, signMinutes: [10, 90], replyWorkdays: [1, 6], replyHours: [2, 18] },
  },
  gonghui: {
    name: '工会办公室',
    kind: 'office',
    short: '工会办',
    phone: '8669',
    office: '职工活动中心2楼',
    head: '邓淑芬',
    handlers: ['许宏伟', '唐静'],
    profile: {
      ...steady,
      signMinutes: [10, 60],
      replyWorkdays: [1, 5],
      satisfaction: { satisfied: 74, basically_satisfied: 20, unsatisfied: 6 },
    },
  },
  xinxi: {
    name: '信息中心',
    kind: 'department',
    short: '信息中心',
    phone: '8680',
    office: '研发中心大楼6楼',
    head: '高远',
    handlers: ['林子豪', '方敏'],
    // The quick one: signs within minutes, answers the same or next working day.
    profile: {
      signMinutes: [3, 25],
      contactChance: 0.9,
      contactMinutes: [10, 90],
      replyWorkdays: [0, 2],
      replyHours: [1, 5],
      satisfaction: { satisfied: 88, basically_satisfied: 10, unsatisfied: 2 },
      extensionChance: 0.02,
      disputeChance: 0.01,
    },
  },
} as const satisfies Record<string, UnitEntry>;

export type UnitKey = keyof typeof UNITS;
export const UNIT_KEYS = Object.keys(UNITS) as UnitKey[];

export type AppealType = (typeof APPEAL_TYPES)[number];

export interface CategoryEntry {
  code: string;
  name: string;
  type: AppealType;
  limit: LimitKind;
  unit: UnitKey;
  /** Relative share of all appeals. */
  weight: number;
  description: string;
}

export const CATEGORIES = [
  {
    code: 'property_repair',
    name: '物业维修',
    type: 'help',
    limit: 'general',
    unit: 'wuye',
    weight: 17,
    description: '房屋、电梯、门窗、管道、照明等公共设施报修',
  },
  {
    code: 'sanitation',
    name: '环境卫生',
    type: 'complaint',
    limit: 'general',
    unit: 'houqin',
    weight: 10,
    description: '垃圾清运、保洁、绿化、病媒防治',
  },
  {
    code: 'parking',
    name: '停车管理',
    type: 'complaint',
    limit: 'general',
    unit: 'wuye',
    weight: 8,
    description: '车位、道闸、乱停乱放、充电桩',
  },
  {
    code: 'canteen',
    name: '食堂餐饮',
    type: 'complaint',
    limit: 'general',
    unit: 'houqin',
    weight: 9,
    description: '职工食堂的饭菜质量、价格、卫生和服务',
  },
  {
    code: 'safety_hazard',
    name: '安全隐患',
    type: 'report',
    limit: 'utility',
    unit: 'anhuan',
    weight: 6,
    description: '消防、用电、设备、交通等安全隐患',
  },
  {
    code: 'utilities',
    name: '水电气热',
    type: 'help',
    limit: 'utility',
    unit: 'wuye',
    weight: 10,
    description: '停水停电、供暖、燃气等时效类问题',
  },
  {
    code: 'noise',
    name: '噪音扰民',
    type: 'complaint',
    limit: 'general',
    unit: 'anhuan',
    weight: 5,
    description: '生产、施工、装修和设备噪声',
  },
  {
    code: 'labour_rights',
    name: '劳动权益',
    type: 'complaint',
    limit: 'complex',
    unit: 'renli',
    weight: 6,
    description: '工资、加班、休假、社保和劳动保护',
  },
  {
    code: 'policy_consult',
    name: '政策咨询',
    type: 'consult',
    limit: 'general',
    unit: 'renli',
    weight: 9,
    description: '人事、社保、住房、福利等政策咨询',
  },
  {
    code: 'suggestion',
    name: '意见建议',
    type: 'suggestion',
    limit: 'complex',
    unit: 'zongban',
    weight: 7,
    description: '对企业管理和服务的意见建议',
  },
  {
    code: 'member_service',
    name: '党员服务',
    type: 'help',
    limit: 'general',
    unit: 'dangqun',
    weight: 5,
    description: '组织关系、党费、党员教育和关爱帮扶',
  },
  { code: 'other', name: '其他', type: 'help', limit: 'general', unit: 'zongban', weight: 8, description: '以上类别以外的诉求' },
] as const satisfies readonly CategoryEntry[];

export type CategoryCode = (typeof CATEGORIES)[number]['code'];
