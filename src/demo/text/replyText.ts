import type { UnitEntry } from '../catalogue';
import type { Random } from '../random';
import type { Story } from './appealText';
import { dayPart, daysAfter, monthDay } from './dates';
import type { SentenceLedger } from './ledger';
import { surname } from './people';
import { expand, type TemplateVars } from './template';
import type { IdeaTopic, IssueTopic, QuestionTopic } from './topics/types';
import { oneOf, twoOf, writeSentences, type Part } from './write';

/** First reply, a reply rewritten after the reviewer sent it back, or the redo after 不满意. */
export type ReplyRound = 'first' | 'again' | 'redo';

export interface ReplyScene {
  unit: UnitEntry;
  handlerName: string;
  receivedAt: Date;
  /** When the handler went to look (or looked it up). */
  visitAt: Date;
  repliedAt: Date;
  round: ReplyRound;
}

const WORKER = '[维修班{surname}师傅|{surname}师傅和{surname2}师傅|{unitShort}{surname}工|承办人{handler}|{handler}和{surname}师傅]';

const headTitle = (unit: UnitEntry) => `${unit.head.slice(0, 1)}${unit.name.endsWith('部') ? '部长' : '主任'}`;

function sceneVars(random: Random, story: Story, scene: ReplyScene) {
  const fixAt = new Date(scene.visitAt.getTime() + random.next() * (scene.repliedAt.getTime() - scene.visitAt.getTime()));
  return (): TemplateVars => {
    const people = { surname: surname(random), surname2: surname(random), unitShort: scene.unit.short, handler: scene.handlerName };
    return {
      ...story.vars,
      ...people,
      worker: expand(WORKER, random, people),
      unit: scene.unit.name,
      phone: scene.unit.phone,
      office: scene.unit.office,
      head: headTitle(scene.unit),
      recvDate: monthDay(scene.receivedAt),
      visitDate: monthDay(scene.visitAt),
      visitPart: dayPart(scene.visitAt),
      fixDate: monthDay(fixAt),
      futureDate: monthDay(daysAfter(scene.repliedAt, random.int(2, 20))),
    };
  };
}

/** For matters settled from records and with the people concerned: pay, leave, dues, the staff bus. */
const DESK_OPENINGS: Record<ReplyRound, readonly string[]> = {
  first: [
    '您好，关于您{recvDate}反映的{spot}{subject}问题，{unitShort}{handler}于{visitDate}[调取了|查阅了|核对了][相关记录|台账|有关材料]，并[向|找]{spot}[负责人|有关人员][了解了情况|核实了情况]。',
    '您好！您{recvDate}反映的{subject}[问题|情况]已收到，{unit}于{visitDate}{visitPart}[安排|指定]{handler}[逐项核实|专门核查]。',
    '[尊敬的反映人|您好]，{unitShort}收到您{recvDate}关于{subject}的反映后，{handler}于{visitDate}[与{spot}[负责人|班组长]|与相关部门][当面核对了情况|一起查了记录]。',
  ],
  again: [
    '[您好|尊敬的反映人]，现就您{recvDate}反映的{subject}问题[补充答复|重新答复]：{handler}于{visitDate}再次[核对了|查阅了][相关记录|有关材料]。',
  ],
  redo: [
    '针对您对前次答复[不满意|提出的意见]，{head}[高度重视|亲自过问]，{visitDate}[召集|约请]{spot}[负责人|有关人员]和{handler}[重新核查了|逐项复核了]{subject}的情况。',
  ],
};

const DESK_CLOSINGS = [
  '如对{subject}的处理结果有疑问，可在工作日拨打{phone}联系{handler}，我们将在[一|两]个工作日内给您回复。',
  '[后续|下一步]，{unitShort}将[定期核对|按月抽查]{spot}的{subject}情况，[如仍有问题|再有类似情况]请[拨打|联系]{phone}。',
];

function issueParts(random: Random, topic: IssueTopic, round: ReplyRound): Part[] {
  return topic.deskWork ? deskIssueParts(random, topic, round) : siteIssueParts(random, topic, round);
}

function deskIssueParts(random: Random, topic: IssueTopic, round: ReplyRound): Part[] {
  const parts: Part[] = [
    oneOf(random, DESK_OPENINGS[round]),
    () =>
      `${random.pick(round === 'redo' ? ['复核发现，', '经再次核查，'] : ['经查，', '经核实，', '经查阅记录，'])}${random.pick(topic.cause)}。`,
    () => `[已于|]{fixDate}${random.pick(topic.fix)}。`,
  ];
  if (round !== 'first' || random.chance(0.65)) {
    parts.push(oneOf(random, DESK_CLOSINGS));
  }
  return parts;
}

