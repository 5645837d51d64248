import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, type AppealsDesk } from '../../../test/factories';
import { client, startTestApp, type TestEnv } from '../../../test/harness';
import { submitAppeal } from './commands/submitAppeal';
import { sql } from 'kysely';
import { countSearchMatches, dialectOf, RECENT_SEARCH_DOCUMENTS, refreshPlannerStatistics, searchMatches } from '../../db/dialect';
import { loadActor } from '../../core/actor';
import * as smallerRecentSearchIndex from '../../db/migrations/0017_smaller_recent_search_index';
import { withBigrams } from '../../core/search';
import { listBoard, searchAppeals } from './searchRepository';
import { loadAppealSettings } from './settings';
import { AppealSearchQuery, SubmitAppealBody } from './schemas';

let env: TestEnv;
let desk: AppealsDesk;

beforeAll(async () => {
  env = await startTestApp();
  desk = await createAppealsDesk(env.ctx, env.app);
});
afterAll(() => env.close());

/** Files an appeal through the command (no anonymous limit) and lets the search index catch up. */
async function fileWithCodes(content: string, overrides: Record<string, unknown> = {}) {
  const body = SubmitAppealBody.parse(appealBody(desk, { content, ...overrides }));
  const { appealId, result } = await submitAppeal(env.ctx, body, { actor: null, meta: { ip: null, requestId: null }, channel: 'h5' });
  await env.ctx.events.drain();
  return { id: appealId!, ...result };
}
const file = async (content: string, overrides: Record<string, unknown> = {}) => (await fileWithCodes(content, overrides)).id;

async function act(id: string, action: string, body: Record<string, unknown>, as = desk.dispatcher) {
  const { version } = (await as.client.get(`/api/appeals/${id}`)).json();
  const response = await as.client.post(`/api/appeals/${id}/${action}`, { version, ...body });
  expect(response.statusCode).toBe(200);
  await env.ctx.events.drain();
}

