import { iso } from '../../../../core/clock';
import { badRequest, conflict } from '../../../../core/errors';
import { newId } from '../../../../core/ids';
import type { Hearing } from '../../../../db/schema';
import { createHash } from 'node:crypto';
import type { CheckedMaterial } from '../materials';
import { updateHearingAt } from '../repository';
import { HEARING_STATE_LABELS, MAX_MATERIALS, type ConcludeInput, type HearingState } from '../schemas';
import { takesMaterials, takesMinutes, takesOutcome } from '../stateMachine';
import { recordHearingChange, type HearingCommandContext } from './context';
import { staleVersion } from './manageHearing';

const stateLabel = (hearing: Hearing) => HEARING_STATE_LABELS[hearing.state as HearingState];

/** 会议纪要: written once the meeting was held, and corrected after the outcome is published. */
export async function recordMinutes(c: HearingCommandContext, hearing: Hearing, minutes: string): Promise<void> {
  if (!takesMinutes(hearing.state)) {
    throw conflict('MINUTES_NOT_YET', `会议${stateLabel(hearing)}，召开后才能填写纪要`);
  }
  await c.trx
    .updateTable('hearings')
    .set({ minutes, updated_at: iso(c.now) })
    .where('id', '=', hearing.id)
    .execute();
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.minutes',
    eventType: 'consult.hearing.minutesRecorded',
    detail: { length: minutes.length },
  });
}

/**
 * 公布结果: what was decided, with links to what carries it out (an article filed on the platform,
 * or a page elsewhere). The hearing is then concluded and its outcome public.
 */
export async function concludeHearing(c: HearingCommandContext, hearing: Hearing, input: ConcludeInput): Promise<void> {
  if (!takesOutcome(hearing.state)) {
    throw conflict('OUTCOME_NOT_YET', `会议${stateLabel(hearing)}，召开后才能公布结果`);
  }
  for (const [index, link] of input.links.entries()) {
    if (link.articleId && !(await c.trx.selectFrom('articles').select('id').where('id', '=', link.articleId).executeTakeFirst())) {
      throw badRequest('UNKNOWN_ARTICLE', `第 ${index + 1} 个链接的文章不存在`, `body.links.${index}.articleId`);
    }
  }
  const at = iso(c.now);
  const updated = await updateHearingAt(c.trx, hearing.id, input.version, {
    state: 'concluded',
    outcome: input.outcome,
    outcome_links: JSON.stringify(input.links),
    concluded_at: at,
    updated_at: at,
  });
  if (!updated) {
    throw staleVersion();
  }
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.conclude',
    eventType: 'consult.hearing.concluded',
    detail: { links: input.links.length },
  });
}

/** Adds a checked file to the hearing's materials, kept in the platform's file store. */
export async function addMaterial(c: HearingCommandContext, hearing: Hearing, material: CheckedMaterial): Promise<string> {
  if (!takesMaterials(hearing.state)) {
    throw conflict('MATERIALS_CLOSED', `会议${stateLabel(hearing)}，不能再修改材料`);
  }
  const existing = await c.trx
    .selectFrom('hearing_materials')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max<number>('sort').as('last')])
    .where('hearing_id', '=', hearing.id)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) >= MAX_MATERIALS) {
    throw conflict('TOO_MANY_MATERIALS', `每次会议最多 ${MAX_MATERIALS} 份材料`);
  }
  const fileId = newId();
  await c.trx
    .insertInto('files')
    .values({
      id: fileId,
      owner_type: 'hearing',
      owner_id: hearing.id,
      mime: material.mime,
      size: material.bytes.length,
      sha256: createHash('sha256').update(material.bytes).digest('hex'),
      content: material.bytes,
      created_at: iso(c.now),
    })
    .execute();
  await c.trx
    .insertInto('hearing_materials')
    .values({ hearing_id: hearing.id, file_id: fileId, name: material.name, sort: Number(existing.last ?? -1) + 1 })
    .execute();
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.material.add',
    eventType: 'consult.hearing.materialAdded',
    detail: { fileId, name: material.name, mime: material.mime, size: material.bytes.length },
  });
  return fileId;
}

/** Removes a material and its stored bytes (nothing is kept that is no longer published). */
export async function removeMaterial(c: HearingCommandContext, hearing: Hearing, fileId: string): Promise<void> {
  if (!takesMaterials(hearing.state)) {
    throw conflict('MATERIALS_CLOSED', `会议${stateLabel(hearing)}，不能再修改材料`);
  }
  await c.trx.deleteFrom('hearing_materials').where('hearing_id', '=', hearing.id).where('file_id', '=', fileId).execute();
  await c.trx.deleteFrom('files').where('id', '=', fileId).where('owner_type', '=', 'hearing').execute();
  await recordHearingChange(c, hearing, {
    auditType: 'hearing.material.remove',
    eventType: 'consult.hearing.materialRemoved',
    detail: { fileId },
  });
}
