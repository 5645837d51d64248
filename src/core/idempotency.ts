import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RowOf } from '../db/database';
import type { Database } from '../db/schema';
import { iso, type Clock } from './clock';
import type { FieldCrypto } from './crypto';

/** Retried requests carry the same Idempotency-Key; the first response is kept (encrypted) and returned again. */
export const idempotencyKeyHash = (scope: string, key: string) => createHash('sha256').update(`${scope}\n${key}`).digest('hex');

export async function storedResponse<T>(db: Kysely<Database>, crypto: FieldCrypto, keyHash: string): Promise<T | null> {
  const row = await db.selectFrom('idempotency_keys').select('response_enc').where('key_hash', '=', keyHash).executeTakeFirst();
  return row ? (JSON.parse(crypto.decrypt(row.response_enc)) as T) : null;
}

/** The stored response as a row, for insertRows: a duplicate of the key fails on the primary key like storeResponse. */
export const idempotencyRow = (crypto: FieldCrypto, clock: Clock, keyHash: string, response: unknown): RowOf<'idempotency_keys'> => ({
  table: 'idempotency_keys',
  row: { key_hash: keyHash, response_enc: crypto.encrypt(JSON.stringify(response)), created_at: iso(clock.now()) },
});

/** Stores the response in the caller's transaction; a concurrent duplicate fails on the primary key. */
export async function storeResponse(
  trx: Kysely<Database>,
  crypto: FieldCrypto,
  clock: Clock,
  keyHash: string,
  response: unknown,
): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({ key_hash: keyHash, response_enc: crypto.encrypt(JSON.stringify(response)), created_at: iso(clock.now()) })
    .execute();
}
