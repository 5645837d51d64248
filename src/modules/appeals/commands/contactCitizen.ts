import type { z } from 'zod';
import { iso } from '../../../core/clock';
import type { Appeal } from '../../../db/schema';
import type { ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';

/** 首次联系: the handler has reached the citizen; handling begins. */
export function contactCitizen(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.contact>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'contact',
    version: input.version,
    changes: { contacted_at: iso(c.now) },
    payload: { note: input.note ?? null },
  });
}
