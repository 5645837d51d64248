import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApp, type TestEnv } from '../../test/harness';
import { verifyAuditChain } from '../core/audit';
import { APPEAL_STATES } from '../modules/appeals/stateMachine';
import { PRINTED_ACCOUNTS } from './accounts';
import { UNITS, UNIT_KEYS } from './catalogue';
import { isDemoLoaded, seedDemo, type DemoResult } from './index';
import { sentencesOf } from './text/ledger';

let env: TestEnv;
let demo: DemoResult;

beforeAll(async () => {
  env = await startTestApp();
  demo = await seedDemo(env.ctx);
}, 600_000);
afterAll(async () => {
  await env.close();
});

const login = async (username: string) => {
  const account = PRINTED_ACCOUNTS.find((spec) => spec.username === username)!;
  const response = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: account.password } });
  expect(response.statusCode, response.body).toBe(200);
  return client(env.app, String(response.headers['set-cookie']).split(';')[0]);
};

describe('demo data', () => {
  it('plays about 2,000 appeals through the workflow without a refused step', async () => {
    expect(demo.appeals).toBe(2_000);
    expect(demo.run.refused).toEqual([]);
    expect(await isDemoLoaded(env.ctx)).toBe(true);
    const first = await env.ctx.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.min('received_at').as('first'))
      .executeTakeFirstOrThrow();
    const days = (env.clock.now().getTime() - new Date(String(first.first)).getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(85);
    expect(days).toBeLessThanOrEqual(90);
  });

  it('leaves appeals in every state of the workflow', async () => {
    const rows = await env.ctx.db
      .selectFrom('appeals')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const counts = Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
    for (const state of APPEAL_STATES) {
      expect(counts[state] ?? 0, state).toBeGreaterThan(0);
    }
    expect(counts.closed).toBeGreaterThan(1_400);
  });

  it("never repeats a sentence across appeals and the units' replies", async () => {
    // A refusal's reply is the standard reason with a short note, worded alike on purpose.
    const rows = await env.ctx.db.selectFrom('appeals').select(['content', 'reply_text']).where('state', '<>', 'rejected').execute();
    const seen = new Map<string, number>();
    for (const row of rows) {
      for (const sentence of [...sentencesOf(row.content), ...sentencesOf(row.reply_text ?? '')]) {
        seen.set(sentence, (seen.get(sentence) ?? 0) + 1);
      }
    }
    expect([...seen].filter(([, count]) => count > 1).map(([sentence]) => sentence)).toEqual([]);
  });

  it('keeps the audit chain intact and the contact details encrypted', async () => {
    const verdict = await verifyAuditChain(env.ctx.db, env.ctx.crypto.auditKey);
    expect(verdict.ok).toBe(true);
    expect(verdict.checked).toBeGreaterThanOrEqual(demo.appeals);
    const phones = await env.ctx.db
      .selectFrom('appeals')
      .select('contact_phone_enc')
      .where('contact_phone_enc', 'is not', null)
      .limit(50)
      .execute();
    for (const { contact_phone_enc } of phones) {
      expect(contact_phone_enc).not.toMatch(/1\d{10}/);
    }
  });

  it('gives every printed account a working login, and the leader a ranking of all eight units', async () => {
    for (const account of PRINTED_ACCOUNTS) {
      await login(account.username);
    }
    const leader = await login('leader');
    const response = await leader.get('/api/dashboard/appeals?month=2026-02');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as { units: { unitName: string; dispatched: number; rank: number | null }[] };
    const names: string[] = UNIT_KEYS.map((key) => UNITS[key].name);
    expect(report.units.filter((unit) => names.includes(unit.unitName) && unit.dispatched > 0)).toHaveLength(8);
    // What the leader's printed hint promises: 信息中心 works fastest, 后勤保障部 trails.
    const ranking = [...report.units].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99)).map((unit) => unit.unitName);
    expect(ranking[0]).toBe('信息中心');
    expect(ranking.at(-1)).toBe('后勤保障部');
  });

  it('prints a tracking number and query code the citizen can look up and rate', async () => {
    expect(demo.sample).not.toBeNull();
    const response = await env.app.inject({ method: 'POST', url: '/api/public/appeals/lookup', payload: demo.sample! });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ state: 'callback', canRate: true });
  });

  it('has learned its dispatches, so the dispatcher gets a triage suggestion for an appeal waiting to be dispatched', async () => {
    const dispatched = await env.ctx.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const waiting = await env.ctx.db.selectFrom('appeals').select('id').where('state', '=', 'received').executeTakeFirstOrThrow();
    const response = await (await login('dispatcher')).get(`/api/appeals/${waiting.id}/triage`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().learnedAppeals).toBe(Number(dispatched.n));
    expect(response.json().unit).toMatchObject({ name: expect.any(String), confidence: expect.any(Number) });
  });

  it('shows the 舆情 dashboard a surge of appeals about a broken lift, with its alert', async () => {
    const leader = await login('leader');
    const overview = (await leader.get('/api/opinion/overview')).json();
    const lift = overview.alerts.find((alert: { term: string; relatedTerms: string[] }) =>
      [alert.term, ...alert.relatedTerms].includes('电梯'),
    );
    expect(lift).toMatchObject({ state: 'open' });
    expect(lift.observed).toBeGreaterThanOrEqual(5);
    expect(overview.topics.slice(0, 3).flatMap((topic: { terms: string[] }) => topic.terms)).toContain('电梯');
    expect(overview.cloud.length).toBeGreaterThan(30);
  });

  it('has a hearing open for registration with a speaker chosen, and a concluded one with minutes and outcome', async () => {
    const member = await login('member');
    const [open] = (await member.get('/api/consult/hearings/board')).json().items;
    const detail = (await member.get(`/api/consult/hearings/${open.id}`)).json();
    expect(detail).toMatchObject({ registrationOpen: true, registeredCount: 5, speakerCount: 1 });
    expect(detail.myRegistration).toMatchObject({ status: 'registered', speaker: true });
    const [held] = (await member.get('/api/consult/hearings/board?scope=concluded')).json().items;
    expect((await member.get(`/api/consult/hearings/${held.id}`)).json()).toMatchObject({
      state: 'concluded',
      minutes: expect.stringContaining('到会住户'),
      outcome: expect.stringContaining('同意'),
      checkedInCount: 3,
    });
  });

  it('has a closed survey with a few hundred answers and published results, and an open one', async () => {
    const board = (await client(env.app).get('/api/public/survey-results')).json().items;
    expect(board).toHaveLength(1);
    expect(board[0].answerCount).toBeGreaterThanOrEqual(300);
    const organizer = await login('organizer');
    const list = (await organizer.get('/api/consult/surveys')).json().items;
    expect(list.map((survey: { state: string }) => survey.state).sort()).toEqual(['closed', 'published']);
    const texts = (await organizer.get(`/api/consult/surveys/${board[0].id}/texts?question=suggestions`)).json();
    expect(new Set(texts.items.map((item: { text: string }) => item.text)).size).toBeGreaterThan(5);
  });

  it('has an election in its voting phase the demo member may still vote in, and last year’s finished appraisal', async () => {
    const member = await login('member');
    const [election] = (await member.get('/api/consult/elections')).json().items;
    const detail = (await member.get(`/api/consult/elections/${election.id}`)).json();
    expect(detail).toMatchObject({ state: 'voting', myVote: 'eligible' });
    expect(detail.candidates).toHaveLength(3);
    const organizer = await login('organizer');
    expect((await organizer.get(`/api/consult/elections/${election.id}`)).json().turnout.voted).toBe(5);
    const [appraisal] = (await organizer.get('/api/consult/appraisals')).json().items;
    expect(appraisal).toMatchObject({ state: 'final', year: env.clock.now().getUTCFullYear() - 1 });
    const tally = (await organizer.get(`/api/consult/appraisals/${appraisal.id}/tally`)).json();
    expect(tally).toMatchObject({ raters: 8, eligible: 8, excellentLimit: 2 });
  });
});
