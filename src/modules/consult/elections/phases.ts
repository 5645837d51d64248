import { shanghaiDate } from '../../../core/calendar';
import type { Election } from '../../../db/schema';
import { addDays } from '../dates';

/** The last day of the 公示: the set number of days from the day voting closed. */
export const publicityEndsOn = (election: Pick<Election, 'voting_closed_at' | 'publicity_days'>): string | null =>
  election.voting_closed_at ? addDays(shanghaiDate(new Date(election.voting_closed_at)), election.publicity_days - 1) : null;

/** Results exist once voting closed (VO-06). */
export const resultsOpen = (election: Pick<Election, 'state'>) => election.state === 'publicity' || election.state === 'final';
