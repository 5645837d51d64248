import type { Actor } from '../../../core/actor';
import { deniedNotFound } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import type { Db } from '../../../db/database';
import { turnout, voterStatus } from '../ballots/box';
import { presentDetail } from './presenters';
import { getAppraisalRow, isOnRoster, listRoster, type AppraisalRow } from './repository';

/** Loads an appraisal and checks the rule on it: 404 for one the reader may not see, 403 for an action they may not take. */
export async function loadAppraisal(db: Db, actor: Actor, id: string, rule: string): Promise<AppraisalRow> {
  const row = await getAppraisalRow(db, id);
  if (!row) {
    throw deniedNotFound();
  }
  authorize(actor, rule, { orgId: row.org_id, onRoster: await isOnRoster(db, id, actor.id) });
  return row;
}

export async function appraisalDetail(db: Db, actor: Actor, id: string) {
  const row = (await getAppraisalRow(db, id))!;
  const [roster, myVote, counts] = await Promise.all([
    listRoster(db, id),
    voterStatus(db, id, actor.id),
    row.state === 'self_review' ? Promise.resolve(null) : turnout(db, id),
  ]);
  return presentDetail(actor, row, roster, myVote, counts);
}
