import type { z } from 'zod';
import { iso } from '../../../core/clock';
import type { Appeal } from '../../../db/schema';
import type { ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';

/** 直接答复: an enquiry answered at intake from the knowledge the dispatch centre has, then closed. */
export function answerAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.answer>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'answer',
    version: input.version,
    changes: { reply_text: input.text, replied_at: iso(c.now), closed_at: iso(c.now), close_reason: 'answered' },
    payload: { note: input.text },
  });
}
