import { iso } from '../../../../core/clock';
import { newId } from '../../../../core/ids';
import type { Election } from '../../../../db/schema';
import { insertElection } from '../repository';
import type { CreateElectionInput } from '../schemas';
import { recordElectionChange, type ElectionCommandContext } from './context';

/** Sets up an election of the organisation; it starts by taking nominations. */
export async function createElection(c: ElectionCommandContext, orgId: string, input: CreateElectionInput): Promise<Election> {
  const now = iso(c.now);
  const election: Election = {
    id: newId(),
    org_id: orgId,
    title: input.title,
    description: input.description,
    audience_members: input.audienceMembers ? 1 : 0,
    audience_masses: input.audienceMasses ? 1 : 0,
    max_choices: input.maxChoices,
    nomination_starts_on: input.nominationStartsOn,
    nomination_ends_on: input.nominationEndsOn,
    voting_starts_on: input.votingStartsOn,
    voting_ends_on: input.votingEndsOn,
    publicity_days: input.publicityDays,
    state: 'nominating',
    created_by: c.actor.id,
    created_at: now,
    updated_at: now,
    voting_opened_at: null,
    voting_closed_at: null,
    finalized_at: null,
    version: 1,
  };
  await insertElection(c.trx, election);
  await recordElectionChange(c, election, {
    auditType: 'consult.election.create',
    eventType: 'consult.election.created',
    detail: { title: election.title },
  });
  return election;
}
