import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database, User } from '../db/schema';
import type { FieldCrypto } from './crypto';
import type { Grant } from './roles';

/** An account as the system admin's user list shows it: the user row, its organisation's name and its grants. */
export interface AccountRow extends User {
  org_name: string;
  grants: Grant[];
}

export interface AccountFilter {
  /** Materialised path of an organisation: accounts in it and below it. */
  orgPath?: string;
  /** Part of the username or display name, or a whole mobile number. */
  text?: string;
  page: number;
  pageSize: number;
}

const MOBILE = /^1[3-9]\d{9}$/;

/** `column LIKE '%text%'` with the wildcards in `text` taken literally; the same SQL on SQLite and PostgreSQL. */
function contains(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

function accountsQuery(db: Kysely<Database>) {
  return db.selectFrom('users').innerJoin('orgs', 'orgs.id', 'users.org_id');
}

async function withGrants(db: Kysely<Database>, rows: (User & { org_name: string })[]): Promise<AccountRow[]> {
  if (rows.length === 0) {
    return [];
  }
  const grants = await db
    .selectFrom('user_roles')
    .selectAll()
    .where(
      'user_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('role')
    .execute();
  return rows.map((row) => ({
    ...row,
    grants: grants
      .filter((grant) => grant.user_id === row.id)
      .map((grant) => ({ role: grant.role, orgId: grant.org_id, scope: grant.scope }) as Grant),
  }));
}

export async function listAccounts(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  filter: AccountFilter,
): Promise<{ total: number; rows: AccountRow[] }> {
  let query = accountsQuery(db);
  if (filter.orgPath) {
    query = query.where('orgs.path', 'like', `${filter.orgPath}%`);
  }
  const text = filter.text;
  if (text) {
    query = query.where((eb) =>
      eb.or([
        contains('users.username_lower', text.toLowerCase()),
        contains('users.display_name', text),
        // Phone numbers are stored encrypted; a whole number is still found through its blind index.
        ...(MOBILE.test(text) ? [eb('users.phone_index', '=', crypto.blindIndex(text))] : []),
      ]),
    );
  }
  const { total } = await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('users')
    .select('orgs.name as org_name')
    .orderBy('users.username_lower')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total: Number(total), rows: await withGrants(db, rows) };
}

export async function findAccount(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  const row = await accountsQuery(db).selectAll('users').select('orgs.name as org_name').where('users.id', '=', id).executeTakeFirst();
  return row ? (await withGrants(db, [row]))[0] : undefined;
}
