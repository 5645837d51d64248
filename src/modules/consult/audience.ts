import type { Actor } from '../../core/actor';
import type { Db } from '../../db/database';

/** Where the reader stands as a party member and as a resident: the organisation paths of those roles. */
export interface ReaderPaths {
  member: string[];
  masses: string[];
}

export async function readerPaths(db: Db, actor: Actor): Promise<ReaderPaths> {
  const grants = actor.grants.filter((grant) => grant.role === 'member' || grant.role === 'masses');
  if (grants.length === 0) {
    return { member: [], masses: [] };
  }
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where(
      'id',
      'in',
      grants.map((grant) => grant.orgId),
    )
    .execute();
  const pathOf = new Map(orgs.map((org) => [org.id, org.path]));
  const pathsFor = (role: string) => grants.filter((grant) => grant.role === role).flatMap((grant) => pathOf.get(grant.orgId) ?? []);
  return { member: pathsFor('member'), masses: pathsFor('masses') };
}

/** The organisations a path lies under, itself included ("/a/b/" → a, b): those whose subtree holds it. */
export const orgsAbove = (paths: readonly string[]): string[] => [...new Set(paths.flatMap((path) => path.split('/').filter(Boolean)))];

/** Whether a consultation of the organisation at `orgPath` addressed to the subtree reaches one of the paths. */
export const withinSubtree = (orgPath: string, paths: readonly string[]) => paths.some((path) => path.startsWith(orgPath));
