import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, createTestUser, type AppealsDesk, type TestUser } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { SEARCH_REINDEX_KEY } from './reindex';
import { backfillAppealSearch } from './search';

let env: TestEnv;
let desk: AppealsDesk;
let sysadmin: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  desk = await createAppealsDesk(env.ctx, env.app);
  sysadmin = await createTestUser(env.ctx, env.app, { orgId: desk.orgs.committee.id, adminRole: 'sysadmin' });
});
afterAll(() => env.close());

const indexedTerms = async (trackingNo: string) => {
  const row = await env.ctx.db
    .selectFrom('appeals')
    .innerJoin('search_documents', (join) =>
      join.onRef('search_documents.source_id', '=', 'appeals.id').on('search_documents.source_type', '=', 'appeal'),
    )
    .select('search_documents.terms')
    .where('appeals.tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();
  return row.terms.split(' ');
};

describe('re-indexing the appeals after the dictionary changed', () => {
  it('is for the system admin only', async () => {
    expect((await client(env.app).post('/api/admin/appeals/search/reindex')).statusCode).toBe(401);
    expect((await desk.dispatcher.client.post('/api/admin/appeals/search/reindex')).statusCode).toBe(403);
  });

  it('indexes appeals filed before a new word with it, in the backfill job, then stops', async () => {
    const filed = await client(env.app).post(
      '/api/public/appeals',
      appealBody(desk, { content: '小区门口的连心驿站大门坏了，请尽快修理。' }),
    );
    await env.ctx.events.drain();
    const { trackingNo } = filed.json();
    expect(await indexedTerms(trackingNo)).not.toContain('连心驿站');

    await sysadmin.client.put('/api/admin/text/dictionary', { words: ['连心驿站'] });
    env.clock.advanceMinutes(1);
    const requested = await sysadmin.client.post('/api/admin/appeals/search/reindex');
    expect(requested.statusCode).toBe(200);
    expect(requested.json().requestedAt).toBe(env.clock.now().toISOString());

    env.clock.advanceMinutes(1);
    expect(await backfillAppealSearch(env.ctx)).toBeGreaterThanOrEqual(1);
    expect(await indexedTerms(trackingNo)).toContain('连心驿站');
    const pending = await env.ctx.db.selectFrom('settings').select('key').where('key', '=', SEARCH_REINDEX_KEY).execute();
    expect(pending).toEqual([]);
    expect(await backfillAppealSearch(env.ctx)).toBe(0);
  });
});
