import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Org } from '../../db/schema';
import { errorResponses } from '../../server/schemas';
import { listOrgs, ORG_KINDS, UNIT_KINDS, type OrgKind } from '../orgs';
import { corePolicy, DISPATCH_ROLES, ORG_TREE_ROLES } from '../policies';

interface OrgNode {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  children: OrgNode[];
}

const OrgNodeSchema: z.ZodType<OrgNode> = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    get children() {
      return z.array(OrgNodeSchema);
    },
  })
  .meta({ id: 'OrgNode' });

const Unit = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(UNIT_KINDS as [OrgKind, ...OrgKind[]]),
    kindLabel: z.string(),
    parentId: z.string().nullable(),
  })
  .meta({ id: 'Unit' });

const kindLabel = (kind: string) => ORG_KINDS[kind as OrgKind] ?? kind;

const bySortThenName = (a: Org, b: Org) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN');

/** Nests the visible organisations; one whose parent is not visible becomes a root of its own. */
function buildTree(orgs: Org[]): OrgNode[] {
  const nodes = new Map(
    orgs.map((org) => [org.id, { id: org.id, name: org.name, kind: org.kind, kindLabel: kindLabel(org.kind), children: [] as OrgNode[] }]),
  );
  const roots: OrgNode[] = [];
  for (const org of [...orgs].sort(bySortThenName)) {
    const parent = org.parent_id ? nodes.get(org.parent_id) : undefined;
    (parent ? parent.children : roots).push(nodes.get(org.id)!);
  }
  return roots;
}

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/orgs',
    {
      config: { policy: corePolicy.orgTree },
      schema: { tags: ['orgs'], response: { 200: z.array(OrgNodeSchema), ...errorResponses } },
    },
    async (request) => buildTree(await listOrgs(ctx.db, request.actor!.orgsFor(ORG_TREE_ROLES))),
  );

  r.get(
    '/api/orgs/units',
    {
      config: { policy: corePolicy.dispatchUnits },
      schema: { tags: ['orgs'], response: { 200: z.array(Unit), ...errorResponses } },
    },
    async (request) => {
      const orgs = await listOrgs(ctx.db, request.actor!.orgsFor(DISPATCH_ROLES));
      const units = orgs.filter((org) => UNIT_KINDS.includes(org.kind as OrgKind)).sort(bySortThenName);
      return units.map((unit) => ({
        id: unit.id,
        name: unit.name,
        kind: unit.kind as OrgKind,
        kindLabel: kindLabel(unit.kind),
        parentId: unit.parent_id,
      }));
    },
  );
}
