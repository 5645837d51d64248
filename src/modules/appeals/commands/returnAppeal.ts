import type { z } from 'zod';
import { iso } from '../../../core/clock';
import type { Appeal } from '../../../db/schema';
import type { ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';
import { freshDeadlines, responsibleUnit } from './dispatchAppeal';

/** 退单申请: the unit disputes the dispatch, with a reason, before signing ("谨慎退单"). */
export function requestReturn(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.requestReturn>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'requestReturn',
    version: input.version,
    changes: { pending_reason: input.reason },
    payload: { note: input.reason },
  });
}

/** 派单异议审核 approved: the appeal goes to another unit and its clocks start again. */
export async function approveReturn(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.approveReturn>): Promise<Appeal> {
  const unit = await responsibleUnit(c, input.unitId);
  return applyTransition(c, appeal, {
    action: 'approveReturn',
    version: input.version,
    changes: { unit_id: unit.id, dispatched_at: iso(c.now), handler_id: null, pending_reason: null, ...(await freshDeadlines(c, appeal)) },
    payload: { fromUnitId: appeal.unit_id, unitId: unit.id, unitName: unit.name },
  });
}

/** Refused: the appeal stays with the same unit and its sign clock keeps running. */
export function denyReturn(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.denyReturn>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'denyReturn',
    version: input.version,
    changes: { pending_reason: null },
    payload: { note: input.reason },
  });
}