type Hit = { id: string; snippet: { text: string; hit: boolean }[] };
const search = async (query: string, as = desk.dispatcher) => {
  const response = await as.client.get(`/api/appeals/search?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as { items: Hit[]; total: number; words: string[] };
};
const idsOf = async (query: string, as = desk.dispatcher) => (await search(query, as)).items.map((item) => item.id);
const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('GET /api/appeals/search', () => {
  let streetLight: string;
  let heating: string;
  let traditional: string;

  beforeAll(async () => {
    streetLight = await file('光明小区北门的路灯坏了半个月，夜里老人出门很危险。');
    heating = await file('锦绣家园三号楼暖气不热，室温只有十二度。', { address: '锦绣家园 3 号楼' });
    traditional = await file('社區垃圾清運不及時，氣味很大，影響居民生活。');
    await act(heating, 'dispatch', { unitId: desk.orgs.unitA.id });
  });

  it('answers 401 without a session and 400 without a query', async () => {
    expect((await client(env.app).get(`/api/appeals/search?${q('路灯')}`)).statusCode).toBe(401);
    const empty = await desk.dispatcher.client.get('/api/appeals/search?q=');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.q' });
  });

  it('finds an appeal by the words of its content and address, with the hit marked in a snippet', async () => {
    const result = await search(q('路灯'));
    expect(result.items.map((item) => item.id)).toEqual([streetLight]);
    expect(result.items[0].snippet.filter((part) => part.hit).map((part) => part.text)).toEqual(['路灯']);
    expect(result.items[0].snippet.map((part) => part.text).join('')).toContain('光明小区北门的路灯坏了');
    expect(await idsOf(q('锦绣家园 暖气'))).toEqual([heating]);
  });

  it('finds Simplified text with a Traditional query and Traditional text with a Simplified one', async () => {
    expect(await idsOf(q('路燈'))).toEqual([streetLight]);
    const result = await search(q('垃圾清运'));
    expect(result.items.map((item) => item.id)).toEqual([traditional]);
    // Shown as the citizen wrote it.
    expect(result.items[0].snippet.map((part) => part.text).join('')).toContain('社區垃圾清運');
  });

  it('needs every word of the query, and combines the text with the filters', async () => {
    expect(await idsOf(q('路灯 暖气'))).toEqual([]);
    expect(await idsOf(`${q('暖气')}&state=dispatched`)).toEqual([heating]);
    expect(await idsOf(`${q('暖气')}&state=received`)).toEqual([]);
    expect(await idsOf(`${q('暖气')}&unitId=${desk.orgs.unitB.id}`)).toEqual([]);
  });

  it('keeps to the viewer scope: a unit sees hits among its own appeals only', async () => {
    expect(await idsOf(q('暖气'), desk.handlerA)).toEqual([heating]);
    expect(await idsOf(q('暖气'), desk.handlerB)).toEqual([]);
    expect(await idsOf(q('路灯'), desk.handlerA)).toEqual([]);
  });

  it('puts the appeal most about the words first, and pages through the hits', async () => {
    const passing = await file('顺便提一句，楼下的井盖松动了。另外我们小区环境总体还不错，物业服务也比较及时。');
    const focused = await file('井盖松动，井盖响声很大，井盖随时可能塌陷。');
    expect((await idsOf(q('井盖'))).slice(0, 2)).toEqual([focused, passing]);
    const first = await search(`${q('井盖')}&pageSize=1&page=1`);
    const second = await search(`${q('井盖')}&pageSize=1&page=2`);
    expect(first.total).toBe(2);
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual([focused, passing]);
  });

  it('indexes the reply once the unit has written it', async () => {
    const id = await file('东风小区二期的自来水发黄。');
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    await act(id, 'sign', {}, desk.handlerA);
    expect(await idsOf(q('管网冲洗'))).toEqual([]);
    await act(id, 'reply', { text: '已安排对小区供水管网冲洗，水质已恢复。' }, desk.handlerA);
    expect(await idsOf(q('管网冲洗'))).toEqual([id]);
  });
});

describe('ranking the newest matches first', () => {
  const words = [withBigrams('窨井')];
  const noFilters = AppealSearchQuery.omit({ q: true }).parse({});
  let ids: string[];

  beforeAll(async () => {
    ids = [];
    for (const place of ['一号', '二号', '三号', '四号']) {
      ids.push(await file(`${place}门岗旁的窨井盖丢了。`));
    }
    // The oldest is with unit A; a search for unit A's appeals finds it only beyond the newest two.
    await act(ids[0], 'dispatch', { unitId: desk.orgs.unitA.id });
  });

  it.each(['all', 'recent'] as const)('counts matches up to a limit, and ranks only the newest when asked (%s index)', async (index) => {
    expect(await countSearchMatches(env.ctx.db, words, 2, index)).toBe(2);
    expect(await countSearchMatches(env.ctx.db, words, 100, index)).toBe(4);
    const newest = await env.ctx.db
      .selectFrom(searchMatches(env.ctx.db, 'appeal', words, 'all', { newest: 2, index }).as('m'))
      .select('m.source_id')
      .execute();
    expect(newest.map((row) => row.source_id).sort()).toEqual([ids[2], ids[3]].sort());
  });

  it('widens the window until the filters leave enough for the page, and says when the total is a lower bound', async () => {
    const settings = await loadAppealSettings(env.ctx.db);
    const now = env.clock.now();
    const actor = await loadActor(env.ctx.db, desk.dispatcher.user, 'search-test');
    const search = (query: object, windows: (number | undefined)[]) =>
      searchAppeals(env.ctx.db, actor, words, { ...noFilters, ...query }, now, settings, windows);
    const page = await search({ pageSize: 1 }, [2, undefined]);
    expect(page).toMatchObject({ total: 2, totalIsExact: false });
    expect([ids[2], ids[3]]).toContain(page.rows[0].id);
    const all = await search({}, [2, undefined]);
    expect(all).toMatchObject({ total: 4, totalIsExact: true });
    const unitA = await search({ unitId: desk.orgs.unitA.id }, [2, undefined]);
    expect(unitA.rows.map((row) => row.id)).toEqual([ids[0]]);
    expect(unitA.totalIsExact).toBe(true);
  });

  it('still counts the hits in a window when the page holds none of them', async () => {
    const settings = await loadAppealSettings(env.ctx.db);
    const actor = await loadActor(env.ctx.db, desk.dispatcher.user, 'search-test');
    const search = (query: object) =>
      searchAppeals(env.ctx.db, actor, words, { ...noFilters, ...query }, env.clock.now(), settings, [10, undefined]);
    // The window of 10 holds all four matches, so every match was ranked and the total is exact.
    expect(await search({ pageSize: 3, page: 2 })).toMatchObject({ total: 4, totalIsExact: true });
    expect((await search({ pageSize: 3, page: 2 })).rows).toHaveLength(1);
    expect(await search({ pageSize: 3, page: 3 })).toEqual({ rows: [], total: 4, totalIsExact: true });
    expect(await search({ unitId: desk.orgs.unitB.id })).toEqual({ rows: [], total: 0, totalIsExact: true });
  });
});

describe('GET /api/appeals?q=', () => {
  it('filters the inbox by tracking number, content or address, as its search box says', async () => {
    const { id, trackingNo } = await fileWithCodes('和平里小区3号楼的化粪池满溢。', { address: '和平里小区3号楼' });
    const listed = async (text: string) =>
      ((await desk.dispatcher.client.get(`/api/appeals?${q(text)}`)).json() as { items: { id: string }[] }).items.map((item) => item.id);
    expect(await listed(trackingNo)).toEqual([id]);
    expect(await listed('化粪池')).toEqual([id]);
    expect(await listed('和平里小区3号楼')).toEqual([id]);
  });
});

describe('GET /api/public/board?q=', () => {
  it('searches only what may be shown in public: closed, replied and allowed by the citizen', async () => {
    const shown = await fileWithCodes('人民公园南门的健身器材损坏。');
    const hidden = await fileWithCodes('人民公园南门的长椅损坏。', { publicable: false });
    await file('人民公园北门的围栏倒了。');
    for (const appeal of [shown, hidden]) {
      await act(appeal.id, 'dispatch', { unitId: desk.orgs.unitA.id });
      await act(appeal.id, 'sign', {}, desk.handlerA);
      await act(appeal.id, 'reply', { text: '已经修好，欢迎监督。' }, desk.handlerA);
      const rated = await client(env.app).post('/api/public/appeals/rate', {
        trackingNo: appeal.trackingNo,
        queryCode: appeal.queryCode,
        satisfaction: 'satisfied',
        resolved: true,
      });
      expect(rated.json().state).toBe('closed');
    }
    await env.ctx.events.drain();
    const board = async (text: string) =>
      ((await client(env.app).get(`/api/public/board?${q(text)}`)).json() as { items: { trackingNo: string }[] }).items.map(
        (item) => item.trackingNo,
      );
    expect(await board('人民公园')).toEqual([shown.trackingNo]);
    expect(await board('欢迎监督')).toEqual([shown.trackingNo]);
    expect(await board('长椅')).toEqual([]);
    expect(await board('围栏')).toEqual([]);
    const searched = (await client(env.app).get(`/api/public/board?${q('人民公园')}`)).json();
    expect(searched).toMatchObject({ total: 1, totalIsExact: true });
    // Among only the newest match of the index (北门's 围栏, not on the board), the board widens to find 南门's.
    const widened = await listBoard(env.ctx.db, 1, 10, { words: [withBigrams('人民公园')] }, [1, undefined]);
    expect(widened.rows.map((row) => row.tracking_no)).toEqual([shown.trackingNo]);
    expect(widened.totalIsExact).toBe(true);
  });
});

describe('the recent index', () => {
  const words = [withBigrams('旧档案')];
  /** A document of its own source type with the given id, as the indexer would have numbered it that many documents later. */
  const documentWithId = (id: number, terms: string) =>
    dialectOf(env.ctx.db) === 'postgres'
      ? sql`insert into search_documents (id, source_type, source_id, terms, indexed_at) overriding system value
          values (${id}, 'test', ${String(id)}, ${terms}, '2026-03-02T02:00:00.000Z')`.execute(env.ctx.db)
      : sql`insert into search_documents (id, source_type, source_id, terms, indexed_at)
          values (${id}, 'test', ${String(id)}, ${terms}, '2026-03-02T02:00:00.000Z')`.execute(env.ctx.db);
  const counts = async () => [await countSearchMatches(env.ctx.db, words, 10), await countSearchMatches(env.ctx.db, words, 10, 'recent')];
  /** The id the indexer would give the next document. */
  const nextDocumentId = async () => {
    const { id } = await env.ctx.db
      .selectFrom('search_documents')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    return Number(id) + 1;
  };

  it(`holds the newest ${RECENT_SEARCH_DOCUMENTS.toLocaleString('en')} documents, follows their changes, and forgets the one that falls out`, async () => {
    const old = await nextDocumentId();
    await documentWithId(old, '旧档案 旧 档案');
    expect(await counts()).toEqual([1, 1]);
    await documentWithId(old + RECENT_SEARCH_DOCUMENTS - 1, '新闻 稿');
    expect(await counts()).toEqual([1, 1]);

    await documentWithId(old + RECENT_SEARCH_DOCUMENTS, '旧档案 旧 档案 新');
    expect(await counts()).toEqual([2, 1]);
    // A change to a document that fell out stays out of the recent index; one still in it is followed.
    await env.ctx.db.updateTable('search_documents').set({ terms: '旧档案 改 了' }).where('id', '=', old).execute();
    await env.ctx.db
      .updateTable('search_documents')
      .set({ terms: '新闻 稿 旧档案' })
      .where('id', '=', old + RECENT_SEARCH_DOCUMENTS - 1)
      .execute();
    expect(await counts()).toEqual([3, 2]);
    await env.ctx.db.deleteFrom('search_documents').where('source_type', '=', 'test').execute();
    expect(await counts()).toEqual([0, 0]);
  });

  it('is built again from the newest documents when its size changes (migration 0017)', async () => {
    const older = await nextDocumentId();
    await documentWithId(older, '旧档案 迁移');
    // Past the size from the older one, though not by exactly that many: the older stays, as after a smaller size.
    await documentWithId(older + RECENT_SEARCH_DOCUMENTS + 5, '旧档案 迁移 新');
    expect(await counts()).toEqual([2, 2]);
    await smallerRecentSearchIndex.up(env.ctx.db);
    expect(await counts()).toEqual([2, 1]);
    await env.ctx.db.deleteFrom('search_documents').where('source_type', '=', 'test').execute();
    expect(await counts()).toEqual([0, 0]);
  });

  it('finds a match that has fallen out of the recent index in the whole one', async () => {
    const id = await file('档案馆的屋顶漏雨，资料受潮。');
    const settings = await loadAppealSettings(env.ctx.db);
    const actor = await loadActor(env.ctx.db, desk.dispatcher.user, 'search-test');
    const search = () =>
      searchAppeals(env.ctx.db, actor, [withBigrams('档案馆')], AppealSearchQuery.omit({ q: true }).parse({}), env.clock.now(), settings, [
        10,
        undefined,
      ]);
    const found = { total: 1, totalIsExact: true };
    expect(await search()).toMatchObject(found);
    const { documentId } = await env.ctx.db
      .selectFrom('search_documents')
      .select('id as documentId')
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    await documentWithId(Number(documentId) + RECENT_SEARCH_DOCUMENTS, '新闻 稿');
    expect(await countSearchMatches(env.ctx.db, [withBigrams('档案馆')], 10, 'recent')).toBe(0);
    const searched = await search();
    expect(searched).toMatchObject(found);
    expect(searched.rows.map((row) => row.id)).toEqual([id]);
    await env.ctx.db.deleteFrom('search_documents').where('source_type', '=', 'test').execute();
  });
});

describe.skipIf(process.env.TEST_DB === 'postgres').each(['search_fts_data', 'search_recent_fts_data'])(
  'SQLite planner statistics of %s',
  (table) => {
    const dataRows = async () =>
      (await sql<{ stat: string }>`select stat from sqlite_stat1 where tbl = ${table} and idx is null`.execute(env.ctx.db)).rows.map(
        (row) => Number(row.stat),
      );

    it('finds the index consistent with search_documents after the changes above (FTS5 integrity-check)', async () => {
      const index = sql.table(table.replace(/_data$/, ''));
      // Rank 1: also against every row of the content table, which catches a 'delete' of terms the index
      // does not hold; the recent index holds only some of the rows, so it is checked on its own.
      const againstContent = table === 'search_fts_data' ? 1 : 0;
      await expect(
        sql`insert into ${index} (${index}, rank) values ('integrity-check', ${againstContent})`.execute(env.ctx.db),
      ).resolves.toBeDefined();
    });

    it('never counts the FTS5 data table as nearly empty, which plans every merge clean-up as a scan of the index', async () => {
      // As migrated, and as PRAGMA optimize leaves it (on every open of a connection, and the hourly job).
      expect((await dataRows())[0]).toBeGreaterThanOrEqual(10);
      await sql`pragma optimize = 0x10002`.execute(env.ctx.db);
      expect((await dataRows())[0]).toBeGreaterThanOrEqual(10);
      // Counted while the index was empty (an ANALYZE of its own), then set right by the hourly job.
      await sql`analyze ${sql.table(table)}`.execute(env.ctx.db);
      await sql`update sqlite_stat1 set stat = '2' where tbl = ${table} and idx is null`.execute(env.ctx.db);
      await refreshPlannerStatistics(env.ctx.db);
      const [rows, ...others] = await dataRows();
      expect(others).toEqual([]);
      expect(rows).toBeGreaterThanOrEqual(16);
    });
  },
);
