/** An item of GET /api/orgs/units: a responsible unit (承办单位) for the dispatch picker. */
export interface Unit {
  id: string;
  name: string;
  kind?: string;
  parentId?: string | null;
  path?: string;
}
