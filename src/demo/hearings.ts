import type { Actor } from '../core/actor';
import { ManualClock } from '../core/clock';
import type { AppContext } from '../core/context';
import { hearings } from '../modules/consult';

const DAY = 86_400_000;
const META = { ip: null, requestId: 'demo-seed' };

/** 14:30 Beijing time (06:30 UTC) on the day `days` after `now`. */
const afternoonOf = (now: Date, days: number) => {
  const day = new Date(now.getTime() + days * DAY);
  day.setUTCHours(6, 30, 0, 0);
  return day;
};

/** Residents without an account who registered through the public form. */
const VISITORS = [
  { name: '韩秀英', phone: '13957112846', wantsToSpeak: true, statement: '二期停车位本来就紧张，涨价前请先把划线和照明做好。' },
  { name: '邓建华', phone: '13867034519', wantsToSpeak: false },
  { name: '彭丽娟', phone: '15988120367', wantsToSpeak: true, statement: '建议对老年住户和残疾人车辆给予减免。' },
  { name: '许文斌', phone: '13758301246', wantsToSpeak: false },
];

type Clocked = { ctx: AppContext; clock: ManualClock };

async function step<T>({ ctx }: Clocked, actor: Actor | null, work: (c: ReturnType<typeof hearings.openHearingCommand>) => Promise<T>) {
  return ctx.db.transaction().execute((trx) => work(hearings.openHearingCommand(ctx, trx, actor, META)));
}

async function draftAndPublish(clocked: Clocked, organizer: Actor, orgId: string, body: unknown) {
  const input = hearings.CreateHearingBody.parse(body);
  const hearing = await step(clocked, organizer, (c) => hearings.createHearing(c, orgId, input));
  await step(clocked, organizer, (c) => hearings.transitionHearing(c, hearing, 'publish', hearing.version));
  return hearing.id;
}

const register = (clocked: Clocked, actor: Actor | null, hearingId: string, person: unknown) =>
  step(clocked, actor, (c) => hearings.registerForHearing(c, hearingId, hearings.RegisterBody.parse(person), null)).then(
    ({ result }) => result,
  );

const loadHearing = (db: AppContext['db'], id: string) =>
  db.selectFrom('hearings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/**
 * Two hearings of the committee, played through the hearing commands at their times: a 听证会 on
 * parking fees taking registrations now (the demo resident and member among those registered, the
 * member chosen to speak), and last month's 议事会 on a lift, held, with minutes and its outcome.
 */
export async function seedDemoHearings(ctx: AppContext, actors: ReadonlyMap<string, Actor>, orgId: string, now: Date): Promise<void> {
  const clock = new ManualClock(now);
  const clocked: Clocked = { ctx: { ...ctx, clock }, clock };
  const organizer = actors.get('organizer')!;
  const at = (days: number) => clock.set(new Date(now.getTime() + days * DAY));

  at(-40);
  const liftId = await draftAndPublish(clocked, organizer, orgId, {
    kind: 'council',
    audience: 'public',
    topic: '明远家园一期 3 号楼加装电梯议事会',
    background: '3 号楼 42 户中已有 35 户签字同意加装电梯。议事会请楼内住户、物业和街道一起商量费用分摊、施工期间出行和低层住户的补偿。',
    place: '明远家园党群服务站一楼议事厅',
    registrationOpensAt: new Date(now.getTime() - 40 * DAY).toISOString(),
    registrationClosesAt: new Date(now.getTime() - 22 * DAY).toISOString(),
    startsAt: afternoonOf(now, -21).toISOString(),
    endsAt: new Date(afternoonOf(now, -21).getTime() + 2 * 3_600_000).toISOString(),
    capacity: 30,
    speakerCap: 5,
  });
  const codes: string[] = [];
  for (const [index, visitor] of VISITORS.entries()) {
    at(-38 + index);
    codes.push((await register(clocked, null, liftId, visitor)).code);
  }
  at(-21);
  for (const code of codes.slice(0, 3)) {
    await step(clocked, organizer, async (c) => hearings.checkInRegistrant(c, await loadHearing(c.trx, liftId), code));
  }
  await step(clocked, organizer, async (c) => {
    const lift = await loadHearing(c.trx, liftId);
    await hearings.transitionHearing(c, lift, 'markHeld', lift.version);
  });
  at(-20);
  await step(clocked, organizer, async (c) =>
    hearings.recordMinutes(
      c,
      await loadHearing(c.trx, liftId),
      '到会住户 28 人，物业、街道城建科列席。12 位住户发言：高层住户普遍支持；1、2 层住户担心采光和噪音。经讨论，多数同意按楼层系数分摊费用，1 层不分摊，2 层减半，并由施工方承担采光补偿。',
    ),
  );
  at(-18);
  await step(clocked, organizer, async (c) => {
    const lift = await loadHearing(c.trx, liftId);
    await hearings.concludeHearing(c, lift, {
      outcome:
        '同意为 3 号楼加装电梯。费用按楼层系数分摊（1 层不分摊，2 层减半）；施工期间开放东侧临时通道；采光补偿由施工方承担。下月启动招标。',
      links: [{ label: '加装电梯实施方案（公示稿）', articleId: null, url: 'https://example.org/mingyuan/lift-plan' }],
      version: lift.version,
    });
  });

  at(-3);
  const parkingId = await draftAndPublish(clocked, organizer, orgId, {
    kind: 'hearing',
    audience: 'public',
    topic: '明远家园二期地面停车收费调整听证会',
    background:
      '物业拟将二期地面停车费由每月 150 元调整为 200 元，用于车位划线、照明和监控改造。听证会公开听取业主和住户意见，意见将作为业委会表决的依据。',
    place: '集团党群服务中心二楼会议室',
    registrationOpensAt: new Date(now.getTime() - 3 * DAY).toISOString(),
    registrationClosesAt: new Date(now.getTime() + 6 * DAY).toISOString(),
    startsAt: afternoonOf(now, 7).toISOString(),
    endsAt: new Date(afternoonOf(now, 7).getTime() + 2 * 3_600_000).toISOString(),
    capacity: 40,
    speakerCap: 6,
  });
  at(-2);
  const member = await register(clocked, actors.get('member')!, parkingId, {
    name: '陈立新',
    phone: '13857162093',
    wantsToSpeak: true,
    statement: '支持适度调整，但收费标准和用途要公开，接受业主监督。',
  });
  await register(clocked, actors.get('masses')!, parkingId, { name: '周晓梅', phone: '13905816627', wantsToSpeak: false });
  for (const [index, visitor] of VISITORS.slice(0, 3).entries()) {
    at(-1.5 + index * 0.3);
    await register(clocked, null, parkingId, visitor);
  }
  at(-0.2);
  await step(clocked, organizer, async (c) => {
    const parking = await loadHearing(c.trx, parkingId);
    const registration = await c.trx.selectFrom('hearing_registrations').selectAll().where('id', '=', member.id).executeTakeFirstOrThrow();
    await hearings.selectSpeaker(c, parking, registration, true);
  });
}
