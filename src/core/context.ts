import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Actor } from './actor';
import { writeAudit, type AuditEntry } from './audit';
import type { Clock } from './clock';
import type { FieldCrypto } from './crypto';
import type { Outbox } from './events';
import type { GroupCommit } from './writes';

/** What every command and route needs; built once per app instance. */
export interface AppContext {
  db: Db;
  config: Config;
  clock: Clock;
  crypto: FieldCrypto;
  events: Outbox;
  /** Group commit for the busiest writes (submissions, workflow actions). */
  writes: GroupCommit;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

/** What a scheduled job acts with: no request, no address. */
export const SCHEDULED_JOB: RequestMeta = { ip: null, requestId: null };

/** Writes an audit entry with the actor and request filled in; `db` may be a transaction. */
export function audit(
  ctx: AppContext,
  db: Db,
  meta: RequestMeta,
  actor: Actor | null,
  entry: Omit<AuditEntry, 'actorId' | 'actorRole' | 'ip' | 'requestId'>,
): Promise<void> {
  return writeAudit(db, ctx.crypto.auditKey, ctx.clock, {
    ...entry,
    actorId: actor?.id ?? null,
    actorRole: actor?.primaryRole ?? null,
    ip: meta.ip,
    requestId: meta.requestId,
  });
}
