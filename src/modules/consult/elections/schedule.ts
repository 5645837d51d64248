import { shanghaiDate } from '../../../core/calendar';
import { SCHEDULED_JOB, type AppContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { closeVoting } from './commands/closeVoting';
import { finalizeElection } from './commands/finalizeElection';
import { openVoting } from './commands/openVoting';
import { publicityEndsOn } from './phases';
import { getElectionRow, type ElectionRow } from './repository';

type Step = (c: Parameters<typeof openVoting>[0], election: ElectionRow, version: number) => Promise<unknown>;

/** Which step an election's dates call for today, if any: voting opens on its first day, closes after its last, 公示 ends after its days. */
function dueStep(election: ElectionRow, today: string): Step | null {
  if (election.state === 'nominating' && election.voting_starts_on <= today) {
    return openVoting;
  }
  if (election.state === 'voting' && election.voting_ends_on < today) {
    return closeVoting;
  }
  if (election.state === 'publicity' && publicityEndsOn(election)! < today) {
    return finalizeElection;
  }
  return null;
}

/**
 * 按日程推进: each election moves to its next phase when its date comes, through the same commands a
 * worker uses, each in its own transaction. An election the command refuses (nominations still under
 * review, no candidates) waits for its workers, who see why when they open it; a worker acting at the
 * same moment wins by the version.
 */
export async function advanceElectionPhases(app: AppContext): Promise<{ moved: string[]; waiting: { id: string; code: string }[] }> {
  const now = app.clock.now();
  const today = shanghaiDate(now);
  const candidates = await app.db
    .selectFrom('elections')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'nominating'), eb('voting_starts_on', '<=', today)]),
        eb.and([eb('state', '=', 'voting'), eb('voting_ends_on', '<', today)]),
        eb('state', '=', 'publicity'),
      ]),
    )
    .orderBy('id')
    .execute();
  const moved: string[] = [];
  const waiting: { id: string; code: string }[] = [];
  for (const { id } of candidates) {
    try {
      const stepped = await app.writes.transaction(async (trx) => {
        const election = await getElectionRow(trx, id);
        const step = election ? dueStep(election, today) : null;
        if (!election || !step) {
          return false;
        }
        await step({ app, trx, actor: null, meta: SCHEDULED_JOB, now }, election, election.version);
        return true;
      });
      if (stepped) {
        moved.push(id);
      }
    } catch (error) {
      if (!(error instanceof AppError)) {
        throw error;
      }
      waiting.push({ id, code: error.code });
    }
  }
  return { moved, waiting };
}
