import type { Actor } from '../../../../core/actor';
import { deniedNotFound } from '../../../../core/errors';
import { authorize } from '../../../../core/policy';
import type { Db } from '../../../../db/database';
import { readerPaths, type ReaderPaths } from '../../audience';
import { turnout, voterStatus } from '../../ballots/box';
import { canManageConsultation } from '../../policy';
import { presentDetail } from '../presenters';
import { approvedCandidates, getElectionRow, listNominations, type ElectionRow } from '../repository';

export interface LoadedElection {
  row: ElectionRow;
  reader: ReaderPaths;
  myVote: 'eligible' | 'voted' | null;
}

/** Loads an election and checks the rule on it: 404 for one the reader may not see, 403 for an action they may not take. */
export async function loadElection(db: Db, actor: Actor, id: string, rule: string): Promise<LoadedElection> {
  const row = await getElectionRow(db, id);
  if (!row) {
    throw deniedNotFound();
  }
  const [reader, myVote] = await Promise.all([readerPaths(db, actor), voterStatus(db, id, actor.id)]);
  authorize(actor, rule, {
    orgId: row.org_id,
    orgPath: row.org_path,
    audienceMembers: row.audience_members === 1,
    audienceMasses: row.audience_masses === 1,
    reader,
    onRoll: myVote !== null,
  });
  return { row, reader, myVote };
}

/** The election as the reader sees it, read after the change committed. */
export async function electionDetail(db: Db, actor: Actor, id: string) {
  const row = (await getElectionRow(db, id))!;
  const manages = canManageConsultation(actor, row.org_id);
  const [reader, myVote, candidates, nominations, counts] = await Promise.all([
    readerPaths(db, actor),
    voterStatus(db, id, actor.id),
    approvedCandidates(db, id),
    manages ? listNominations(db, id) : Promise.resolve([]),
    manages && row.state !== 'nominating' ? turnout(db, id) : Promise.resolve(null),
  ]);
  return presentDetail(actor, row, reader, { candidates, nominations, turnout: counts, myVote });
}
