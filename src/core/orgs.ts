import type { Kysely } from 'kysely';
import type { Database, Org } from '../db/schema';
import { iso, type Clock } from './clock';
import { notFound } from './errors';
import { newId } from './ids';

export const ORG_KINDS = {
  party_committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
  trade_union: '工会',
  youth_league: '共青团',
  women_federation: '妇联',
  department: '部门',
  office: '科室',
  street: '街道',
  community: '社区',
} as const;

export type OrgKind = keyof typeof ORG_KINDS;

/** Kinds that can be responsible units (承办单位) for appeals. */
export const UNIT_KINDS: readonly OrgKind[] = ['department', 'office', 'street', 'community'];

export async function createOrg(
  db: Kysely<Database>,
  clock: Clock,
  input: { name: string; kind: OrgKind; parentId?: string | null; sort?: number; id?: string },
): Promise<Org> {
  const id = input.id ?? newId();
  let path = `/${id}/`;
  if (input.parentId) {
    const parent = await db.selectFrom('orgs').select('path').where('id', '=', input.parentId).executeTakeFirst();
    if (!parent) {
      throw notFound('上级组织不存在');
    }
    path = `${parent.path}${id}/`;
  }
  const row: Org = {
    id,
    parent_id: input.parentId ?? null,
    name: input.name,
    kind: input.kind,
    path,
    sort: input.sort ?? 0,
    created_at: iso(clock.now()),
  };
  await db.insertInto('orgs').values(row).execute();
  return row;
}

export async function getOrg(db: Kysely<Database>, id: string): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ids of an organisation and everything under it (materialised path prefix). */
export async function subtreeIds(db: Kysely<Database>, orgIds: string[]): Promise<string[]> {
  if (orgIds.length === 0) {
    return [];
  }
  const roots = await db.selectFrom('orgs').select('path').where('id', 'in', orgIds).execute();
  if (roots.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('orgs')
    .select('id')
    .where((eb) => eb.or(roots.map((root) => eb('path', 'like', `${root.path}%`))))
    .execute();
  return rows.map((row) => row.id);
}

export async function listOrgs(db: Kysely<Database>, ids: 'all' | Set<string>): Promise<Org[]> {
  let query = db.selectFrom('orgs').selectAll().orderBy('path');
  if (ids !== 'all') {
    if (ids.size === 0) {
      return [];
    }
    query = query.where('id', 'in', [...ids]);
  }
  return query.execute();
}
