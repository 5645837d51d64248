import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, createTestUser, type AppealsDesk, type TestUser } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { DEFAULT_DANGER_WORDS, type AppealSettings } from './settings';

let env: TestEnv;
let desk: AppealsDesk;
let sysadmin: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  desk = await createAppealsDesk(env.ctx, env.app);
  sysadmin = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.committee.id, adminRole: 'sysadmin' });
});
afterAll(() => env.close());

async function submitted(content: string) {
  const response = await client(env.app).post('/api/public/appeals', appealBody(desk, { content }));
  expect(response.statusCode).toBe(201);
  return env.ctx.db
    .selectFrom('appeals')
    .select(['id', 'urgency'])
    .where('tracking_no', '=', response.json().trackingNo)
    .executeTakeFirstOrThrow();
}

describe('danger words edited on the text settings page', () => {
  it('make the next appeal naming one 特急 and alert the leaders, and 恢复默认 takes the word back', async () => {
    const before = (await sysadmin.client.get('/api/admin/appeals/settings')).json() as AppealSettings;
    const edited = { ...before, dangerWords: [...before.dangerWords, '有毒气体'] };
    expect((await sysadmin.client.put('/api/admin/appeals/settings', edited)).statusCode).toBe(200);
    expect((await sysadmin.client.get('/api/admin/appeals/settings')).json()).toEqual(edited);

    const urgent = await submitted('二号车间附近闻到有毒气体的味道，工人头晕，请立即处理。');
    expect(urgent.urgency).toBe('emergency');
    await env.ctx.events.drain();
    const alert = await env.ctx.db
      .selectFrom('notifications')
      .select('title')
      .where('kind', '=', 'appeals.danger')
      .where('user_id', '=', desk.leader.user.id)
      .where('link', '=', `/console/appeals/${urgent.id}`)
      .executeTakeFirstOrThrow();
    expect(alert.title).toBe('紧急诉求：有毒气体');

    await sysadmin.client.put('/api/admin/appeals/settings', { ...edited, dangerWords: DEFAULT_DANGER_WORDS });
    expect((await submitted('二号车间附近又闻到有毒气体的味道，请派人检查。')).urgency).toBe('normal');
  });
});
