import type { AppContext } from '../core/context';
import { createOrg } from '../core/orgs';
import { createUser } from '../core/users';
import type { Db } from '../db/database';
import type { User } from '../db/schema';
import { isAdminRole, type AccountSpec } from './accounts';
import { CATEGORIES, DEMO_COMMITTEE_ID, PARTY_ORGS, UNITS, UNIT_KEYS, type UnitKey } from './catalogue';

export interface DemoOrganisation {
  committeeId: string;
  /** Organisation ids by catalogue key; units as `unit:<key>`. */
  orgIds: ReadonlyMap<string, string>;
  unitIds: Readonly<Record<UnitKey, string>>;
  users: ReadonlyMap<string, User>;
}

/** The committee, its branches, groups and mass organisations, then the responsible units under it. */
async function createOrgTree(db: Db, ctx: AppContext): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [sort, entry] of PARTY_ORGS.entries()) {
    const org = await createOrg(db, ctx.clock, {
      id: entry.parent === null ? DEMO_COMMITTEE_ID : undefined,
      name: entry.name,
      kind: entry.kind,
      parentId: entry.parent === null ? null : ids.get(entry.parent)!,
      sort,
    });
    ids.set(entry.key, org.id);
  }
  for (const [sort, key] of UNIT_KEYS.entries()) {
    const unit = UNITS[key];
    const org = await createOrg(db, ctx.clock, { name: unit.name, kind: unit.kind, parentId: DEMO_COMMITTEE_ID, sort: 100 + sort });
    ids.set(`unit:${key}`, org.id);
  }
  return ids;
}

/** Demo accounts skip the first-login password change, so an evaluator can click around at once. */
async function createAccounts(db: Db, ctx: AppContext, specs: readonly AccountSpec[], orgIds: Map<string, string>) {
  const users = new Map<string, User>();
  for (const spec of specs) {
    const orgId = orgIds.get(spec.orgKey)!;
    const role = spec.role;
    const user = await createUser(db, ctx.clock, ctx.crypto, {
      username: spec.username,
      displayName: spec.displayName,
      password: spec.password,
      orgId,
      adminRole: isAdminRole(role) ? role : null,
      phone: spec.phone,
      grants: isAdminRole(role) ? [] : [{ role, orgId: spec.scope === 'subtree' ? DEMO_COMMITTEE_ID : orgId, scope: spec.scope }],
      mustChangePassword: !spec.printed,
    });
    users.set(spec.username, user);
  }
  return users;
}

/** Organisation, accounts and appeal categories, in one transaction: all of it or none. */
export async function createDemoOrganisation(ctx: AppContext, specs: readonly AccountSpec[]): Promise<DemoOrganisation> {
  return ctx.db.transaction().execute(async (trx) => {
    const orgIds = await createOrgTree(trx, ctx);
    const unitIds = Object.fromEntries(UNIT_KEYS.map((key) => [key, orgIds.get(`unit:${key}`)!])) as Record<UnitKey, string>;
    await trx
      .insertInto('appeal_categories')
      .values(
        CATEGORIES.map((category, sort) => ({
          code: category.code,
          name: category.name,
          appeal_type: category.type,
          limit_kind: category.limit,
          default_unit_id: unitIds[category.unit],
          description: category.description,
          sort,
          active: 1,
        })),
      )
      .execute();
    const users = await createAccounts(trx, ctx, specs, orgIds);
    return { committeeId: DEMO_COMMITTEE_ID, orgIds, unitIds, users };
  });
}
