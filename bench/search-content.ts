/**
 * Varied appeal texts for the search benchmark: many places (composed community, road and landmark
 * names), problems of about thirty kinds in several phrasings each with their own details, lengths
 * from 30 to 400 characters, a share written in Traditional script, and replies that answer the
 * problem raised. Deterministic (seeded), like bench/content.ts.
 */
import * as OpenCC from 'opencc-js';
import { pick, type Rng } from './content';
import type { AppealTexts } from './seed';

/** Share of appeals written in Traditional script (Taiwan forms), as some citizens type them. */
export const TRADITIONAL_SHARE = 0.08;
export const MIN_LENGTH = 30;
export const MAX_LENGTH = 400;

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const between = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));

// ---------------------------------------------------------------------------------------------------
// Places

const NAME_PARTS = [
  '幸福',
  '和平',
  '光明',
  '阳光',
  '锦绣',
  '翠竹',
  '桃园',
  '东风',
  '建设',
  '向阳',
  '新华',
  '人民',
  '解放',
  '滨河',
  '长安',
  '红星',
  '金色',
  '绿洲',
  '碧水',
  '梧桐',
  '银杏',
  '丽景',
  '怡和',
  '康乐',
  '永安',
  '富强',
  '文明',
  '友谊',
  '团结',
  '胜利',
  '青年',
  '朝阳',
  '龙湖',
  '紫荆',
  '玉兰',
  '海棠',
  '枫林',
  '松鹤',
  '金桥',
  '天鹅湖',
  '凤凰',
  '书香',
  '春晖',
  '秀水',
  '清河',
  '望湖',
  '西山',
  '南湖',
  '北苑',
  '东湖',
];
const COMMUNITY_SUFFIXES = ['小区', '花园', '家园', '新村', '公寓', '苑', '里', '雅居', '名邸', '嘉园', '佳苑', '华庭'];
const ROAD_SUFFIXES = ['路', '街', '大街', '大道', '东路', '西路', '南路', '北路', '巷', '胡同'];
const LANDMARKS = [
  '第{n}中学',
  '第{n}小学',
  '实验幼儿园',
  '人民医院',
  '中医院',
  '妇幼保健院',
  '{name}公园',
  '{name}菜市场',
  '地铁{n}号线{name}站',
  '公交{n}路{name}站',
  '{name}商场',
  '{name}广场',
  '区政务服务中心',
  '{name}派出所',
  '{name}卫生服务站',
  '{name}农贸市场',
  '火车站南广场',
  '长途汽车站',
  '体育中心',
  '图书馆',
];
const SPOTS = [
  '门口',
  '东门',
  '南门',
  '西侧',
  '北侧',
  '对面',
  '附近',
  '后面',
  '地下车库',
  '楼下',
  '院内',
  '路口',
  '周边',
  '旁边的小路上',
  '停车场',
];

const community = (rng: Rng) => `${pick(rng, NAME_PARTS)}${pick(rng, COMMUNITY_SUFFIXES)}`;
const road = (rng: Rng) => `${pick(rng, NAME_PARTS)}${pick(rng, ROAD_SUFFIXES)}`;
const landmark = (rng: Rng) =>
  pick(rng, LANDMARKS)
    .replace('{n}', String(between(rng, 1, 40)))
    .replace('{name}', pick(rng, NAME_PARTS));
const building = (rng: Rng) =>
  `${between(rng, 1, 32)}号楼${rng() < 0.6 ? `${between(rng, 1, 6)}单元` : ''}${rng() < 0.3 ? `${between(rng, 1, 28)}0${between(rng, 1, 4)}室` : ''}`;

/** A place: a building of a community, a road (or a crossing), or a landmark, often with a spot. */
export function place(rng: Rng): string {
  const roll = rng();
  if (roll < 0.45) {
    return `${community(rng)}${rng() < 0.6 ? building(rng) : pick(rng, SPOTS)}`;
  }
  if (roll < 0.7) {
    return rng() < 0.3 ? `${road(rng)}与${road(rng)}交叉口` : `${road(rng)}${between(rng, 1, 400)}号${pick(rng, SPOTS)}`;
  }
  if (roll < 0.9) {
    return `${landmark(rng)}${pick(rng, SPOTS)}`;
  }
  return `${pick(rng, NAME_PARTS)}社区${pick(rng, ['', '老旧小区', '平房区', '回迁楼'])}`;
}

