import type { z } from 'zod';
import { iso } from '../../../core/clock';
import type { Appeal } from '../../../db/schema';
import { redoDeadline } from '../deadlines';
import type { ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';

/**
 * 评价 (回访): 满意 or 基本满意 closes the appeal; 不满意 reopens it for 重办 with a new, short deadline,
 * back to the same unit and handler.
 */
export function rateAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.rate>): Promise<Appeal> {
  const unsatisfied = input.satisfaction === 'unsatisfied';
  const rating = {
    satisfaction: input.satisfaction,
    resolved: input.resolved ? 1 : 0,
    rated_at: iso(c.now),
    rating_comment: input.comment ?? null,
  };
  return applyTransition(c, appeal, {
    action: 'rate',
    version: input.version,
    unsatisfied,
    changes: unsatisfied
      ? { ...rating, redo_count: appeal.redo_count + 1, due_at: iso(redoDeadline(c.calendar, c.settings, c.now)), reply_text: null }
      : { ...rating, closed_at: iso(c.now), close_reason: 'rated' },
    payload: { satisfaction: input.satisfaction, resolved: input.resolved, note: input.comment ?? null, byCitizen: c.actor === null },
  });
}
