import type { Random } from '../random';
import { daysAfter, daysBefore, monthDay } from './dates';
import type { SentenceLedger } from './ledger';
import type { Area, Place } from './places';
import { expand, type TemplateVars } from './template';
import type { IdeaTopic, IssueTopic, QuestionTopic, Topic } from './topics/types';
import { oneOf, twoOf, writeSentences, type Part } from './write';

export type Register = 'formal' | 'plain' | 'angry' | 'elderly' | 'passerby' | 'worker' | 'brief';

/** What one appeal is about and how its author writes; its replies are written from the same story. */
export interface Story {
  topic: Topic;
  place: Place;
  register: Register;
  /** The topic's variables as drawn for this appeal, with the place's names. */
  vars: TemplateVars;
}

const REGISTERS: Record<Area, readonly Register[]> = {
  home: ['formal', 'plain', 'angry', 'elderly', 'brief'],
  dorm: ['formal', 'plain', 'angry', 'brief'],
  office: ['formal', 'plain', 'worker', 'brief'],
  plant: ['formal', 'worker', 'passerby', 'angry', 'brief'],
  canteen: ['formal', 'plain', 'angry', 'worker', 'brief'],
  parking: ['formal', 'plain', 'angry', 'passerby', 'brief'],
  outdoor: ['formal', 'plain', 'passerby', 'angry', 'brief'],
  team: ['formal', 'plain', 'worker', 'angry'],
};

const WHO: Record<Area, string> = {
  home: '[住户|业主|老住户|租户]',
  dorm: '[住宿职工|倒班职工]',
  office: '[员工|职工]',
  plant: '[一线职工|操作工|班组长]',
  canteen: '[就餐职工|职工]',
  parking: '[职工|车主]',
  outdoor: '[职工家属|附近住户|职工]',
  team: '职工',
};

/** How the author relates to the place: lives there, works there, passes by. */
const BEING: Record<Area, string> = {
  home: '住在',
  dorm: '住在',
  office: '在',
  plant: '在',
  canteen: '每天在',
  parking: '每天把车停在',
  outdoor: '经常路过',
  team: '在',
};

export function drawStory(random: Random, topic: Topic, place: Place, register?: Register): Story {
  const topicVars = Object.fromEntries(Object.entries(topic.vars ?? {}).map(([name, template]) => [name, expand(template, random)]));
  const kinds = topic.kind === 'issue' ? REGISTERS[place.area] : (['formal', 'plain', 'brief'] as const);
  return {
    topic,
    place,
    register: register ?? random.pick(kinds),
    vars: {
      ...topicVars,
      place: place.full,
      spot: place.spot,
      subject: topic.subject,
      who: expand(WHO[place.area], random),
      be: BEING[place.area],
      team: expand('[机加工车间|总装车间|热处理车间|焊装车间|物流中心|设备动力部][甲班|乙班|丙班|维修班|二班]', random),
    },
  };
}

const DURATION = '[{2-6}天|一个多星期|快两个星期|[两|三|四]个多星期|半个多月|一个多月|[两|三]个月]';
const TIME_OF_DAY = '[早上{6-8}点多|中午|下午{2-5}点左右|晚上{7-10}点多|昨天夜里|今天一早|傍晚]';
const WHEN = '[尽快|这周内|本周五前|月底前|抓紧|早日|在[两|三|四|五]天内]';

const ISSUE_OPENINGS: Record<Register, readonly string[]> = {
  formal: [
    `您好，我是{place}的{who}，{problem}，已经${DURATION}了。`,
    `尊敬的领导：您好，现反映一个问题，{place}{problem}，至今已有${DURATION}。`,
    `您好，{place}{problem}，前后持续了${DURATION}，特此反映。`,
  ],
  plain: [
    `跟你们反映个事，{place}{problem}，都${DURATION}了。`,
    `我{be}{place}，{problem}，[差不多|大概|少说也]${DURATION}了。`,
    '麻烦问一下，{place}{problem}，[这事|这个情况]到底归谁管？',
  ],
  angry: [
    `{place}{problem}，${DURATION}了[都没人管|也没人来修|一直拖着不解决]！`,
    '实在忍不了了，{place}{problem}，[反映多少次了|说了多少遍了]还是这样！',
    `[真不知道|不知道]有没有人管，{place}{problem}，[整整|]${DURATION}了！`,
  ],
  elderly: [
    `我是退休[老职工|老工人|老党员]，今年{68-86}岁，住在{place}，{problem}，已经${DURATION}了。`,
    '我们老两口住{place}，{problem}，[腿脚不方便|年纪大了]，[实在没办法|只好让孙子帮忙]在网上反映。',
  ],
  passerby: [
    `${TIME_OF_DAY}[路过|经过]{place}的时候，[看到|发现]{problem}。`,
    `今天${TIME_OF_DAY}在{place}[看到|发现]{problem}，[赶紧|特地]上来反映一下。`,
  ],
  worker: [
    '我是{team}的职工，每天[上班|上下班|干活]都要[经过|用到]{place}，{problem}。',
    `我们{team}[好几个人|的工友]都在说，{place}{problem}，[已经|]${DURATION}了。`,
  ],
  brief: [`{place}{problem}，请${WHEN}{ask}。`, `[报修：|反映：]{place}{problem}，${DURATION}了，[望|请]尽快处理。`],
};

