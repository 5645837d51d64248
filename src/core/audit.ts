import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../db/schema';
import type { Clock } from './clock';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  eventType: string;
  outcome: AuditOutcome;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

type ChainedFields = Omit<AuditRow, 'hash'>;

function chainHash(key: Buffer, row: ChainedFields): string {
  const canonical = JSON.stringify([
    row.seq,
    row.ts,
    row.actor_id,
    row.actor_role,
    row.event_type,
    row.outcome,
    row.target_type,
    row.target_id,
    row.src_ip,
    row.request_id,
    row.reason,
    row.detail,
    row.prev_hash,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

async function append(trx: Kysely<Database>, key: Buffer, clock: Clock, entry: AuditEntry): Promise<void> {
  // Bumping the head row locks it (a row lock on PostgreSQL, the write lock on SQLite), so appends
  // from several app instances form one unbroken chain.
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row: ChainedFields = {
    seq: head.seq,
    ts: clock.now().toISOString(),
    actor_id: entry.actorId ?? null,
    actor_role: entry.actorRole ?? null,
    event_type: entry.eventType,
    outcome: entry.outcome,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    src_ip: entry.ip ?? null,
    request_id: entry.requestId ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    prev_hash: head.hash,
  };
  const hash = chainHash(key, row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
}

/**
 * Appends to the audit log. Inside a transaction the entry commits or rolls back with the action,
 * and a failed audit write fails the action (AU-04: fail closed).
 */
export async function writeAudit(db: Kysely<Database>, key: Buffer, clock: Clock, entry: AuditEntry): Promise<void> {
  if (db.isTransaction) {
    await append(db, key, clock, entry);
    return;
  }
  await db.transaction().execute((trx) => append(trx, key, clock, entry));
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

export async function verifyAuditChain(db: Kysely<Database>, key: Buffer): Promise<ChainVerdict> {
  let prevHash = 'genesis';
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(1000).execute();
    if (page.length === 0) {
      break;
    }
    for (const row of page) {
      const { hash, ...fields } = row;
      if (row.prev_hash !== prevHash || chainHash(key, fields) !== hash || row.seq !== checked + 1) {
        return { ok: false, checked, brokenAt: row.seq };
      }
      prevHash = hash;
      checked += 1;
    }
    afterSeq = page[page.length - 1].seq;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.seq !== checked || head.hash !== prevHash) {
    return { ok: false, checked, brokenAt: checked + 1 };
  }
  return { ok: true, checked, brokenAt: null };
}
