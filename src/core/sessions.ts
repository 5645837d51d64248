import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database, User } from '../db/schema';
import { addHours, addMinutes, iso, type Clock } from './clock';
import { newToken } from './ids';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const SESSION_COOKIE = 'lx_session';

/** Starts a server-side session; only the token's hash is stored, a fresh token at each login. */
export async function startSession(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = hashToken(token);
  const now = iso(clock.now());
  await db
    .insertInto('sessions')
    .values({ id, user_id: userId, created_at: now, last_seen_at: now, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null })
    .execute();
  return { token, id };
}

export interface LiveSession {
  id: string;
  user: User;
}

/**
 * Resolves a cookie token to a live session, ending it when it is idle too long (30 min, 15 for
 * admins), older than the absolute limit (12 h), or its account is disabled.
 */
export async function resumeSession(db: Kysely<Database>, clock: Clock, config: Config, token: string): Promise<LiveSession | null> {
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.created_at as session_created_at', 'sessions.last_seen_at'])
    .selectAll('users')
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  const now = clock.now();
  const idleMinutes = row.admin_role ? config.session.adminIdleMinutes : config.session.idleMinutes;
  const idleExpired = addMinutes(new Date(row.last_seen_at), idleMinutes) <= now;
  const absoluteExpired = addHours(new Date(row.session_created_at), config.session.absoluteHours) <= now;
  if (idleExpired || absoluteExpired || row.disabled === 1) {
    await endSession(db, id);
    return null;
  }
  // Touch at most once a minute: a write per request would cost more than the precision is worth.
  if (addMinutes(new Date(row.last_seen_at), 1) <= now) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: iso(now) })
      .where('id', '=', id)
      .execute();
  }
  const { session_created_at: _created, last_seen_at: _seen, ...user } = row;
  return { id, user };
}

export async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function endUserSessions(db: Kysely<Database>, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) {
    query = query.where('id', '!=', exceptSessionId);
  }
  await query.execute();
}
