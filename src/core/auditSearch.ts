import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../db/schema';

export interface AuditFilter {
  eventType?: string;
  actorId?: string;
  targetId?: string;
  /** ISO UTC instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** A page of the audit log, newest first, for the audit admin. */
export async function searchAudit(db: Kysely<Database>, filter: AuditFilter): Promise<{ total: number; rows: AuditRow[] }> {
  let query = db.selectFrom('audit_log');
  if (filter.eventType) {
    query = query.where('event_type', '=', filter.eventType);
  }
  if (filter.actorId) {
    query = query.where('actor_id', '=', filter.actorId);
  }
  if (filter.targetId) {
    query = query.where('target_id', '=', filter.targetId);
  }
  if (filter.from) {
    query = query.where('ts', '>=', filter.from);
  }
  if (filter.to) {
    query = query.where('ts', '<', filter.to);
  }
  const { total } = await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total: Number(total), rows };
}
