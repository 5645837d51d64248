import type { z } from 'zod';
import { conflict } from '../../../core/errors';
import type { Db } from '../../../db/database';
import { MIN_GROUP, readSealedBallots, turnout } from '../ballots/box';
import { excellentLimit } from './grading';
import { listRoster, type AppraisalRow } from './repository';
import { APPRAISAL_GRADES, type AppraisalGrade, type AppraisalTally } from './schemas';

/** The test's count per member and grade: after the close, for at least five raters, every seal checked. */
export async function tallyAppraisal(db: Db, key: Buffer, appraisal: AppraisalRow): Promise<z.infer<typeof AppraisalTally>> {
  if (appraisal.state !== 'closed' && appraisal.state !== 'final') {
    throw conflict('RESULTS_NOT_AVAILABLE', '测评结束前不显示任何结果');
  }
  const counts = await turnout(db, appraisal.id);
  if (counts.voted < MIN_GROUP) {
    throw conflict('GROUP_TOO_SMALL', `参加测评的人数少于 ${MIN_GROUP} 人，为保护测评秘密不显示结果`);
  }
  const graded = (await listRoster(db, appraisal.id)).filter((member) => member.probationary === 0);
  const tallies = new Map(
    graded.map((member) => [
      member.user_id,
      Object.fromEntries(APPRAISAL_GRADES.map((grade) => [grade, 0])) as Record<AppraisalGrade, number>,
    ]),
  );
  for (const choices of await readSealedBallots(db, key, appraisal.id)) {
    for (const [userId, grade] of Object.entries(JSON.parse(choices) as Record<string, AppraisalGrade>)) {
      const tally = tallies.get(userId);
      if (tally) {
        tally[grade] += 1;
      }
    }
  }
  return {
    raters: counts.voted,
    eligible: counts.eligible,
    members: graded.map((member) => ({ userId: member.user_id, name: member.name, counts: tallies.get(member.user_id)! })),
    excellentLimit: excellentLimit(graded.length),
  };
}
