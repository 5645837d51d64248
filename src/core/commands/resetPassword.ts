import type { User } from '../../db/schema';
import type { Actor } from '../actor';
import { iso } from '../clock';
import { audit, type AppContext, type RequestMeta } from '../context';
import { hashPassword } from '../passwords';
import { endUserSessions } from '../sessions';
import { generateTemporaryPassword } from './createAccount';

/**
 * Gives an account a new temporary password that must be changed at next login, ends its sessions,
 * and lifts a lockout (the usual reason for the call). Returns the password, shown once.
 */
export async function resetPassword(ctx: AppContext, meta: RequestMeta, actor: Actor, account: User): Promise<string> {
  const password = generateTemporaryPassword(ctx.config.passwordPolicy, account.username);
  // Hashed before the transaction: argon2 takes tens of milliseconds, too long to hold SQLite's write lock.
  const passwordHash = await hashPassword(password);
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now, must_change_password: 1, failed_logins: 0, locked_until: null })
      .where('id', '=', account.id)
      .execute();
    await trx.insertInto('password_history').values({ user_id: account.id, password_hash: passwordHash, created_at: now }).execute();
    await endUserSessions(trx, account.id);
    await audit(ctx, trx, meta, actor, { eventType: 'admin.password_reset', outcome: 'success', targetType: 'user', targetId: account.id });
  });
  return password;
}