// ---------------------------------------------------------------------------------------------------
// Problems: phrasings, details with numbers filled in, and what a unit replies

export interface Problem {
  /** Relative frequency: a few problems are everyday, many are rare. */
  weight: number;
  phrases: string[];
  details: string[];
  unit: string;
  actions: string[];
}

const PROBLEMS: Problem[] = [
  {
    weight: 14,
    phrases: ['物业不作为', '物业收费不合理', '物业费又涨了', '物业服务质量差', '物业公司拒不公开收支', '物业管理混乱', '物业人员态度恶劣'],
    details: [
      '物业费每平米{p}元，比周边小区贵了不少。',
      '找物业好几次都说没人管，物业经理电话也打不通。',
      '公共收益从来没有公示过，业主不知道钱花到哪里去了。',
      '保洁一周才打扫一次，楼道里灰很厚。',
      '业委会成立了{y}年也没有换届。',
      '物业把公共绿地租出去当停车位收费。',
      '电梯维保、消防检查都没有记录，物业收费却一分不少。',
    ],
    unit: '街道物业办',
    actions: [
      '约谈物业公司负责人，要求限期整改并公示收费标准',
      '督促物业公司公开公共收益收支情况',
      '组织业主代表与物业公司协商，已达成整改方案',
    ],
  },
  {
    weight: 9,
    phrases: ['垃圾清运不及时', '垃圾桶满了没人清理', '垃圾分类点气味很大', '建筑垃圾乱堆乱放', '垃圾站离居民楼太近'],
    details: [
      '垃圾堆了{d}天，夏天气味很大，苍蝇蚊子很多。',
      '垃圾桶就放在单元门口，每天早上都溢出来。',
      '装修垃圾堆在绿化带里，一直没人拉走。',
      '垃圾车每天凌晨{h}点来清运，声音很吵。',
      '分类垃圾桶只有两个，根本不够用。',
    ],
    unit: '区城管局环卫所',
    actions: ['增加清运频次为每日两次，并增设分类垃圾桶', '清运了堆放的建筑垃圾，并设置临时堆放点', '调整清运时间，避开居民休息时段'],
  },
  {
    weight: 8,
    phrases: ['路灯不亮', '路灯坏了', '好几盏路灯晚上不亮', '路灯白天亮晚上不亮', '路灯一闪一闪的', '路灯灯杆歪了'],
    details: [
      '从{a}号到{b}号一共有{c}盏路灯不亮。',
      '晚上{h}点以后整条路黑漆漆的，骑车的人看不清路。',
      '上个月有位老人晚上在这里摔倒了。',
      '路灯线路老化，下雨天还漏电打火。',
      '灯杆被车撞歪了，随时可能倒下来。',
    ],
    unit: '区城管局路灯管理所',
    actions: ['更换了损坏的灯具和线路，路灯已恢复照明', '对灯杆进行了加固扶正，并排查了周边线路', '将该路段路灯纳入巡查计划，每周检查一次'],
  },
  {
    weight: 7,
    phrases: ['暖气不热', '暖气漏水', '供暖温度不达标', '暖气片冰凉', '集中供暖一直没来', '暖气管道爆裂'],
    details: [
      '室温只有{t}度，家里有老人和孩子，晚上冻得睡不着。',
      '供热公司来看过一次，说是管道有气，放了气还是不热。',
      '已经交了{p}元取暖费，暖气却一点都不热。',
      '楼上暖气漏水把我家天花板泡了。',
      '整栋楼{c}户都不热，只有顶层稍微好一点。',
    ],
    unit: '区供热公司',
    actions: [
      '派维修人员入户排气并清洗管道，室温已达到{t2}度',
      '更换了破损的供暖管道，并协调楼上住户赔偿损失',
      '对该楼栋供热管网进行了水力平衡调节',
    ],
  },
  {
    weight: 7,
    phrases: ['夜间施工噪音扰民', '广场舞音响声音太大', '酒吧噪音太大', '商铺门口喇叭扰民', '空调外机噪音很大', '装修噪音影响休息'],
    details: [
      '每天晚上{h}点以后还在施工，吵得根本睡不着。',
      '音响声音很大，家里孩子要备考，没法学习。',
      '测了一下噪音有{n}分贝。',
      '跟施工方说过，他们说有夜间施工许可证。',
      '周末早上七点就开始电钻声。',
    ],
    unit: '区生态环境局',
    actions: [
      '现场检测噪音超标，已责令施工单位停止夜间施工',
      '与广场舞队伍协商，调整了活动时间并降低音量',
      '依法对商户进行了处罚，并要求撤除外放喇叭',
    ],
  },
  {
    weight: 6,
    phrases: ['私家车乱停乱放', '消防通道被占用', '小区停车位太少', '僵尸车长期占用车位', '共享单车乱停放', '电动车在楼道充电'],
    details: [
      '有一辆车牌号为{plate}的车在这里停了{d}天。',
      '消防通道被堵死，万一着火消防车根本进不来。',
      '小区有{c}户，车位只有一百多个。',
      '电动车在楼道里飞线充电，非常危险。',
      '共享单车把盲道都堵住了。',
    ],
    unit: '交警大队',
    actions: ['对违停车辆进行了贴单处理，并施划了禁停标线', '拖移了长期占用车位的僵尸车', '联合物业清理了楼道电动车，并增设了集中充电桩'],
  },
  {
    weight: 5,
    phrases: ['下水道堵塞', '下水道返水', '污水外溢', '化粪池满了', '雨水井堵塞'],
    details: [
      '一下雨整个院子都是积水，水深能没过脚踝。',
      '一楼住户家里卫生间往上冒污水。',
      '污水顺着马路流，臭气熏天。',
      '已经堵了{d}天，物业说要等排水公司来。',
    ],
    unit: '区排水管理处',
    actions: ['疏通了堵塞的下水道并清掏了化粪池', '对老旧管网进行了改造，更换管道{c}米', '安排吸污车清理，并将该处纳入汛期重点巡查'],
  },
  {
    weight: 5,
    phrases: ['电梯经常故障', '电梯困人', '电梯年检过期', '加装电梯推进缓慢', '电梯异响'],
    details: [
      '这个月已经坏了{c}次，住{f}楼的老人只能爬楼梯。',
      '前天电梯突然停在{f}楼和{f2}楼之间，困了半个多小时。',
      '电梯里的年检合格证已经过期了。',
      '加装电梯的申请交了{y}年，一直没有批下来。',
    ],
    unit: '区市场监管局特种设备科',
    actions: [
      '责令维保单位全面检修电梯，已恢复正常运行',
      '督促物业完成电梯年检，并张贴了合格证',
      '协调低层住户意见，加装电梯已进入施工阶段',
    ],
  },
  {
    weight: 4,
    phrases: ['自来水水压低', '停水没有通知', '自来水发黄', '水管爆裂', '水费计算有误'],
    details: [
      '住在{f}楼，白天基本没水，只有半夜才有一点。',
      '接出来的水是黄色的，还有铁锈味。',
      '停水前没有任何通知，家里做饭都成问题。',
      '这个月水费{p}元，是平时的好几倍。',
    ],
    unit: '区自来水公司',
    actions: ['对小区二次供水设备进行了检修，水压已恢复正常', '冲洗了供水管网并送检水样，水质已合格', '核查水表读数，已退还多收的水费'],
  },
  {
    weight: 4,
    phrases: ['餐馆油烟直排', '烧烤摊油烟扰民', '饭店排污水', '小吃街卫生脏乱差'],
    details: [
      '油烟直接对着居民楼的窗户排，衣服都不能晾在外面。',
      '烧烤摊每天营业到凌晨{h}点。',
      '饭店的油污水直接倒进雨水井。',
      '油烟净化器装了也不开。',
    ],
    unit: '区城管局执法队',
    actions: ['责令餐馆安装并使用油烟净化设施', '对占道烧烤进行了取缔，并加强夜间巡查', '对饭店违法排污行为立案查处'],
  },
  {
    weight: 4,
    phrases: ['占道经营', '流动摊贩堵路', '商户门前乱堆放', '早市占用马路'],
    details: ['摊贩把人行道全占满了，行人只能走机动车道。', '早上七点到九点路口堵得水泄不通。', '卖菜的把烂菜叶都扔在路边。'],
    unit: '区城管局执法队',
    actions: ['清理了占道摊点，并引导摊贩进入便民市场经营', '对商户进行了批评教育，要求门前三包'],
  },
  {
    weight: 3,
    phrases: ['井盖缺失', '井盖破损', '井盖松动', '井盖下沉'],
    details: ['车一压过去就哐当响，晚上特别吵。', '井盖没了，只用一个破纸箱盖着，非常危险。', '已经有电动车在这里摔倒了。'],
    unit: '区城管局市政设施所',
    actions: ['更换了破损井盖，并加装了防坠网', '对下沉井盖进行了调平加固'],
  },
  {
    weight: 3,
    phrases: ['路面塌陷', '道路坑洼不平', '人行道地砖松动', '道路施工迟迟不完工'],
    details: ['坑有{c}十厘米深，下雨天积水看不出来。', '道路挖开了{d}个月还没有恢复。', '地砖一踩就溅一身泥水。'],
    unit: '区住建局',
    actions: ['对塌陷路面进行了回填修补', '督促施工单位加快进度，预计月底完工'],
  },
  {
    weight: 3,
    phrases: ['违章建筑', '私搭乱建', '楼顶加盖', '占用绿地建棚子'],
    details: ['一楼住户把院子扩出去两米盖了房子。', '顶楼住户在楼顶加盖了一层，楼下天花板都裂了。', '有人在绿化带里搭了铁皮棚子堆杂物。'],
    unit: '区城管局执法队',
    actions: ['下达限期拆除通知书，违建已拆除', '对违法建设立案调查，将依法处理'],
  },
  {
    weight: 3,
    phrases: ['流浪狗伤人', '养狗不拴绳', '狗粪随处可见', '流浪猫太多'],
    details: ['小区里有{c}只流浪狗，晚上追着人叫。', '邻居养的大型犬不拴绳，孩子被吓哭了。', '草坪上到处都是狗粪。'],
    unit: '公安分局治安科',
    actions: ['联合动物收容机构收容了流浪犬', '对不文明养犬行为进行了劝导和处罚'],
  },
  {
    weight: 2,
    phrases: ['公交站台缺少遮雨棚', '公交车班次太少', '公交线路调整不合理', '公交站牌信息错误'],
    details: ['早高峰要等{d}十分钟才来一趟车。', '站台没有遮雨棚，下雨天只能淋着等车。', '线路调整以后去医院要换乘两次。'],
    unit: '区交通局',
    actions: ['协调公交公司增加了高峰时段班次', '已在站台加装遮雨棚和座椅'],
  },
  {
    weight: 2,
    phrases: ['拖欠工资', '工地不发工资', '公司拖欠农民工工资', '单位不缴社保'],
    details: ['一共{c}个工人，被拖欠了{m}个月工资。', '老板电话不接，工地已经停工了。', '入职{y}年了公司一直没给交社保。'],
    unit: '区人社局劳动监察大队',
    actions: ['约谈用人单位，被拖欠的工资已全部支付', '责令公司补缴社会保险费'],
  },
  {
    weight: 2,
    phrases: ['食品安全问题', '超市卖过期食品', '餐馆卫生差', '外卖吃坏肚子'],
    details: ['买的牛奶已经过期{d}天了。', '后厨苍蝇乱飞，老鼠都能看到。', '吃完以后全家拉肚子，去医院花了{p}元。'],
    unit: '区市场监管局',
    actions: ['对超市进行了现场检查，下架过期食品并立案处罚', '对餐馆进行了突击检查，责令停业整改'],
  },
  {
    weight: 2,
    phrases: ['医保报销问题', '异地就医备案', '养老金发放', '低保申请'],
    details: ['跑了{c}趟社区都说材料不全。', '不知道异地就医备案需要哪些材料。', '家里只有老人，收入很低，想申请低保。'],
    unit: '区医保局',
    actions: ['已电话告知所需材料和办理流程', '工作人员上门帮助老人办理了相关手续'],
  },
  {
    weight: 2,
    phrases: ['树木遮挡阳光', '树枝压电线', '绿化带被改成菜地', '杨絮柳絮太多', '行道树死亡未补种'],
    details: ['树长得比五楼还高，家里白天都要开灯。', '树枝搭在电线上，刮风时火花四溅。', '有人把绿化带开垦成菜地，还浇粪水。'],
    unit: '区园林绿化局',
    actions: ['对树木进行了修剪', '恢复了被毁绿地，并补种了行道树'],
  },
  {
    weight: 1.5,
    phrases: ['小区门禁损坏', '单元门坏了', '监控摄像头不亮', '小区有人盗窃电动车'],
    details: ['门禁坏了{d}个月，外来人员随便进出。', '最近小区丢了好几辆电动车，监控都是坏的。'],
    unit: '社区居委会',
    actions: ['督促物业维修了门禁和监控设备', '联合派出所加强了夜间巡逻'],
  },
  {
    weight: 1.5,
    phrases: ['学校周边交通拥堵', '学区划分不合理', '幼儿园入园难', '校外培训机构乱收费'],
    details: ['每天放学时校门口堵得水泄不通。', '家门口就有学校，却被划到了{c}公里外的学校。', '培训机构收了一年的学费就关门了。'],
    unit: '区教委',
    actions: ['协调交警在上下学时段疏导交通', '已将您的意见转交学区划片工作组'],
  },
  {
    weight: 1,
    phrases: ['燃气管道老化', '燃气泄漏', '燃气表不走字'],
    details: ['楼道里能闻到一股煤气味。', '燃气管道锈迹斑斑，已经用了{y}年。'],
    unit: '区燃气公司',
    actions: ['派抢修人员现场排查，已更换老化管道', '更换了燃气表，并进行了入户安检'],
  },
  {
    weight: 1,
    phrases: ['外墙皮脱落', '楼道墙皮掉落', '屋顶漏雨', '老旧小区改造质量差'],
    details: ['外墙皮大块脱落，砸坏了楼下停的车。', '顶楼一下雨就漏，墙面都发霉了。'],
    unit: '区住建局',
    actions: ['对外墙进行了排险处理', '已将该楼纳入老旧小区改造计划'],
  },
  {
    weight: 1,
    phrases: ['蚊虫鼠害严重', '小区里发现老鼠', '蟑螂太多'],
    details: ['晚上老鼠在楼道里跑来跑去。', '垃圾站附近蚊虫特别多。'],
    unit: '区疾控中心',
    actions: ['组织开展了灭鼠灭蟑消杀作业'],
  },
  {
    weight: 0.6,
    phrases: ['充电桩不够用', '充电桩收费太高', '新能源车位被燃油车占用'],
    details: ['小区只有{c}个充电桩，每天都要排队。', '充电服务费比电费还贵。'],
    unit: '区发改委',
    actions: ['协调运营商新增了充电桩'],
  },
  {
    weight: 0.5,
    phrases: ['无障碍设施缺失', '盲道被占用', '坡道太陡轮椅上不去'],
    details: ['家里老人坐轮椅，出门非常不方便。', '盲道上停满了车。'],
    unit: '区残联',
    actions: ['已在单元门口加装无障碍坡道'],
  },
  {
    weight: 0.4,
    phrases: ['河道有异味', '河里有死鱼', '河道垃圾漂浮'],
    details: ['夏天河道臭味很重，窗户都不敢开。', '河面上漂着很多塑料瓶。'],
    unit: '区水务局',
    actions: ['对河道进行了清淤保洁，并排查了排污口'],
  },
];

