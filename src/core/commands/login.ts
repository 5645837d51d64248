import type { AppContext, RequestMeta } from '../context';
import { audit } from '../context';
import { addMinutes, iso } from '../clock';
import { AppError } from '../errors';
import { verifyPassword } from '../passwords';
import { startSession } from '../sessions';
import { findUserByUsername } from '../users';
import type { User } from '../../db/schema';

export interface LoginResult {
  token: string;
  user: User;
  mustChangePassword: boolean;
}

const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');

/**
 * Checks the password and opens a session. Five consecutive failures lock the account for 30
 * minutes, during which even the right password is refused (DB-02).
 */
export async function login(
  ctx: AppContext,
  meta: RequestMeta & { userAgent: string | null },
  input: { username: string; password: string },
): Promise<LoginResult> {
  const { db, clock, config } = ctx;
  const user = await findUserByUsername(db, input.username);
  const now = clock.now();
  const record = (outcome: 'success' | 'failure', reason: string, target: User | undefined) =>
    audit(ctx, db, meta, null, {
      eventType: 'auth.login',
      outcome,
      targetType: 'user',
      targetId: target?.id ?? null,
      reason,
      detail: target ? undefined : { username: input.username.slice(0, 64) },
    });

  if (!user) {
    await record('failure', 'unknown_user', undefined);
    throw invalidCredentials();
  }
  if (user.disabled === 1) {
    await record('failure', 'disabled', user);
    throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系管理员');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await record('failure', 'locked', user);
    throw new AppError(403, 'ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定 ${config.lockout.minutes} 分钟`);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const locks = failures >= config.lockout.maxFailures;
    await db
      .updateTable('users')
      .set({ failed_logins: locks ? 0 : failures, locked_until: locks ? iso(addMinutes(now, config.lockout.minutes)) : null })
      .where('id', '=', user.id)
      .execute();
    await record('failure', locks ? 'locked_out' : 'bad_password', user);
    throw invalidCredentials();
  }

  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: iso(now) })
    .where('id', '=', user.id)
    .execute();
  const session = await startSession(db, clock, user.id, meta);
  await audit(ctx, db, meta, null, { eventType: 'auth.login', outcome: 'success', targetType: 'user', targetId: user.id });
  const passwordExpired = addMinutes(new Date(user.password_changed_at), config.passwordPolicy.maxAgeDays * 1440) <= now;
  const mustChangePassword = user.must_change_password === 1 || passwordExpired;
  if (passwordExpired && user.must_change_password === 0) {
    await db.updateTable('users').set({ must_change_password: 1 }).where('id', '=', user.id).execute();
  }
  return { token: session.token, user, mustChangePassword };
}