function siteIssueParts(random: Random, topic: IssueTopic, round: ReplyRound): Part[] {
  const openings: Record<ReplyRound, readonly string[]> = {
    first: [
      '您好，关于您{recvDate}反映的{spot}{subject}问题，{unit}于{visitDate}{visitPart}安排{worker}到现场核查。',
      '您好！您{recvDate}反映的{spot}{subject}[问题|情况]已收到，{worker}于{visitDate}{visitPart}到现场进行了[查看|检查]。',
      '感谢您对{spot}{subject}问题的反映，{unit}接单后，{worker}于{visitDate}{visitPart}[上门|到现场]查看。',
      '[尊敬的反映人|您好]，{unitShort}收到您{recvDate}的反映后，于{visitDate}{visitPart}派{worker}到{spot}[实地|现场]了解情况。',
    ],
    again: [
      '[您好|尊敬的反映人]，现就您{recvDate}反映的{spot}{subject}问题[补充答复|重新答复]：{worker}于{visitDate}{visitPart}再次到现场[核实|核查]。',
      '您好，对{recvDate}反映的{spot}{subject}问题，{unitShort}{visitDate}{visitPart}又[组织|安排]{worker}逐项[核对|复核]了一遍，现[详细|补充]答复如下。',
    ],
    redo: [
      '针对您对前次答复[不满意|提出的意见]，{unit}于{visitDate}{visitPart}再次[组织|安排]{worker}到{spot}[复查|重新核查]。',
      '您好，您对{spot}{subject}问题的处理结果不满意，{head}[高度重视|亲自过问]，{visitDate}{visitPart}带{worker}到现场[复查|重新查看]。',
    ],
  };
  const parts: Part[] = [
    oneOf(random, openings[round]),
    () =>
      `${random.pick(round === 'redo' ? ['复查发现，', '经再次核查，'] : ['经查，', '经核实，', '经现场检查，'])}${random.pick(topic.cause)}。`,
    () => `[已于|]{fixDate}${random.pick(topic.fix)}。`,
  ];
  if (round === 'redo') {
    parts.push(
      oneOf(random, [
        '[对前期处理不到位给您带来的不便|前期处理不够彻底]，{unitShort}深表歉意，[今后|后续]将对{spot}[加强巡查|跟踪到底]。',
        '给您添麻烦了，{unitShort}向您致歉，{spot}的{subject}[今后|后续]由{handler}[专人跟踪|每周回访]。',
      ]),
    );
  } else if (round === 'again' || random.chance(0.65)) {
    parts.push(
      oneOf(random, [
        '[后续|下一步]，{unitShort}将[把{spot}纳入日常巡检|定期回访{spot}|加强对{spot}的巡查]，如[仍有问题|再出现类似情况]，请拨打{unitShort}电话{phone}。',
        '如对{spot}{subject}的处理结果有疑问，可在工作日拨打{phone}联系{handler}，我们将在[一|两]个工作日内[再次上门|给您回复]。',
        '感谢您对{spot}[公共设施|环境|工作]的关心，[欢迎继续监督|有问题随时反映]，{unitShort}承办人{handler}，电话{phone}，{futureDate}前会再回访一次。',
      ]),
    );
  }
  return parts;
}

const whereToGo = '您可于{futureDate}[上午|下午|工作时间]到{office}办理，[请携带|届时请带上]{materials}，[咨询电话|联系电话]{phone}。';

function questionParts(random: Random, topic: QuestionTopic, round: ReplyRound): Part[] {
  const openings =
    round === 'redo'
      ? ['针对您对前次答复的意见，{handler}于{visitDate}再次[核实了|查询了]{subject}的相关规定，现答复如下。']
      : [
          '您好，您{recvDate}咨询的{subject}问题已收悉，经{handler}[核实|查询]，现答复如下。',
          '您好，关于您{recvDate}咨询的{subject}问题，{unitShort}{visitDate}[查阅了相关文件|与经办同事核对后]答复如下。',
        ];
  const [answer, moreAnswer] = twoOf(random, topic.answer);
  const parts: Part[] = [oneOf(random, openings), answer];
  if (random.chance(0.5)) {
    parts.push(moreAnswer);
  }
  parts.push(() => whereToGo.replace('{materials}', random.pick(topic.materials)));
  return parts;
}

function ideaParts(random: Random, topic: IdeaTopic, round: ReplyRound): Part[] {
  const openings =
    round === 'redo'
      ? ['针对您的意见，{unit}于{visitDate}再次[研究了|讨论了]您关于{subject}的建议。']
      : [
          '感谢您{recvDate}提出的关于{subject}的建议，[{unit}已认真研究|{unitShort}已收悉并组织研究]。',
          '您好，您{recvDate}关于{subject}的建议很有价值，{unitShort}{visitDate}专门[开会|碰头]研究了。',
        ];
  const [response, moreResponse] = twoOf(random, topic.response);
  const parts: Part[] = [oneOf(random, openings), response];
  if (random.chance(0.4)) {
    parts.push(moreResponse);
  }
  parts.push(
    oneOf(random, [
      '[后续|下一步]，{unitShort}将在{futureDate}前[拿出具体方案|把落实情况在平台上反馈]，[欢迎继续|也欢迎您继续]提出意见建议。',
      '落实情况{unitShort}会在{futureDate}前后[告诉您|向您反馈]，[有新的想法|还有想法]可以随时联系{handler}（电话{phone}）。',
    ]),
  );
  return parts;
}

/** The unit's reply, written from the appeal's story and what happened when. */
export function composeReply(ledger: SentenceLedger, random: Random, story: Story, scene: ReplyScene): string {
  const { topic } = story;
  const parts =
    topic.kind === 'issue'
      ? issueParts(random, topic, scene.round)
      : topic.kind === 'question'
        ? questionParts(random, topic, scene.round)
        : ideaParts(random, topic, scene.round);
  return writeSentences(ledger, random, sceneVars(random, story, scene), parts);
}

/** 直接答复: the dispatch centre answers a question at once, pointing to the unit that handles it. */
export function composeAnswer(ledger: SentenceLedger, random: Random, story: Story & { topic: QuestionTopic }, scene: ReplyScene): string {
  const parts: Part[] = [
    oneOf(random, [
      '您好，您{recvDate}咨询的{subject}问题，受理中心[根据现行规定|查询相关政策后]答复如下。',
      '您好，关于{recvDate}咨询的{subject}，受理员{handler}[已核实|已向{unitShort}确认]，答复如下。',
    ]),
    oneOf(random, story.topic.answer),
    () => whereToGo.replace('{materials}', random.pick(story.topic.materials)),
  ];
  return writeSentences(ledger, random, sceneVars(random, story, scene), parts);
}
