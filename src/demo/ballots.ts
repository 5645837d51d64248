import { loadActor, type Actor } from '../core/actor';
import { ManualClock } from '../core/clock';
import type { AppContext } from '../core/context';
import { newToken } from '../core/ids';
import { createUser } from '../core/users';
import { appraisal, elections } from '../modules/consult';

const DAY = 86_400_000;
const META = { ip: null, requestId: 'demo-seed' };

/** The other members of 机关第一党支部 besides the demo member; the last is a 预备党员. Nobody signs in as them. */
const FELLOW_MEMBERS = ['赵建华', '钱秀兰', '孙志强', '李红梅', '周国平', '吴丽娟', '郑海涛'];

const SELF_APPRAISALS = [
  '这一年坚持学习党的理论，按时参加组织生活和主题党日，带头完成部门重点工作，但联系群众还不够主动。',
  '认真履行岗位职责，参加志愿服务八次，按时足额交纳党费；今后要在业务创新上多下功夫。',
  '积极参加“三会一课”，在项目攻坚中发挥了党员先锋作用，批评与自我批评做得还不够。',
];

type Clocked = { ctx: AppContext; clock: ManualClock };

async function createFellows(ctx: AppContext, branchId: string): Promise<Actor[]> {
  const fellows: Actor[] = [];
  for (const [index, name] of FELLOW_MEMBERS.entries()) {
    const user = await createUser(ctx.db, ctx.clock, ctx.crypto, {
      username: `organs1.member${String(index + 1).padStart(2, '0')}`,
      displayName: name,
      password: `${newToken()}aA1#`,
      orgId: branchId,
      grants: [{ role: 'member', orgId: branchId, scope: 'org' }],
    });
    fellows.push(await loadActor(ctx.db, user, 'demo-seed'));
  }
  await ctx.db
    .insertInto('probationary_members')
    .values({ user_id: fellows[fellows.length - 1].id, since_on: '2025-07-01' })
    .execute();
  return fellows;
}

const electionStep = <T>({ ctx }: Clocked, actor: Actor, work: (c: ReturnType<typeof elections.openElectionCommand>) => Promise<T>) =>
  ctx.db.transaction().execute((trx) => work(elections.openElectionCommand(ctx, trx, actor, META)));

/**
 * 年度“身边好党员”评选 of the committee, in its voting phase: nominations by a member and a resident
 * reviewed by the organizer, the roll frozen two days ago, five members have voted; the demo member
 * and resident may still vote.
 */
