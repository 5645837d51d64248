import type { Actor } from '../actor';
import { iso } from '../clock';
import { audit, type AppContext, type RequestMeta } from '../context';
import { badRequest } from '../errors';
import { hashPassword, passwordProblems, verifyPassword } from '../passwords';
import { endUserSessions } from '../sessions';
import { getUser } from '../users';

/** Changes the actor's own password under the policy, rejecting the last N passwords; other sessions end. */
export async function changePassword(
  ctx: AppContext,
  meta: RequestMeta,
  actor: Actor,
  input: { oldPassword: string; newPassword: string },
): Promise<void> {
  const { db, clock, config } = ctx;
  const user = await getUser(db, actor.id);
  if (!user || !(await verifyPassword(user.password_hash, input.oldPassword))) {
    await audit(ctx, db, meta, actor, { eventType: 'auth.password_change', outcome: 'failure', targetType: 'user', targetId: actor.id });
    throw badRequest('WRONG_PASSWORD', '原密码不正确', 'oldPassword');
  }
  const problems = passwordProblems(config.passwordPolicy, user.username, input.newPassword, user.admin_role !== null);
  if (problems.length > 0) {
    throw badRequest('WEAK_PASSWORD', problems.join('；'), 'newPassword');
  }
  const history = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', user.id)
    .orderBy('created_at', 'desc')
    .limit(config.passwordPolicy.history)
    .execute();
  for (const old of history) {
    if (await verifyPassword(old.password_hash, input.newPassword)) {
      throw badRequest('PASSWORD_REUSED', `新密码不能与最近 ${config.passwordPolicy.history} 次使用过的密码相同`, 'newPassword');
    }
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = iso(clock.now());
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now, must_change_password: 0 })
      .where('id', '=', user.id)
      .execute();
    await trx.insertInto('password_history').values({ user_id: user.id, password_hash: passwordHash, created_at: now }).execute();
    await audit(ctx, trx, meta, actor, { eventType: 'auth.password_change', outcome: 'success', targetType: 'user', targetId: user.id });
  });
  await endUserSessions(db, user.id, actor.sessionId);
}
