import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAdmins, createTestOrgs, createTestUser, type TestAdmins, type TestUser } from '../../../test/factories';
import { client, startTestApp, type Client, type TestEnv } from '../../../test/harness';
import { MAX_ADMIN_WORDS } from '../../text';

let env: TestEnv;
let admins: TestAdmins;
let dispatcher: TestUser;

beforeAll(async () => {
  env = await startTestApp();
  const orgs = await createTestOrgs(env.ctx);
  admins = await createTestAdmins(env.ctx, env.app, orgs.committee.id);
  dispatcher = await createTestUser(env.ctx, env.app, { orgId: orgs.committee.id, role: 'dispatcher', scope: 'subtree' });
});
afterAll(() => env.close());

const segmented = async (as: Client, text: string) => {
  const response = await as.post('/api/admin/text/segment', { text });
  expect(response.statusCode).toBe(200);
  return response.json().words as { word: string; source: string }[];
};
const wordsOf = async (as: Client, text: string) => (await segmented(as, text)).map(({ word }) => word);

describe('the domain dictionary (system admin)', () => {
  it('answers 401 without a session and 403 to business roles and the other admins', async () => {
    const anonymous = client(env.app);
    expect((await anonymous.get('/api/admin/text/dictionary')).statusCode).toBe(401);
    expect((await anonymous.put('/api/admin/text/dictionary', { words: [] })).statusCode).toBe(401);
    expect((await anonymous.post('/api/admin/text/segment', { text: '连心驿站' })).statusCode).toBe(401);
    for (const someone of [dispatcher, admins.secadmin, admins.auditadmin]) {
      expect((await someone.client.get('/api/admin/text/dictionary')).statusCode).toBe(403);
      expect((await someone.client.put('/api/admin/text/dictionary', { words: ['连心驿站'] })).statusCode).toBe(403);
      expect((await someone.client.post('/api/admin/text/segment', { text: '连心驿站' })).statusCode).toBe(403);
    }
  });

  it('refuses a word with spaces or punctuation, too short or too long, naming it, and more words than allowed', async () => {
    for (const [index, bad] of ['连心 驿站', '驿站！', '站', '很'.repeat(21)].entries()) {
      const response = await admins.sysadmin.client.put('/api/admin/text/dictionary', { words: [...Array(index).fill('连心驿站'), bad] });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: `body.words.${index}` });
    }
    const tooMany = Array.from({ length: MAX_ADMIN_WORDS + 1 }, (_, index) => `词语${index}`);
    expect((await admins.sysadmin.client.put('/api/admin/text/dictionary', { words: tooMany })).statusCode).toBe(400);
    expect((await admins.sysadmin.client.post('/api/admin/text/segment', { text: ' ' })).statusCode).toBe(400);
  });

  it('keeps a new word whole from the moment it is saved, tidies the list and audits what changed', async () => {
    const sentence = '小区门口的连心驿站需要维修';
    expect(await wordsOf(admins.sysadmin.client, sentence)).toEqual(expect.arrayContaining(['连心', '驿站']));

    const saved = await admins.sysadmin.client.put('/api/admin/text/dictionary', {
      words: ['連心驛站', '连心驿站', 'ＯＡ系统', '党建', 'oa系统'],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().words).toEqual(['連心驛站', 'OA系统']);
    expect(saved.json().builtInWords).toContain('党建');
    expect((await admins.sysadmin.client.get('/api/admin/text/dictionary')).json().words).toEqual(['連心驛站', 'OA系统']);

    expect(await segmented(admins.sysadmin.client, sentence)).toContainEqual({ word: '连心驿站', source: 'admin' });
    expect(await segmented(admins.sysadmin.client, '登录OA系统开展党建')).toEqual(
      expect.arrayContaining([
        { word: 'oa系统', source: 'admin' },
        { word: '党建', source: 'builtIn' },
      ]),
    );

    await admins.sysadmin.client.put('/api/admin/text/dictionary', { words: ['OA系统', '红色物业联盟'] });
    const changes = await env.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('event_type', '=', 'config.change')
      .where('target_id', '=', 'text.dictionary')
      .orderBy('seq')
      .execute();
    expect(changes.map((change) => JSON.parse(change.detail!))).toEqual([
      { added: ['連心驛站', 'OA系统'], removed: [] },
      { added: ['红色物业联盟'], removed: ['連心驛站'] },
    ]);
    expect(await wordsOf(admins.sysadmin.client, sentence)).toEqual(expect.arrayContaining(['连心', '驿站']));
  });

  it('reaches another instance on the same database within its check interval', async () => {
    const other = await env.startAnotherInstance();
    try {
      const sysadminThere = client(other.app, admins.sysadmin.client.cookie);
      const sentence = '请把暖心食堂开到周末';
      expect(await wordsOf(sysadminThere, sentence)).not.toContain('暖心食堂');

      await admins.sysadmin.client.put('/api/admin/text/dictionary', { words: ['暖心食堂'] });
      expect(await wordsOf(admins.sysadmin.client, sentence)).toContain('暖心食堂');
      // Until the other instance looks again, it segments with what it read before.
      expect(await wordsOf(sysadminThere, sentence)).not.toContain('暖心食堂');

      other.clock.advanceMinutes(1);
      expect(await wordsOf(sysadminThere, sentence)).toContain('暖心食堂');
    } finally {
      await other.close();
    }
  });
});
