import type { z } from 'zod';
import { conflict } from '../../../core/errors';
import type { Db } from '../../../db/database';
import { MIN_GROUP, readSealedBallots, turnout, votersWhoVoted } from '../ballots/box';
import { excellentLimit } from './grading';
import { listRoster, type AppraisalRow, type RosterRow } from './repository';
import { APPRAISAL_GRADES, type AppraisalGrade, type AppraisalTally } from './schemas';

/** The full members a rater grades: all but the rater (预备党员 rate but are not graded). */
export const membersRatedBy = (roster: readonly Pick<RosterRow, 'user_id' | 'probationary'>[], raterId: string): string[] =>
  roster.filter((member) => member.probationary === 0 && member.user_id !== raterId).map((member) => member.user_id);

/** The test's count per member and grade: after the close, for at least five raters, every seal checked. */
export async function tallyAppraisal(db: Db, key: Buffer, appraisal: AppraisalRow): Promise<z.infer<typeof AppraisalTally>> {
  if (appraisal.state !== 'closed' && appraisal.state !== 'final') {
    throw conflict('RESULTS_NOT_AVAILABLE', '测评结束前不显示任何结果');
  }
  const counts = await turnout(db, appraisal.id);
  if (counts.voted < MIN_GROUP) {
    throw conflict('GROUP_TOO_SMALL', `参加测评的人数少于 ${MIN_GROUP} 人，为保护测评秘密不显示结果`);
  }
  const roster = await listRoster(db, appraisal.id);
  const graded = roster.filter((member) => member.probationary === 0);
  const expectedRows = (await votersWhoVoted(db, appraisal.id)).reduce((sum, raterId) => sum + membersRatedBy(roster, raterId).length, 0);
  const tallies = new Map(
    graded.map((member) => [
      member.user_id,
      Object.fromEntries(APPRAISAL_GRADES.map((grade) => [grade, 0])) as Record<AppraisalGrade, number>,
    ]),
  );
  for (const rating of await readSealedBallots(db, key, appraisal.id, expectedRows)) {
    const { userId, grade } = JSON.parse(rating) as { userId: string; grade: AppraisalGrade };
    const tally = tallies.get(userId);
    if (tally) {
      tally[grade] += 1;
    }
  }
  return {
    raters: counts.voted,
    eligible: counts.eligible,
    members: graded.map((member) => ({ userId: member.user_id, name: member.name, counts: tallies.get(member.user_id)! })),
    excellentLimit: excellentLimit(graded.length),
  };
}
