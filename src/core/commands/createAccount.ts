import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '../../config';
import type { User } from '../../db/schema';
import type { Actor } from '../actor';
import { audit, type AppContext, type RequestMeta } from '../context';
import { badRequest } from '../errors';
import { getOrg } from '../orgs';
import { passwordProblems } from '../passwords';
import type { AdminRole } from '../roles';
import { createUser } from '../users';

/** Letters, digits and `_.-`, 3–32 long: typed at every login, so nothing that looks alike or needs escaping. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;

export interface NewAccount {
  username: string;
  displayName: string;
  orgId: string;
  password: string;
  phone?: string | null;
  adminRole?: AdminRole | null;
}

/**
 * Creates an account whose initial password passes the policy and must be changed at first login
 * (DB-01). Business roles are not given here: granting them is the security admin's duty (TA-02).
 * `actor` is null when an admin account is created from the command line.
 */
export async function createAccount(ctx: AppContext, meta: RequestMeta, actor: Actor | null, input: NewAccount): Promise<User> {
  const problems = passwordProblems(ctx.config.passwordPolicy, input.username, input.password, Boolean(input.adminRole));
  if (problems.length > 0) {
    throw badRequest('WEAK_PASSWORD', problems.join('；'), 'password');
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await getOrg(trx, input.orgId))) {
      throw badRequest('UNKNOWN_ORG', '所属组织不存在', 'orgId');
    }
    const user = await createUser(trx, ctx.clock, ctx.crypto, { ...input, grants: [], mustChangePassword: true });
    await audit(ctx, trx, meta, actor, {
      eventType: 'admin.user_create',
      outcome: 'success',
      targetType: 'user',
      targetId: user.id,
      detail: { username: user.username, orgId: user.org_id, adminRole: user.admin_role },
    });
    return user;
  });
}

// Look-alike characters (l/1/I, O/0) left out: the password is read off a screen and typed once.
const CHARACTER_CLASSES = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%*+-=?@'];
const ALL_CHARACTERS = CHARACTER_CLASSES.join('');

/** A random temporary password (about 95 bits at 16 characters) that passes even the admin policy. */
export function generateTemporaryPassword(policy: PasswordPolicy, username: string): string {
  const length = Math.max(16, policy.adminMinLength);
  for (;;) {
    const chars = CHARACTER_CLASSES.map((set) => set[randomInt(set.length)]);
    while (chars.length < length) {
      chars.push(ALL_CHARACTERS[randomInt(ALL_CHARACTERS.length)]);
    }
    // Shuffled, so the one character guaranteed from each class is not always at the front.
    for (let i = chars.length - 1; i > 0; i -= 1) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const password = chars.join('');
    if (passwordProblems(policy, username, password, true).length === 0) {
      return password;
    }
  }
}
