import type { Kysely } from 'kysely';
import type { Database, User } from '../db/schema';
import { subtreeIds } from './orgs';
import type { AdminRole, Grant, Role } from './roles';

/** Organisations a role reaches: everything, or a set of ids. */
export type OrgSet = 'all' | Set<string>;

/** The signed-in person, with the organisations each of their roles reaches, resolved once per request. */
export class Actor {
  constructor(
    readonly user: Pick<User, 'id' | 'username' | 'display_name' | 'org_id' | 'must_change_password'>,
    readonly adminRole: AdminRole | null,
    readonly grants: Grant[],
    private readonly reach: Map<Role, OrgSet>,
    readonly sessionId: string,
  ) {}

  get id(): string {
    return this.user.id;
  }

  /** The role written to the audit log: the admin role, else the first business role. */
  get primaryRole(): string {
    return this.adminRole ?? this.grants[0]?.role ?? 'masses';
  }

  hasRole(...roles: Role[]): boolean {
    return roles.some((role) => this.reach.has(role));
  }

  /** Whether one of the roles reaches the organisation. */
  reaches(roles: readonly Role[], orgId: string | null | undefined): boolean {
    if (!orgId) {
      return false;
    }
    return roles.some((role) => {
      const set = this.reach.get(role);
      return set === 'all' || (set !== undefined && set.has(orgId));
    });
  }

  /** Union of the organisations the roles reach, for list queries. */
  orgsFor(roles: readonly Role[]): OrgSet {
    const union = new Set<string>();
    for (const role of roles) {
      const set = this.reach.get(role);
      if (set === 'all') {
        return 'all';
      }
      set?.forEach((id) => union.add(id));
    }
    return union;
  }
}

export async function loadActor(db: Kysely<Database>, user: User, sessionId: string): Promise<Actor> {
  const rows = await db.selectFrom('user_roles').selectAll().where('user_id', '=', user.id).execute();
  const grants: Grant[] = rows.map((row) => ({ role: row.role as Role, orgId: row.org_id, scope: row.scope as Grant['scope'] }));
  const reach = new Map<Role, OrgSet>();
  let orgCount: number | undefined;
  // A subtree of the whole organisation (the committee's own dispatcher, its leaders) is "all": list
  // queries then carry no list of every organisation id, which planners handle badly.
  const coversEveryOrg = async (ids: string[]) => {
    orgCount ??= Number(
      (
        await db
          .selectFrom('orgs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    return ids.length === orgCount;
  };
  for (const grant of grants) {
    const current = reach.get(grant.role);
    if (current === 'all') {
      continue;
    }
    if (grant.scope === 'all') {
      reach.set(grant.role, 'all');
      continue;
    }
    const ids = grant.scope === 'subtree' ? await subtreeIds(db, [grant.orgId]) : [grant.orgId];
    if (grant.scope === 'subtree' && (await coversEveryOrg(ids))) {
      reach.set(grant.role, 'all');
      continue;
    }
    const set = current ?? new Set<string>();
    ids.forEach((id) => set.add(id));
    reach.set(grant.role, set);
  }
  return new Actor(user, user.admin_role as AdminRole | null, grants, reach, sessionId);
}