async function seedElection(clocked: Clocked, now: Date, committeeId: string, actors: ReadonlyMap<string, Actor>, fellows: Actor[]) {
  const organizer = actors.get('organizer')!;
  const at = (days: number) => clocked.clock.set(new Date(now.getTime() + days * DAY));
  const date = (days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
  at(-12);
  const input = elections.CreateElectionBody.parse({
    title: `${now.getUTCFullYear()} 年度“身边好党员”评选`,
    description: '推选在岗位建功、服务群众中表现突出的党员，当选者在集团表彰大会上通报表扬。每人最多选 2 人。',
    audienceMembers: true,
    audienceMasses: true,
    maxChoices: 2,
    nominationStartsOn: date(-12),
    nominationEndsOn: date(-4),
    votingStartsOn: date(-2),
    votingEndsOn: date(5),
    publicityDays: 5,
  });
  const created = await electionStep(clocked, organizer, (c) => elections.createElection(c, committeeId, input));
  const load = async (trx: AppContext['db']) => (await elections.getElectionRow(trx, created.id))!;
  const nominate = (actor: Actor, body: unknown) =>
    electionStep(clocked, actor, async (c) => elections.nominateCandidate(c, await load(c.trx), elections.NominateBody.parse(body)));
  at(-10);
  const byMember = await nominate(actors.get('member')!, {
    name: '赵建华',
    unit: '机关第一党支部',
    reason: '负责集团信息化改造三年，带领团队把群众诉求平台上线，加班从不叫苦。',
  });
  at(-9);
  const byResident = await nominate(actors.get('masses')!, {
    name: '王桂芳',
    unit: '后勤服务党支部',
    reason: '物业党小组组长，小区加装电梯时挨家挨户做工作，居民都说她热心肠。',
  });
  const rejected = await nominate(actors.get('masses')!, { name: '张三', reason: '我觉得他人挺好的，工作也很认真负责。' });
  await nominate(organizer, {
    name: '孙志强',
    unit: '机关第一党支部',
    reason: '扎根一线二十年，承担集团多项技术攻关任务，带出十余名青年骨干。',
  });
  at(-5);
  for (const [nomination, decision, note] of [
    [byMember, 'approve', '事迹属实'],
    [byResident, 'approve', '事迹属实'],
    [rejected, 'reject', '提名理由未写明具体事迹'],
  ] as const) {
    await electionStep(clocked, organizer, async (c) =>
      elections.reviewNomination(c, await load(c.trx), nomination.id, { decision, note }),
    );
  }
  at(-2);
  await electionStep(clocked, organizer, async (c) => {
    const election = await load(c.trx);
    return elections.openVoting(c, election, election.version);
  });
  const candidates = await clocked.ctx.db
    .selectFrom('election_nominations')
    .select('id')
    .where('election_id', '=', created.id)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .execute();
  for (const [index, voter] of fellows.slice(0, 5).entries()) {
    clocked.clock.set(new Date(now.getTime() - 2 * DAY + (index + 1) * 3_600_000));
    const chosen = [candidates[index % candidates.length].id, candidates[(index + 1) % candidates.length].id];
    await elections.castVote(clocked.ctx, voter, META, created.id, index % 2 === 0 ? chosen : chosen.slice(0, 1));
  }
}

/** Last year's 民主评议党员 of 机关第一党支部, finished: self-appraisals, the test by all eight, each rating the others, the committee's grades. */
async function seedAppraisal(clocked: Clocked, now: Date, branchId: string, actors: ReadonlyMap<string, Actor>, fellows: Actor[]) {
  const organizer = actors.get('organizer')!;
  const year = now.getUTCFullYear() - 1;
  const at = (month: number, day: number) => clocked.clock.set(new Date(Date.UTC(year, month - 1, day, 2)));
  const step = <T>(actor: Actor, work: (c: ReturnType<typeof appraisal.openAppraisalCommand>) => Promise<T>) =>
    clocked.ctx.db.transaction().execute((trx) => work(appraisal.openAppraisalCommand(clocked.ctx, trx, actor, META)));
  const load = async (trx: AppContext['db']) => (await appraisal.getAppraisalRow(trx, created.id))!;
  const branch = await clocked.ctx.db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('id', '=', branchId)
    .executeTakeFirstOrThrow();
  at(12, 1);
  const created = await step(organizer, (c) => appraisal.createAppraisal(c, branch, year));
  const members = [actors.get('member')!, ...fellows];
  at(12, 8);
  for (const [index, member] of members.entries()) {
    await step(member, async (c) => appraisal.writeSelfAppraisal(c, await load(c.trx), SELF_APPRAISALS[index % SELF_APPRAISALS.length]));
  }
  at(12, 15);
  await step(organizer, async (c) => {
    const row = await load(c.trx);
    return appraisal.openAppraisalVoting(c, row, row.version);
  });
  const graded = members.slice(0, -1);
  // Most rate most as 合格; the demo member and 孙志强 are seen as 优秀 by many, one member as 基本合格 by some.
  const gradeBy = (rater: number, member: number) =>
    member === 0 || member === 3 ? (rater % 3 === 2 ? 'qualified' : 'excellent') : member === 5 && rater % 2 === 0 ? 'basic' : 'qualified';
  for (const [rater, voter] of members.entries()) {
    const grades = Object.fromEntries(
      graded.flatMap((member, index) => (member.id === voter.id ? [] : [[member.id, gradeBy(rater, index)] as const])),
    );
    await appraisal.castAppraisalBallot(clocked.ctx, voter, META, created.id, grades);
  }
  at(12, 20);
  await step(organizer, async (c) => {
    const row = await load(c.trx);
    return appraisal.closeAppraisalVoting(c, row, row.version);
  });
  at(12, 26);
  const grades = graded.map((member, index) => ({
    userId: member.id,
    grade: index === 0 || index === 3 ? ('excellent' as const) : index === 5 ? ('basic' as const) : ('qualified' as const),
  }));
  await step(organizer, async (c) => {
    const row = await load(c.trx);
    return appraisal.setFinalGrades(c, row, { version: row.version, grades });
  });
}

/** The demo's anonymous ballots: an election open for voting, and last year's appraisal of one branch. */
export async function seedDemoBallots(
  ctx: AppContext,
  actors: ReadonlyMap<string, Actor>,
  ids: { committeeId: string; branchId: string },
  now: Date,
): Promise<void> {
  const clock = new ManualClock(now);
  const clocked: Clocked = { ctx: { ...ctx, clock }, clock };
  // The branch's members joined long before last year's appraisal.
  clock.set(new Date(now.getTime() - 400 * DAY));
  const fellows = await createFellows(clocked.ctx, ids.branchId);
  await seedAppraisal(clocked, now, ids.branchId, actors, fellows);
  await seedElection(clocked, now, ids.committeeId, actors, fellows);
}
