import type { z } from 'zod';
import { iso } from '../../../core/clock';
import { badRequest } from '../../../core/errors';
import { UNIT_KINDS, type OrgKind } from '../../../core/orgs';
import type { Appeal } from '../../../db/schema';
import { dispatchDeadlines } from '../deadlines';
import { getCategory } from '../repository';
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

/** The category the dispatcher corrects the appeal to, if another one: it must be in use. */
async function correctedCategory(c: CommandContext, appeal: Appeal, code: string | undefined) {
  if (code === undefined || code === appeal.category_code) {
    return null;
  }
  const category = await getCategory(c.trx, code);
  if (!category || category.active !== 1) {
    throw badRequest('UNKNOWN_CATEGORY', '请选择有效的诉求类别', 'categoryCode');
  }
  return category;
}

/**
 * 派单: the dispatch centre hands the appeal to a responsible unit, under the category it chose (the
 * citizen's, or a correction); the sign and handling clocks start, with the limit of that category.
 */
export async function dispatchAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.dispatch>): Promise<Appeal> {
  const unit = await responsibleUnit(c, input.unitId);
  const category = await correctedCategory(c, appeal, input.categoryCode);
  const reclassified = category ? { category_code: category.code, appeal_type: category.appeal_type } : {};
  const classified = { ...appeal, ...reclassified };
  return applyTransition(c, appeal, {
    action: 'dispatch',
    version: input.version,
    changes: {
      unit_id: unit.id,
      dispatched_at: iso(c.now),
      handler_id: null,
      signed_at: null,
      ...reclassified,
      ...(await freshDeadlines(c, classified)),
    },
    payload: {
      unitId: unit.id,
      unitName: unit.name,
      categoryCode: classified.category_code,
      ...(category ? { fromCategoryCode: appeal.category_code, categoryName: category.name } : {}),
      note: input.note ?? null,
    },
  });
}
