import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { iso, type Clock } from './clock';
import { newId } from './ids';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string;
}

export async function notifyUsers(db: Kysely<Database>, clock: Clock, userIds: Iterable<string>, input: NotificationInput): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) {
    return;
  }
  const createdAt = iso(clock.now());
  await db
    .insertInto('notifications')
    .values(
      unique.map((userId) => ({
        id: newId(),
        user_id: userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        created_at: createdAt,
      })),
    )
    .execute();
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
