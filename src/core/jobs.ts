import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { iso } from './clock';

/**
 * Claims one run of a scheduled job for a time slot. Exactly one app instance gets true for a
 * given (job, slot), however many run the same schedule.
 */
export async function claimJobSlot(db: Kysely<Database>, job: string, slot: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('job_runs')
    .values({ job, slot, started_at: iso(now) })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Slot name for a job that runs every `seconds`: the start of the current interval. */
export const intervalSlot = (now: Date, seconds: number) =>
  new Date(Math.floor(now.getTime() / (seconds * 1000)) * seconds * 1000).toISOString();
