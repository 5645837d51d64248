import { createHmac } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import { compiledOnce } from '../db/database';
import { dialectOf, insertChunks } from '../db/dialect';
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

const AUDIT_COLUMNS = [
  'seq',
  'ts',
  'actor_id',
  'actor_role',
  'event_type',
  'outcome',
  'target_type',
  'target_id',
  'src_ip',
  'request_id',
  'reason',
  'detail',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof AuditRow)[];

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

function chainedFields(seq: number, prevHash: string, ts: string, entry: AuditEntry): ChainedFields {
  return {
    seq,
    ts,
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
    prev_hash: prevHash,
  };
}

interface TimedEntry {
  ts: string;
  entry: AuditEntry;
}

async function append(trx: Kysely<Database>, key: Buffer, entries: TimedEntry[]): Promise<void> {
  if (entries.length === 0) {
    return;
  }
  // Advancing the head locks it (a row lock on PostgreSQL, the write lock on SQLite) until commit,
  // so appends from several app instances form one unbroken chain.
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', entries.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let prevHash = head.hash;
  let seq = head.seq - entries.length;
  const rows = entries.map(({ ts, entry }) => {
    seq += 1;
    const fields = chainedFields(seq, prevHash, ts, entry);
    prevHash = chainHash(key, fields);
    return { ...fields, hash: prevHash };
  });
  if (dialectOf(trx) === 'postgres') {
    // All the rows and the new head in one statement, whatever their number: one round trip while
    // the head is locked (the rows travel as one JSON parameter, so the statement text never changes).
    const text = compiledOnce(
      trx,
      'audit.append',
      () => `with appended as (insert into "audit_log" (${AUDIT_COLUMNS.map((column) => `"${column}"`).join(', ')})
        select ${AUDIT_COLUMNS.map((column) => `"${column}"`).join(', ')} from json_populate_recordset(null::"audit_log", $1::json))
        update "audit_head" set "hash" = $2 where "id" = $3`,
    );
    await trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows), prevHash, 1]));
    return;
  }
  const chunks = insertChunks(rows);
  const last = chunks.pop()!;
  for (const chunk of chunks) {
    await trx.insertInto('audit_log').values(chunk).execute();
  }
  await trx.insertInto('audit_log').values(last).execute();
  await trx.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
}

/**
 * Audit entries of a shared transaction (see GroupCommit), appended together just before it commits:
 * one head update for the whole batch, and the chain head is locked only for the last statements.
 */
export class DeferredAudit {
  private readonly entries: TimedEntry[] = [];

  constructor(private readonly key: Buffer) {}

  add(ts: string, entry: AuditEntry): void {
    this.entries.push({ ts, entry });
  }

  /** A position to go back to when the work that follows is rolled back to its savepoint. */
  mark(): number {
    return this.entries.length;
  }

  rollbackTo(mark: number): void {
    this.entries.length = mark;
  }

  flush(trx: Kysely<Database>): Promise<void> {
    return append(trx, this.key, this.entries.splice(0));
  }
}

const deferredIn = new WeakMap<Kysely<Database>, DeferredAudit>();

/** From now on, audit entries written in `trx` wait in the returned buffer until it is flushed. */
export function deferAudit(trx: Kysely<Database>, key: Buffer): DeferredAudit {
  const deferred = new DeferredAudit(key);
  deferredIn.set(trx, deferred);
  return deferred;
}

/**
 * Appends to the audit log. Inside a transaction the entry commits or rolls back with the action,
 * and a failed audit write fails the action (AU-04: fail closed).
 */
export async function writeAudit(db: Kysely<Database>, key: Buffer, clock: Clock, entry: AuditEntry): Promise<void> {
  const ts = clock.now().toISOString();
  const deferred = deferredIn.get(db);
  if (deferred) {
    deferred.add(ts, entry);
    return;
  }
  const timed = [{ ts, entry }];
  if (db.isTransaction) {
    await append(db, key, timed);
    return;
  }
  await db.transaction().execute((trx) => append(trx, key, timed));
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
