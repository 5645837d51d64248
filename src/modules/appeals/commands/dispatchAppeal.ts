import type { z } from 'zod';
import { iso } from '../../../core/clock';
import { badRequest } from '../../../core/errors';
import { UNIT_KINDS, type OrgKind } from '../../../core/orgs';
import type { Appeal } from '../../../db/schema';
import { dispatchDeadlines } from '../deadlines';
import type { ActionBodies } from '../schemas';
import type { LimitKind, Urgency } from '../settings';
import { applyTransition, type CommandContext } from './context';

export async function responsibleUnit(c: CommandContext, unitId: string) {
  const unit = await c.trx.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || !UNIT_KINDS.includes(unit.kind as OrgKind)) {
    throw badRequest('INVALID_UNIT', '请选择有效的承办单位', 'unitId');
  }
  return unit;
}

/** Sign and due times for (re-)dispatching from now, from the category's limit and the urgency. */
export async function freshDeadlines(c: CommandContext, appeal: Appeal) {
  const category = await c.trx
    .selectFrom('appeal_categories')
    .select('limit_kind')
    .where('code', '=', appeal.category_code)
    .executeTakeFirstOrThrow();
  const deadlines = dispatchDeadlines(c.calendar, c.settings, c.now, category.limit_kind as LimitKind, appeal.urgency as Urgency);
  return { sign_due_at: iso(deadlines.signDueAt), due_at: iso(deadlines.dueAt) };
}

/** 派单: the dispatch centre hands the appeal to a responsible unit; the sign and handling clocks start. */
export async function dispatchAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.dispatch>): Promise<Appeal> {
  const unit = await responsibleUnit(c, input.unitId);
  return applyTransition(c, appeal, {
    action: 'dispatch',
    version: input.version,
    changes: { unit_id: unit.id, dispatched_at: iso(c.now), handler_id: null, signed_at: null, ...(await freshDeadlines(c, appeal)) },
    payload: { unitId: unit.id, unitName: unit.name, note: input.note ?? null },
  });
}
