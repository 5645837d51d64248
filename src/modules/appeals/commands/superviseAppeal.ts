import type { z } from 'zod';
import { iso } from '../../../core/clock';
import type { Appeal } from '../../../db/schema';
import type { ActionBodies } from '../schemas';
import { applyTransition, type CommandContext } from './context';

/** 督办: a leader (or the overdue sweep) flags the appeal for supervision; the state does not change. */
export function superviseAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.supervise>): Promise<Appeal> {
  return applyTransition(c, appeal, {
    action: 'supervise',
    version: input.version,
    changes: { supervised: 1, supervised_at: iso(c.now) },
    payload: { note: input.note ?? null, automatic: c.actor === null },
  });
}
