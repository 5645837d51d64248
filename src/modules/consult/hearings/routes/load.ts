import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../../core/actor';
import type { AppContext } from '../../../../core/context';
import { deniedNotFound } from '../../../../core/errors';
import { authorize } from '../../../../core/policy';
import type { Db } from '../../../../db/database';
import { afterCommit } from '../../../../server/afterCommit';
import { openHearingCommand, type HearingCommandContext } from '../commands/context';
import { requireVisibleHearing } from '../policy';
import { hearingFacts, presentDetail, presentMyRegistration } from '../presenters';
import { getHearingRow, getOrgPath, listMaterials, liveRegistrationOfUser, registrationCounts, type HearingRow } from '../repository';

/** Loads a hearing or answers 404, the same answer as for one the reader may not see. */
export async function requireHearing(db: Db, id: string): Promise<HearingRow> {
  const row = await getHearingRow(db, id);
  if (!row) {
    throw deniedNotFound();
  }
  return row;
}

/** Where the reader's own organisation sits in the tree; null without an account. */
export async function readerOrgPath(db: Db, actor: Actor | null): Promise<string | null> {
  if (!actor) {
    return null;
  }
  const path = await getOrgPath(db, actor.user.org_id);
  if (path === undefined) {
    throw new Error(`organisation ${actor.user.org_id} of user ${actor.id} is missing`);
  }
  return path;
}

/** The hearing with the facts the policy decides on. */
export async function loadHearing(db: Db, actor: Actor | null, id: string) {
  const hearing = await requireHearing(db, id);
  return { hearing, facts: hearingFacts(hearing, await readerOrgPath(db, actor)) };
}

/** A hearing the reader may see, else 404. */
export async function loadVisibleHearing(db: Db, actor: Actor | null, id: string) {
  const loaded = await loadHearing(db, actor, id);
  requireVisibleHearing(actor, loaded.facts);
  return loaded;
}

export async function detailFor(ctx: AppContext, actor: Actor | null, id: string) {
  const { hearing, facts } = await loadVisibleHearing(ctx.db, actor, id);
  const [counts, materials, mine] = await Promise.all([
    registrationCounts(ctx.db, [hearing.id]),
    listMaterials(ctx.db, hearing.id),
    actor ? liveRegistrationOfUser(ctx.db, hearing.id, actor.id) : undefined,
  ]);
  return presentDetail(actor, hearing, {
    facts,
    counts: counts.get(hearing.id)!,
    materials,
    myRegistration: mine ? await presentMyRegistration(ctx.db, ctx.crypto, hearing, mine) : null,
    now: ctx.clock.now(),
  });
}

/**
 * A change to a hearing, in the house order: one transaction that loads the hearing, checks the
 * rule on it and runs the command; the event handlers run after the commit.
 */
export async function changeHearing<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  rule: string,
  command: (c: HearingCommandContext, hearing: HearingRow) => Promise<T>,
): Promise<T> {
  const result = await app.ctx.db.transaction().execute(async (trx) => {
    const { hearing, facts } = await loadHearing(trx, request.actor, id);
    authorize(request.actor!, rule, facts);
    return command(openHearingCommand(app.ctx, trx, request.actor, request.meta), hearing);
  });
  afterCommit(app);
  return result;
}
