import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSchema, dialectOf } from '../../../db/dialect';
import { startTestApp, type TestEnv } from '../../../../test/harness';
import { newBallotId, newReceipt, receiptHash, sealBallot, sealHolds } from './seal';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestApp();
});
afterAll(() => env.close());

async function columnsOf(table: string): Promise<string[]> {
  const schema = await currentSchema(env.ctx.db);
  const tables = await env.ctx.db.introspection.getTables();
  const found = tables.find((candidate) => candidate.name === table && (schema === undefined || candidate.schema === schema));
  return found!.columns.map((column) => column.name).sort();
}

async function foreignKeysOf(table: string): Promise<string[]> {
  if (dialectOf(env.ctx.db) === 'sqlite') {
    const { rows } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(env.ctx.db);
    return rows.map((row) => row.table);
  }
  const { rows } = await sql<{ target: string }>`select ccu.table_name as target
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${table} and tc.table_schema = current_schema()`.execute(env.ctx.db);
  return rows.map((row) => row.target);
}

describe('the ballot tables (checklist VO-01, VO-03)', () => {
  it('keep who voted and what was chosen apart, with nothing to join them and no time', async () => {
    expect(await columnsOf('ballot_voters')).toEqual(['box_id', 'status', 'user_id']);
    expect(await columnsOf('ballots')).toEqual(['ballot_id', 'box_id', 'choices', 'mac', 'receipt_hash']);
    expect(await foreignKeysOf('ballots')).toEqual([]);
  });

  it('stores ballots in the order of their random ids on SQLite (no rowid)', async () => {
    if (dialectOf(env.ctx.db) !== 'sqlite') {
      return;
    }
    const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where name = 'ballots'`.execute(env.ctx.db);
    expect(rows[0].sql.toLowerCase()).toContain('without rowid');
  });
});

describe('ballot ids, receipts and seals', () => {
  it('draws 128-bit ids with no time prefix and 16-character base32 receipts', () => {
    const ids = Array.from({ length: 200 }, newBallotId);
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
    // A time-ordered id would share its leading characters within a run; random ones spread.
    expect(new Set(ids.map((id) => id.slice(0, 2))).size).toBeGreaterThan(100);
    const receipts = Array.from({ length: 200 }, newReceipt);
    expect(receipts.every((receipt) => /^[A-Z2-7]{16}$/.test(receipt))).toBe(true);
    expect(new Set(receipts).size).toBe(200);
  });

  it('hashes a receipt however it is typed, and a seal breaks when any column changes', () => {
    const receipt = newReceipt();
    expect(receiptHash(`${receipt.slice(0, 8).toLowerCase()}-${receipt.slice(8)}`)).toBe(receiptHash(receipt));
    const key = Buffer.alloc(32, 7);
    const row = { box_id: 'box', ballot_id: newBallotId(), choices: '["a"]', receipt_hash: receiptHash(receipt) };
    const sealed = { ...row, mac: sealBallot(key, row) };
    expect(sealHolds(key, sealed)).toBe(true);
    expect(sealHolds(key, { ...sealed, choices: '["b"]' })).toBe(false);
    expect(sealHolds(key, { ...sealed, box_id: 'other' })).toBe(false);
    expect(sealHolds(Buffer.alloc(32, 8), sealed)).toBe(false);
  });
});
