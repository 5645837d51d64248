import type { z } from 'zod';
import { iso } from '../../../core/clock';
import type { Appeal } from '../../../db/schema';
import { REJECT_REASON_LABELS, type ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';

/** 不予受理: closed at intake with a reason code the citizen is told (shared/domain/appeals.md §4). */
export function rejectAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.reject>): Promise<Appeal> {
  const explanation = [REJECT_REASON_LABELS[input.reasonCode], input.note].filter(Boolean).join('。');
  return applyTransition(c, appeal, {
    action: 'reject',
    version: input.version,
    changes: { close_reason: input.reasonCode, reply_text: explanation, replied_at: iso(c.now), closed_at: iso(c.now) },
    payload: { reasonCode: input.reasonCode, note: explanation },
  });
}
