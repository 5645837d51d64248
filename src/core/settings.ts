import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema';
import { iso, type Clock } from './clock';

/** Reads a JSON setting, falling back to the defaults for anything not stored or no longer valid. */
export async function readSetting<T>(db: Kysely<Database>, key: string, schema: z.ZodType<T>, defaults: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) {
    return defaults;
  }
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : defaults;
}

export async function writeSetting(db: Kysely<Database>, clock: Clock, key: string, value: unknown, userId: string): Promise<void> {
  const row = { key, value: JSON.stringify(value), updated_by: userId, updated_at: iso(clock.now()) };
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_by: userId, updated_at: row.updated_at }))
    .execute();
}
