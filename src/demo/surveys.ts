import type { Actor } from '../core/actor';
import { ManualClock } from '../core/clock';
import type { AppContext } from '../core/context';
import { surveys } from '../modules/consult';
import { Random } from './random';

const DAY = 86_400_000;
const META = { ip: null, requestId: 'demo-seed' };
const FINISHED_ANSWERS = 320;
const OPEN_ANSWERS = 24;

/** Free text in the residents' words, put together from parts so that the answers read differently. */
const COMPLAINTS = [
  '窗口排队时间太长',
  '周末不开门，上班族办事很不方便',
  '办事指南写得不清楚，跑了好几趟',
  '工作人员有时不在岗',
  '停车位太少，老人来办事没地方停车',
  '线上预约的号经常约不到',
  '材料要求前后说法不一样',
];
const WISHES = [
  '希望增加一个窗口',
  '建议周六上午开放半天',
  '能不能把需要的材料一次说清楚',
  '希望在小区里设流动服务点',
  '建议在公众号上公布办理进度',
  '希望给老年人开绿色通道',
  '建议增加自助打印机',
];
const PRAISE = ['总体来说服务态度很好', '社区干部很热心', '上次办理退休手续很快', '志愿者帮忙填表很耐心', '环境比以前干净多了'];

function advice(random: Random): string {
  const pick = (items: readonly string[]) => items[random.int(0, items.length - 1)];
  const parts = random.chance(0.4) ? [pick(PRAISE), pick(WISHES)] : [pick(COMPLAINTS), pick(WISHES)];
  return `${parts.join('，')}${random.chance(0.3) ? '，谢谢！' : '。'}`;
}

/** One resident's answers to the 满意度调查 template: mostly satisfied, some not, with reasons. */
function satisfactionAnswer(random: Random): Record<string, unknown> {
  const overall = random.chance(0.15) ? random.int(1, 2) : random.int(3, 5);
  const grade = () => (overall >= 4 ? (random.chance(0.8) ? 'good' : 'fair') : random.chance(0.5) ? 'fair' : 'poor');
  return {
    overall,
    aspects: { attitude: grade(), speed: grade(), environment: grade(), information: grade() },
    visits: ['none', 'few', 'many'][random.int(0, 2)],
    ...(overall <= 2 ? { unsatisfied: `${COMPLAINTS[random.int(0, COMPLAINTS.length - 1)]}。` } : {}),
    ...(random.chance(0.45) ? { suggestions: advice(random) } : {}),
  };
}

function needsAnswer(random: Random): Record<string, unknown> {
  const areas = ['elderly', 'children', 'parking', 'canteen', 'health', 'culture', 'environment']
    .filter(() => random.chance(0.35))
    .slice(0, 3);
  const priority = ['lift', 'canteen', 'parking', 'greening'].sort(() => random.next() - 0.5);
  const volunteer = random.chance(0.4);
  return {
    areas: areas.length > 0 ? areas : ['elderly'],
    priority,
    volunteer,
    ...(volunteer ? { volunteerSkill: ['理发', '修家电', '陪老人聊天', '辅导孩子功课', '法律咨询'][random.int(0, 4)] } : {}),
    needs: advice(random),
  };
}

type Template = (typeof surveys.SURVEY_TEMPLATES)[number];

async function draftAndPublish(ctx: AppContext, organizer: Actor, orgId: string, template: Template, audience: unknown) {
  const input = surveys.CreateSurveyBody.parse({
    title: template.title,
    description: template.description,
    definition: template.definition,
    audience,
    anonymous: true,
  });
  return ctx.db.transaction().execute(async (trx) => {
    const survey = await surveys.createSurvey(surveys.openSurveyCommand(ctx, trx, organizer, META), orgId, input);
    await surveys.publishSurvey(surveys.openSurveyCommand(ctx, trx, organizer, META), survey, survey.version);
    return survey.id;
  });
}

const loadSurvey = (ctx: AppContext, id: string) => ctx.db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/**
 * Two surveys of the committee, answered through the answer command at their times: last month's
 * public 满意度调查, closed with a few hundred answers and its results on the public board, and a
 * public 需求征集 open now, which the demo member also finds on the H5 home.
 */
export async function seedDemoSurveys(ctx: AppContext, actors: ReadonlyMap<string, Actor>, orgId: string, now: Date): Promise<void> {
  const clock = new ManualClock(now);
  const clocked: AppContext = { ...ctx, clock };
  const random = new Random(2026);
  const organizer = actors.get('organizer')!;
  const at = (daysAgo: number) => clock.set(new Date(now.getTime() - daysAgo * DAY));

  at(35);
  const finishedId = await draftAndPublish(clocked, organizer, orgId, surveys.SURVEY_TEMPLATES[0], { kind: 'public' });
  const finished = await loadSurvey(clocked, finishedId);
  for (let index = 0; index < FINISHED_ANSWERS; index += 1) {
    clock.set(new Date(now.getTime() - 35 * DAY + (index / FINISHED_ANSWERS) * 25 * DAY + random.int(0, 8) * 3_600_000));
    await surveys.answerSurvey(clocked, finished, satisfactionAnswer(random), { actor: null, meta: META });
  }
  at(9);
  await clocked.db.transaction().execute(async (trx) => {
    const survey = await loadSurvey({ ...clocked, db: trx }, finishedId);
    await surveys.closeSurvey(surveys.openSurveyCommand(clocked, trx, organizer, META), survey, survey.version);
    await surveys.publishSurveyResults(surveys.openSurveyCommand(clocked, trx, organizer, META), survey, survey.version + 1);
  });

  at(3);
  const openId = await draftAndPublish(clocked, organizer, orgId, surveys.SURVEY_TEMPLATES[1], { kind: 'public' });
  const open = await loadSurvey(clocked, openId);
  for (let index = 0; index < OPEN_ANSWERS; index += 1) {
    clock.set(new Date(now.getTime() - 3 * DAY + index * 2 * 3_600_000));
    await surveys.answerSurvey(clocked, open, needsAnswer(random), { actor: null, meta: META });
  }
}
