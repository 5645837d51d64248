import type { z } from 'zod';
import { badRequest, conflict } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { recordEvent } from '../../../core/events';
import type { Appeal } from '../../../db/schema';
import { appealPolicy } from '../policy';
import { getAppeal } from '../repository';
import type { ActionBodies } from '../schemas';
import { TERMINAL_STATES, type AppealState } from '../stateMachine';
import { applyTransition, type CommandContext } from './context';

/**
 * 并单: a duplicate joins an open master case. The child keeps its own citizen and query code; the
 * master carries the handling and counts one more voice.
 */
export async function mergeAppeal(c: CommandContext, appeal: Appeal, input: z.infer<typeof ActionBodies.merge>): Promise<Appeal> {
  if (input.masterId === appeal.id) {
    throw badRequest('MERGE_INTO_SELF', '不能与自身并单', 'masterId');
  }
  const master = await getAppeal(c.trx, input.masterId);
  if (!master) {
    throw badRequest('MASTER_NOT_FOUND', '主诉求不存在', 'masterId');
  }
  authorize(c.actor!, appealPolicy.view, master);
  if (TERMINAL_STATES.includes(master.state as AppealState)) {
    throw conflict('MASTER_CLOSED', '主诉求已办结或已并单，不能并入');
  }
  const merged = await applyTransition(c, appeal, {
    action: 'merge',
    version: input.version,
    changes: { merged_into_id: master.id },
    payload: { masterId: master.id, masterTrackingNo: master.tracking_no },
  });
  await c.trx
    .updateTable('appeals')
    .set((eb) => ({ support_count: eb('support_count', '+', 1), version: eb('version', '+', 1) }))
    .where('id', '=', master.id)
    .execute();
  await recordEvent(c.trx, c.now, {
    type: 'appeals.mergedIn',
    subjectType: 'appeal',
    subjectId: master.id,
    orgId: master.org_id,
    actor: c.actor,
    payload: { childId: appeal.id, childTrackingNo: appeal.tracking_no },
  });
  return merged;
}
