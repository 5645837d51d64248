import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrgs, createTestUser, type TestUser } from '../../../../test/factories';
import { startTestApp, TEST_START, type TestEnv } from '../../../../test/harness';
import { closeDueSurveys } from './schedule';

let env: TestEnv;
let organizer: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  const orgs = await createTestOrgs(env.ctx);
  organizer = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'organizer', scope: 'subtree' });
});
afterAll(() => env.close());

const definition = {
  pages: [{ name: 'p1', elements: [{ type: 'radiogroup', name: 'q1', title: '您满意吗？', choices: ['满意', '不满意'] }] }],
};
const hoursLater = (hours: number) => new Date(Date.parse(TEST_START) + hours * 3_600_000).toISOString();

async function publishedSurvey(closesAt: string | null): Promise<string> {
  const created = await organizer.client.post('/api/consult/surveys', {
    title: '社区食堂满意度调查',
    definition,
    audience: { kind: 'public' },
    anonymous: true,
    closesAt,
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id, version } = created.json();
  expect((await organizer.client.post(`/api/consult/surveys/${id}/publish`, { version })).statusCode).toBe(200);
  return id;
}

const stateOf = async (id: string) =>
  (await env.ctx.db.selectFrom('surveys').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

describe('closing surveys on their date', () => {
  it('closes a published survey once its closing time has passed, and leaves the others', async () => {
    const soon = await publishedSurvey(hoursLater(2));
    const later = await publishedSurvey(hoursLater(48));
    const open = await publishedSurvey(null);
    try {
      expect(await closeDueSurveys(env.ctx)).toEqual([]);
      env.clock.set(hoursLater(3));
      expect(await closeDueSurveys(env.ctx)).toEqual([soon]);
      expect(await closeDueSurveys(env.ctx)).toEqual([]);
      expect([await stateOf(soon), await stateOf(later), await stateOf(open)]).toEqual(['closed', 'published', 'published']);
      const closed = await env.ctx.db
        .selectFrom('audit_log')
        .select(['actor_id', 'outcome'])
        .where('event_type', '=', 'survey.close')
        .where('target_id', '=', soon)
        .execute();
      expect(closed).toEqual([{ actor_id: null, outcome: 'success' }]);
    } finally {
      env.clock.set(TEST_START);
    }
  });
});
