import { loadActor, type Actor } from '../core/actor';
import { WorkCalendar } from '../core/calendar';
import { iso } from '../core/clock';
import type { AppContext } from '../core/context';
import { writeSetting } from '../core/settings';
import { refreshPlannerStatistics } from '../db/dialect';
import { APPEAL_SETTINGS_KEY, backfillAppealSearch, backfillAppealTriage, DEFAULT_APPEAL_SETTINGS } from '../modules/appeals';
import { allAccountSpecs, checkDemoPasswords, PRINTED_ACCOUNTS, presentAccount, unitStaff, type DemoAccount } from './accounts';
import { DEMO_COMMITTEE_ID } from './catalogue';
import { seedDemoBallots } from './ballots';
import { seedDemoHearings } from './hearings';
import { createDemoOrganisation } from './organisation';
import { planAppeals, type DemoStaff } from './plan';
import { Random } from './random';
import { runPlans, type RunResult } from './run';
import { seedLiftSurge } from './surge';
import { seedDemoSurveys } from './surveys';
import { SentenceLedger } from './text/ledger';
import { workingHours } from './workTime';

export interface DemoOptions {
  /** How many appeals, spread over `days` before `now`. */
  count?: number;
  days?: number;
  now?: Date;
  seed?: number;
}

export interface DemoResult {
  appeals: number;
  accounts: DemoAccount[];
  /** An appeal of the demo citizen waiting for a rating, to try the query code with. */
  sample: { trackingNo: string; queryCode: string } | null;
  run: RunResult;
}

/** Events older than this were handled long ago; only the last days' ones still notify anyone. */
const NOTIFY_DAYS = 3;

export async function isDemoLoaded(ctx: AppContext): Promise<boolean> {
  return (await ctx.db.selectFrom('orgs').select('id').where('id', '=', DEMO_COMMITTEE_ID).executeTakeFirst()) !== undefined;
}

/**
 * The demo installation: the 明远智造 party committee with its branches and responsible units, one
 * printed account per role, and a quarter's appeals played through the real workflow.
 */
export async function seedDemo(ctx: AppContext, options: DemoOptions = {}): Promise<DemoResult> {
  checkDemoPasswords(ctx.config.passwordPolicy);
  const now = options.now ?? ctx.clock.now();
  const specs = allAccountSpecs();
  const organisation = await createDemoOrganisation(ctx, specs);
  const sysadmin = organisation.users.get('sysadmin')!;
  // The demo shows the dispatch centre reviewing replies before citizens see them.
  await writeSetting(ctx.db, ctx.clock, APPEAL_SETTINGS_KEY, { ...DEFAULT_APPEAL_SETTINGS, reviewReplies: true }, sysadmin.id);

  const actors = new Map<string, Actor>();
  for (const [username, user] of organisation.users) {
    actors.set(username, await loadActor(ctx.db, user, 'demo-seed'));
  }
  const byUsername = new Map(specs.map((spec) => [spec.username, spec]));
  const staff: DemoStaff = {
    dispatchers: specs.filter((spec) => spec.role === 'dispatcher').map((spec) => spec.username),
    leader: 'leader',
    units: unitStaff(specs),
    names: new Map(specs.map((spec) => [spec.username, spec.displayName])),
    citizens: [
      {
        username: 'member',
        name: byUsername.get('member')!.displayName,
        phone: byUsername.get('member')!.phone!,
        share: 0.4,
        categories: ['member_service'],
      },
      { username: 'masses', name: byUsername.get('masses')!.displayName, phone: byUsername.get('masses')!.phone!, share: 0.03 },
    ],
  };
  const calendar = await WorkCalendar.load(ctx.db);
  const plans = planAppeals({
    random: new Random(options.seed ?? 20_261_201),
    ledger: new SentenceLedger(),
    calendar,
    hours: workingHours(calendar),
    staff,
    unitIds: organisation.unitIds,
    now,
    count: options.count ?? 2_000,
    days: options.days ?? 90,
  });
  const run = await runPlans(ctx, plans, actors, organisation.committeeId, now);
  await seedLiftSurge(ctx, organisation.committeeId, now);
  await seedDemoHearings(ctx, actors, organisation.committeeId, now);
  await seedDemoSurveys(ctx, actors, organisation.committeeId, now);
  await seedDemoBallots(ctx, actors, { committeeId: organisation.committeeId, branchId: organisation.orgIds.get('organs1')! }, now);

  await refreshPlannerStatistics(ctx.db);
  const notifyFrom = iso(new Date(now.getTime() - NOTIFY_DAYS * 86_400_000));
  await ctx.db
    .updateTable('events')
    .set((eb) => ({ handled_at: eb.ref('created_at') }))
    .where('created_at', '<', notifyFrom)
    .where('handled_at', 'is', null)
    .execute();
  // Those events were never handled, so the search index and the triage models learn of their appeals here.
  await backfillAppealSearch(ctx);
  await backfillAppealTriage(ctx);

  // The query code is known only from the submission; the state, from the database.
  const waiting = await ctx.db
    .selectFrom('appeals')
    .select('tracking_no')
    .where('submitter_id', '=', organisation.users.get('masses')!.id)
    .where('state', '=', 'callback')
    .orderBy('received_at', 'desc')
    .executeTakeFirst();
  const plan = waiting && plans.find((candidate) => candidate.trackingNo === waiting.tracking_no);
  const sample = plan ? { trackingNo: plan.trackingNo!, queryCode: plan.queryCode! } : null;
  return { appeals: run.submitted, accounts: PRINTED_ACCOUNTS.map(presentAccount), sample, run };
}

/** The start-up banner's part about the demo: what was loaded and how to sign in. */
export function printDemo(demo: DemoResult, write: (line: string) => void): void {
  write(`已载入演示数据（${demo.appeals} 件群众诉求）。演示账号（密码公开，生产环境请停用）：`);
  for (const account of demo.accounts) {
    write(
      `  ${account.roleLabel.padEnd(8, '　')} ${account.username.padEnd(11)} 密码 ${account.password.padEnd(17)} ${account.displayName}`,
    );
    write(`  ${''.padEnd(8, '　')} ${account.tryFirst}`);
  }
  if (demo.sample) {
    write(`  群众「进度查询」试用：受理编号 ${demo.sample.trackingNo}，查询码 ${demo.sample.queryCode}（待评价）`);
  }
}
