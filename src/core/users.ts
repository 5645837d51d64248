import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/dialect';
import type { Database, User } from '../db/schema';
import { iso, type Clock } from './clock';
import type { FieldCrypto } from './crypto';
import { conflict } from './errors';
import { newId } from './ids';
import { hashPassword } from './passwords';
import type { AdminRole, Grant } from './roles';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  orgId: string;
  adminRole?: AdminRole | null;
  phone?: string | null;
  grants?: Grant[];
  mustChangePassword?: boolean;
}

export async function createUser(db: Kysely<Database>, clock: Clock, crypto: FieldCrypto, input: NewUserInput): Promise<User> {
  const now = iso(clock.now());
  const passwordHash = await hashPassword(input.password);
  const user: User = {
    id: newId(),
    username: input.username,
    username_lower: input.username.toLowerCase(),
    display_name: input.displayName,
    password_hash: passwordHash,
    password_changed_at: now,
    must_change_password: input.mustChangePassword === false ? 0 : 1,
    failed_logins: 0,
    locked_until: null,
    disabled: 0,
    admin_role: input.adminRole ?? null,
    org_id: input.orgId,
    phone_enc: crypto.encryptOptional(input.phone),
    phone_index: input.phone ? crypto.blindIndex(input.phone) : null,
    last_login_at: null,
    created_at: now,
  };
  try {
    await db.insertInto('users').values(user).execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('USERNAME_TAKEN', '用户名已被使用');
    }
    throw error;
  }
  await db.insertInto('password_history').values({ user_id: user.id, password_hash: passwordHash, created_at: now }).execute();
  if (input.grants?.length) {
    await replaceGrants(db, user.id, input.grants);
  }
  return user;
}

export async function replaceGrants(db: Kysely<Database>, userId: string, grants: Grant[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (grants.length > 0) {
    await db
      .insertInto('user_roles')
      .values(grants.map((grant) => ({ user_id: userId, role: grant.role, org_id: grant.orgId, scope: grant.scope })))
      .execute();
  }
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username_lower', '=', username.trim().toLowerCase()).executeTakeFirst();
}

export async function getUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}
