import type { z } from 'zod';
import { iso } from '../../../core/clock';
import type { Appeal } from '../../../db/schema';
import { contactDeadline } from '../deadlines';
import type { ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';

/** 签收: a worker of the unit accepts the appeal and becomes its handler; the first-contact clock starts. */
export function signAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.sign>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'sign',
    version: input.version,
    changes: { signed_at: iso(c.now), handler_id: c.actor!.id, contact_due_at: iso(contactDeadline(c.settings, c.now)) },
  });
}
