import type { User } from '../../db/schema';
import type { Actor } from '../actor';
import { audit, type AppContext, type RequestMeta } from '../context';
import { endUserSessions } from '../sessions';

/** Disables an account and ends its sessions at once (AC-02, ASVS 7.4.2), or enables it again. */
export async function setAccountDisabled(
  ctx: AppContext,
  meta: RequestMeta,
  actor: Actor,
  account: User,
  disabled: boolean,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', account.id)
      .execute();
    if (disabled) {
      await endUserSessions(trx, account.id);
    }
    await audit(ctx, trx, meta, actor, {
      eventType: disabled ? 'admin.user_disable' : 'admin.user_enable',
      outcome: 'success',
      targetType: 'user',
      targetId: account.id,
    });
  });
}
