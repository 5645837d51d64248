import type { z } from 'zod';
import { endOfShanghaiDay, shanghaiDate } from '../../../core/calendar';
import { iso } from '../../../core/clock';
import { conflict } from '../../../core/errors';
import type { Appeal } from '../../../db/schema';
import { isOverdue } from '../deadlines';
import type { ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';

/** 延期申请: only before the due date; the proposed new date is the old one plus the working days asked. */
export function requestExtension(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.requestExtension>): Promise<Appeal> {
  if (!appeal.due_at || isOverdue(appeal.due_at, c.now)) {
    throw conflict('EXTENSION_TOO_LATE', '已超过办理期限，不能再申请延期');
  }
  const proposed = endOfShanghaiDay(c.calendar.addWorkdays(shanghaiDate(new Date(appeal.due_at)), input.workdays));
  return applyTransition(c, appeal, {
    action: 'requestExtension',
    version: input.version,
    changes: { pending_reason: input.reason, extension_due_at: iso(proposed) },
    payload: { note: input.reason, workdays: input.workdays, proposedDueAt: iso(proposed) },
  });
}

export function approveExtension(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.approveExtension>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'approveExtension',
    version: input.version,
    changes: { due_at: appeal.extension_due_at, extension_due_at: null, pending_reason: null },
    payload: { previousDueAt: appeal.due_at, dueAt: appeal.extension_due_at },
  });
}

export function denyExtension(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.denyExtension>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'denyExtension',
    version: input.version,
    changes: { extension_due_at: null, pending_reason: null },
    payload: { note: input.reason },
  });
}
