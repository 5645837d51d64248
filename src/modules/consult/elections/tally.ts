import type { z } from 'zod';
import { conflict } from '../../../core/errors';
import type { Db } from '../../../db/database';
import { MIN_GROUP, readSealedBallots, turnout } from '../ballots/box';
import { resultsOpen } from './phases';
import { approvedCandidates, type ElectionRow } from './repository';
import type { ElectionResults } from './schemas';

/**
 * 计票: only after voting closed, and only for at least five voters (VO-06). Every ballot's seal is
 * checked on the way (VO-07), so a row changed in the database stops the count instead of skewing it.
 */
export async function tallyElection(db: Db, key: Buffer, election: ElectionRow): Promise<z.infer<typeof ElectionResults>> {
  if (!resultsOpen(election)) {
    throw conflict('RESULTS_NOT_AVAILABLE', '投票结束前不公布任何结果');
  }
  const counts = await turnout(db, election.id);
  if (counts.voted < MIN_GROUP) {
    throw conflict('GROUP_TOO_SMALL', `投票人数少于 ${MIN_GROUP} 人，为保护投票秘密不显示结果`);
  }
  const votes = new Map<string, number>();
  const ballots = await readSealedBallots(db, key, election.id);
  for (const choices of ballots) {
    for (const id of JSON.parse(choices) as string[]) {
      votes.set(id, (votes.get(id) ?? 0) + 1);
    }
  }
  const candidates = (await approvedCandidates(db, election.id))
    .map((candidate) => ({ id: candidate.id, name: candidate.name, unit: candidate.unit, votes: votes.get(candidate.id) ?? 0 }))
    .sort((a, b) => b.votes - a.votes);
  return { eligible: counts.eligible, voted: counts.voted, ballots: ballots.length, candidates };
}