const HISTORY = [
  '{pastDate}[已经|]给[物业|值班室|相关部门|班组长]打过电话，[对方说|说是]会[安排人来看|尽快处理]，[可到现在|结果]还[没人来|没有动静|是老样子]。',
  '{pastDate}[在业主群里|在单位群里|在班组会上][有人|我]也[说过|反映过]，[大家都知道|都说要解决]，[但一直没有下文|可就是没人牵头]。',
  '{pastDate}[报修|反映]过一次，[来人看了看就走了|修好没两天又坏了|说要等配件]，[到现在|至今]没[解决|弄好]。',
  '这已经是[我|我们]第{c2-5}次反映{spot}的这个问题了，[上一次|头一回]是{pastDate}。',
];

const REQUESTS = [
  `希望[有关部门|相关单位|领导]${WHEN}{ask}。`,
  `麻烦${WHEN}{ask}，我[工作日晚上{6-9}点以后|周末全天|每天上午|下班以后][都在|都方便接电话]。`,
  `请${WHEN}{ask}，[谢谢|辛苦了|麻烦了]！`,
  `[恳请|希望][领导|有关部门][重视一下|关注一下]，${WHEN}{ask}。`,
];

const ANGRY_REQUESTS = [`${WHEN}{ask}，[别再拖了|不要再推来推去了]！`, '要是再不{ask}，我就[找集团领导|打12345|去工会]反映！'];

/** Fresh values for the parts that change on every attempt: dates around the appeal. */
const dated = (random: Random, story: Story, receivedAt: Date) => (): TemplateVars => ({
  ...story.vars,
  pastDate: monthDay(daysBefore(receivedAt, random.int(2, 30))),
  futureDate: monthDay(daysAfter(receivedAt, random.int(3, 20))),
});

function issueParts(random: Random, topic: IssueTopic, story: Story): Part[] {
  const filled =
    (frames: readonly string[]): Part =>
    () =>
      random.pick(frames).replaceAll('{problem}', random.pick(topic.problem)).replaceAll('{ask}', random.pick(topic.ask));
  const parts = [filled(ISSUE_OPENINGS[story.register])];
  const [detail, moreDetail] = twoOf(random, topic.detail);
  if (story.register === 'brief') {
    if (random.chance(0.3)) {
      parts.push(detail);
    }
    return parts;
  }
  const middle: Part[] = [];
  if (random.chance(0.85)) {
    middle.push(detail);
  }
  if (random.chance(0.45)) {
    middle.push(oneOf(random, HISTORY));
  }
  if (random.chance(0.3)) {
    middle.push(moreDetail);
  }
  return [...parts, ...random.shuffle(middle), filled(story.register === 'angry' ? ANGRY_REQUESTS : REQUESTS)];
}

function questionParts(random: Random, topic: QuestionTopic, story: Story): Part[] {
  const question = () => random.pick(topic.question);
  const opening: Part =
    story.register === 'brief'
      ? () => `请问${question()}？`
      : () => random.pick([`您好，我是{place}的职工，想咨询一下${question()}。`, `[您好|你好]，[我想问一下|打扰问一下]，${question()}？`]);
  const [situation, moreSituation] = twoOf(random, topic.situation);
  const parts = [opening, situation];
  if (random.chance(0.5)) {
    parts.push(moreSituation);
  }
  if (story.register !== 'brief') {
    parts.push(
      oneOf(random, [
        '[麻烦|劳驾][给个准信|尽快答复]，[单位|学校|银行|社区]要求{futureDate}前[提交材料|办完手续]。',
        '我{pastDate}[打过电话|去过办公室]没问清楚，[麻烦|请]在平台上[书面|]答复一下。',
      ]),
    );
  }
  return parts;
}

function ideaParts(random: Random, topic: IdeaTopic, story: Story): Part[] {
  const idea = () => random.pick(topic.idea);
  const [reason, moreReason] = twoOf(random, topic.reason);
  const parts: Part[] = [
    () => random.pick([`[建议|我建议|提个建议：]${idea()}。`, `我是{place}的职工，[想|]提一个建议：${idea()}。`]),
    reason,
  ];
  if (random.chance(0.5)) {
    parts.push(moreReason);
  }
  if (story.register !== 'brief') {
    parts.push(
      oneOf(random, [
        '[希望|盼望]领导[能|][研究一下|考虑一下]，[我们|]{team}[很多人|不少同事]从{pastDate}[讨论|说起]这事就都[有这个想法|赞成]。',
        '以上建议供参考，[如有需要|需要的话]我可以[把{spot}的情况|把想法]再[详细|当面]说一说。',
      ]),
    );
  }
  return parts;
}

/** The appeal as the citizen writes it. */
export function composeAppeal(ledger: SentenceLedger, random: Random, story: Story, receivedAt: Date): string {
  const { topic } = story;
  const parts =
    topic.kind === 'issue'
      ? issueParts(random, topic, story)
      : topic.kind === 'question'
        ? questionParts(random, topic, story)
        : ideaParts(random, topic, story);
  return writeSentences(ledger, random, dated(random, story, receivedAt), parts);
}
