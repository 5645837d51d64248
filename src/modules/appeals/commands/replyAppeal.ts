import type { z } from 'zod';
import { iso } from '../../../core/clock';
import type { Appeal } from '../../../db/schema';
import type { ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';

/** 答复: the unit submits its result; the citizen (or first the reviewer, if configured) sees it. */
export function replyAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.reply>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'reply',
    version: input.version,
    // Answering the citizen is itself the first contact when none was recorded.
    changes: { reply_text: input.text, replied_at: iso(c.now), contacted_at: appeal.contacted_at ?? iso(c.now), pending_reason: null },
    payload: { note: input.text },
  });
}

/** 审核通过: the reply goes to the citizen for rating. */
export function acceptReply(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.acceptReply>): Promise<Appeal> {
  return applyTransition(c, appeal, { action: 'acceptReply', version: input.version });
}

/** 退回: the reviewer sends the reply back to the unit with a reason. */
export function sendBack(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.sendBack>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'sendBack',
    version: input.version,
    changes: { pending_reason: input.reason },
    payload: { note: input.reason, rejectedReply: appeal.reply_text },
  });
}
