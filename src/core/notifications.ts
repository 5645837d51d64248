import type { Kysely } from 'kysely';
import { affectedRows, inList, insertChunks } from '../db/dialect';
import type { Database } from '../db/schema';
import { iso, type Clock } from './clock';
import { newId } from './ids';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string;
}

export interface NotificationFor extends NotificationInput {
  userIds: Iterable<string>;
  collapseKey?: string;
  count?: number;
}

/** Stores the notifications of many recipients at once; a user named twice for one message gets it once. */
export async function notifyMany(db: Kysely<Database>, clock: Clock, notifications: NotificationFor[]): Promise<void> {
  const createdAt = iso(clock.now());
  const rows = notifications.flatMap(({ userIds, ...input }) =>
    [...new Set(userIds)].map((userId) => ({
      id: newId(),
      user_id: userId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      created_at: createdAt,
      collapse_key: input.collapseKey ?? null,
      count: input.count ?? 1,
    })),
  );
  for (const chunk of insertChunks(rows)) {
    await db.insertInto('notifications').values(chunk).execute();
  }
}

export const notifyUsers = (db: Kysely<Database>, clock: Clock, userIds: Iterable<string>, input: NotificationInput) =>
  notifyMany(db, clock, [{ ...input, userIds }]);

export interface DigestFor {
  userIds: Iterable<string>;
  kind: string;
  /** Unread digests with this key are counted up instead of repeated. */
  collapseKey: string;
  /** How many new events the digest takes in. */
  count: number;
  title: (count: number) => string;
  body: string;
  link: string;
}

/**
 * One line per person for a stream of like events: each recipient's unread digest with the key has
 * its count raised and moves to the top; who has none (or has read it) gets a new one.
 */
export async function notifyDigest(db: Kysely<Database>, clock: Clock, digest: DigestFor): Promise<void> {
  const users = [...new Set(digest.userIds)];
  if (users.length === 0) {
    return;
  }
  const unread = await db
    .selectFrom('notifications')
    .select(['id', 'user_id', 'count'])
    .where(inList(db, 'user_id', users))
    .where('collapse_key', '=', digest.collapseKey)
    .where('read_at', 'is', null)
    .execute();
  const updated = new Set<string>();
  for (const row of unread) {
    const count = row.count + digest.count;
    const result = await db
      .updateTable('notifications')
      .set({ count, title: digest.title(count), body: digest.body, link: digest.link, created_at: iso(clock.now()) })
      .where('id', '=', row.id)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (affectedRows(result) === 1) {
      updated.add(row.user_id);
    }
  }
  await notifyMany(db, clock, [
    {
      userIds: users.filter((user) => !updated.has(user)),
      kind: digest.kind,
      title: digest.title(digest.count),
      body: digest.body,
      link: digest.link,
      collapseKey: digest.collapseKey,
      count: digest.count,
    },
  ]);
}

/** Active users holding one of the roles on the organisation or above it, e.g. the handlers of a unit. */
export async function usersWithRoleAt(db: Kysely<Database>, roles: string[], orgId: string): Promise<string[]> {
  const org = await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
  if (!org) {
    return [];
  }
  const ancestors = org.path.split('/').filter(Boolean);
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.id')
    .where('users.disabled', '=', 0)
    .where('user_roles.role', 'in', roles)
    .where((eb) =>
      eb.or([
        eb('user_roles.org_id', '=', orgId),
        eb.and([eb('user_roles.org_id', 'in', ancestors), eb('user_roles.scope', '=', 'subtree')]),
        eb('user_roles.scope', '=', 'all'),
      ]),
    )
    .execute();
  return rows.map((row) => row.id);
}