const PROBLEM_TOTAL = PROBLEMS.reduce((sum, problem) => sum + problem.weight, 0);

function pickProblem(rng: Rng): Problem {
  let roll = rng() * PROBLEM_TOTAL;
  for (const problem of PROBLEMS) {
    roll -= problem.weight;
    if (roll < 0) {
      return problem;
    }
  }
  return PROBLEMS[PROBLEMS.length - 1];
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A template with its numbers, amounts, floors and plates filled in. */
function fill(rng: Rng, template: string): string {
  return template
    .replaceAll('{a}', String(between(rng, 1, 80)))
    .replaceAll('{b}', String(between(rng, 81, 300)))
    .replaceAll('{c}', String(between(rng, 2, 12)))
    .replaceAll('{d}', String(between(rng, 2, 20)))
    .replaceAll('{f}', String(between(rng, 6, 18)))
    .replaceAll('{f2}', String(between(rng, 19, 26)))
    .replaceAll('{h}', String(between(rng, 10, 12)))
    .replaceAll('{m}', String(between(rng, 2, 8)))
    .replaceAll('{n}', String(between(rng, 65, 95)))
    .replaceAll('{p}', String(between(rng, 2, 30) * 10))
    .replaceAll('{t}', String(between(rng, 11, 16)))
    .replaceAll('{t2}', String(between(rng, 19, 22)))
    .replaceAll('{y}', String(between(rng, 2, 6)))
    .replaceAll('{plate}', `京${pick(rng, [...PLATE_LETTERS])}${between(rng, 10000, 99999)}`);
}

// ---------------------------------------------------------------------------------------------------
// Content

const OPENINGS = [
  '',
  '',
  '',
  '您好，',
  '你好，',
  '我是{place}的居民，',
  '本人住在{place}，',
  '反映一个问题：',
  '领导您好，',
  '我要投诉，',
  '再次反映，',
  '市民来电反映，',
];
const DURATIONS = [
  '已经两个星期了',
  '持续一个多月了',
  '从上周开始',
  '反映过多次仍未解决',
  '今年入冬以来一直这样',
  '最近几天越来越严重',
  '已经有半年了',
  '去年就反映过',
  '打了三次12345都没人处理',
  '这个问题存在好几年了',
];
const IMPACTS = [
  '老人孩子出行很不方便',
  '严重影响居民休息',
  '存在很大的安全隐患',
  '居民意见很大',
  '晚上路过提心吊胆',
  '给周边商户经营带来困难',
  '影响小区形象',
  '大家都很着急',
  '住户们怨声载道',
];
const EXTRAS = [
  '之前打过物业电话，说是要等上级批准。',
  '附近还有不少老年人独居，出了问题没人照应。',
  '我们楼的住户已经联名写过申请。',
  '这个问题去年也出现过，当时修好没多久又坏了。',
  '希望能够从根本上解决，不要只是临时处理。',
  '周末人流量大的时候情况更严重。',
  '社区工作人员来看过，拍了照片就走了，后来再没消息。',
  '我家孩子今年高考，真的很需要安静的环境。',
  '我已经七十多岁了，腿脚不好，实在没办法才打电话。',
  '邻居们都说打电话没用，我还是想试试。',
  '附上现场照片，请工作人员核实。',
  '联系电话可以打给我，白天都在家。',
  '如果再不处理，我们只能向上级部门反映了。',
  '相关部门互相推诿，谁都说不归自己管。',
];
const ASKS = [
  '请尽快处理。',
  '希望有关部门尽快协调解决。',
  '恳请领导重视。',
  '请相关部门派人上门查看。',
  '希望给个明确的答复和时间表。',
  '谢谢！',
  '盼复。',
  '望尽快解决，谢谢！',
  '请给予答复。',
];

/** A length between 30 and 400 characters, most near a hundred (log-normal-like), some long. */
function targetLength(rng: Rng): number {
  const normal = (rng() + rng() + rng() - 1.5) * 2; // about N(0, 1)
  return Math.round(Math.min(MAX_LENGTH, Math.max(MIN_LENGTH, 110 * Math.exp(0.6 * normal))));
}

/** One appeal's text, and what the reply to it needs to know. */
export function composeAppeal(rng: Rng): { content: string; traditional: boolean; where: string; problem: Problem; phrase: string } {
  const where = place(rng);
  const problem = pickProblem(rng);
  const phrase = pick(rng, problem.phrases);
  const opening = pick(rng, OPENINGS).replace('{place}', rng() < 0.5 ? community(rng) : `${pick(rng, NAME_PARTS)}社区`);
  const sentences = [`${opening}${where}${phrase}，${pick(rng, DURATIONS)}，${pick(rng, IMPACTS)}。`];
  const pool = [...problem.details.map((detail) => fill(rng, detail)), ...EXTRAS];
  // A second problem in one appeal now and then.
  if (rng() < 0.12) {
    const other = pickProblem(rng);
    sentences.push(`另外，${pick(rng, other.phrases)}的问题也很突出，${fill(rng, pick(rng, other.details))}`);
  }
  const length = targetLength(rng);
  const ask = pick(rng, ASKS);
  let text = sentences.join('');
  // Details of the problem first, then general remarks, until the text reaches its length.
  for (let i = 0; i < 40 && text.length + ask.length < length; i += 1) {
    const index = i < problem.details.length && rng() < 0.7 ? Math.floor(rng() * problem.details.length) : Math.floor(rng() * pool.length);
    const sentence = pool[index];
    if (!text.includes(sentence)) {
      text += sentence;
    }
  }
  text += ask;
  if (text.length > MAX_LENGTH) {
    const cut = text.lastIndexOf('。', MAX_LENGTH - 1);
    text = cut >= MIN_LENGTH ? text.slice(0, cut + 1) : text.slice(0, MAX_LENGTH);
  }
  while (text.length < MIN_LENGTH) {
    text += pick(rng, IMPACTS) + '。';
  }
  const traditional = rng() < TRADITIONAL_SHARE;
  return { content: traditional ? toTraditional(text) : text, traditional, where, problem, phrase };
}

const REPLY_OPENINGS = ['经核实，', '您好，关于您反映的问题，', '收到您的诉求后，', '您好，经现场查看，', ''];
const REPLY_CLOSINGS = ['感谢您的监督。', '如有问题请再次来电。', '后续将持续跟踪。', '感谢您对我们工作的支持。', ''];
const GENERIC_REPLIES = [
  '已协调物业公司限期整改，并将持续跟踪。',
  '该事项已纳入年度改造计划，预计下月开工。',
  '已联系相关执法部门现场检查，责令整改。',
  '经与诉求人沟通，诉求人表示理解。',
];

/**
 * Texts for fillAppeals: varied content, and replies that name the place and problem of the
 * appeal generated just before them (fillAppeals generates each appeal's content before its reply).
 */
export function variedAppealTexts(): AppealTexts & { stats(): { traditional: number; appeals: number } } {
  let last: ReturnType<typeof composeAppeal> | undefined;
  let traditional = 0;
  let appeals = 0;
  return {
    content(rng) {
      last = composeAppeal(rng);
      appeals += 1;
      traditional += last.traditional ? 1 : 0;
      return last.content;
    },
    reply(rng) {
      if (!last || rng() < 0.1) {
        return pick(rng, GENERIC_REPLIES);
      }
      const action = fill(rng, pick(rng, last.problem.actions));
      return `${pick(rng, REPLY_OPENINGS)}${last.where}${last.phrase}的问题，${last.problem.unit}已于${between(rng, 1, 12)}月${between(rng, 1, 28)}日派人到现场核实，${action}。${pick(rng, REPLY_CLOSINGS)}`;
    },
    stats: () => ({ traditional, appeals }),
  };
}
