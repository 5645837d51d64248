import type { User } from '../../db/schema';
import type { Actor } from '../actor';
import { audit, type AppContext, type RequestMeta } from '../context';
import { badRequest } from '../errors';
import type { Grant } from '../roles';
import { replaceGrants } from '../users';

/**
 * Replaces an account's business roles (TA-03). Admin roles never travel this way: an admin role is
 * fixed when the account is created from the command line, and the policy keeps admin accounts out.
 */
export async function grantRoles(ctx: AppContext, meta: RequestMeta, actor: Actor, account: User, grants: Grant[]): Promise<Grant[]> {
  const seen = new Set<string>();
  grants.forEach((grant, index) => {
    const key = `${grant.role}:${grant.orgId}`;
    if (seen.has(key)) {
      throw badRequest('DUPLICATE_GRANT', '同一组织的同一角色只能授予一次', `grants.${index}`);
    }
    seen.add(key);
  });
  return ctx.db.transaction().execute(async (trx) => {
    const orgIds = [...new Set(grants.map((grant) => grant.orgId))];
    const known = new Set(
      orgIds.length > 0 ? (await trx.selectFrom('orgs').select('id').where('id', 'in', orgIds).execute()).map((row) => row.id) : [],
    );
    const unknown = grants.findIndex((grant) => !known.has(grant.orgId));
    if (unknown >= 0) {
      throw badRequest('UNKNOWN_ORG', '授权的组织不存在', `grants.${unknown}.orgId`);
    }
    const before = await trx.selectFrom('user_roles').select(['role', 'org_id', 'scope']).where('user_id', '=', account.id).execute();
    await replaceGrants(trx, account.id, grants);
    await audit(ctx, trx, meta, actor, {
      eventType: 'admin.roles_change',
      outcome: 'success',
      targetType: 'user',
      targetId: account.id,
      detail: { before: before.map((row) => ({ role: row.role, orgId: row.org_id, scope: row.scope })), after: grants },
    });
    return grants;
  });
}
