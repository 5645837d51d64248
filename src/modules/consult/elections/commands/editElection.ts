import { iso } from '../../../../core/clock';
import { badRequest } from '../../../../core/errors';
import type { ElectionRow } from '../repository';
import { updateElection } from '../repository';
import { ElectionFields, type EditElectionInput } from '../schemas';
import { recordElectionChange, requireState, requireUpdated, type ElectionCommandContext } from './context';

/** Changes the election's settings while it is still taking nominations; the phases must still follow one another. */
export async function editElection(c: ElectionCommandContext, election: ElectionRow, input: EditElectionInput): Promise<void> {
  requireState(election, ['nominating'], 'ELECTION_LOCKED', '投票已开始，评选设置不能再修改');
  const { version, ...changes } = input;
  const merged = ElectionFields.safeParse({
    title: changes.title ?? election.title,
    description: changes.description ?? election.description,
    audienceMembers: changes.audienceMembers ?? election.audience_members === 1,
    audienceMasses: changes.audienceMasses ?? election.audience_masses === 1,
    maxChoices: changes.maxChoices ?? election.max_choices,
    nominationStartsOn: changes.nominationStartsOn ?? election.nomination_starts_on,
    nominationEndsOn: changes.nominationEndsOn ?? election.nomination_ends_on,
    votingStartsOn: changes.votingStartsOn ?? election.voting_starts_on,
    votingEndsOn: changes.votingEndsOn ?? election.voting_ends_on,
    publicityDays: changes.publicityDays ?? election.publicity_days,
  });
  if (!merged.success) {
    const issue = merged.error.issues[0];
    throw badRequest('VALIDATION_FAILED', issue.message, issue.path.join('.'));
  }
  const fields = merged.data;
  requireUpdated(
    await updateElection(c.trx, election.id, version, {
      title: fields.title,
      description: fields.description,
      audience_members: fields.audienceMembers ? 1 : 0,
      audience_masses: fields.audienceMasses ? 1 : 0,
      max_choices: fields.maxChoices,
      nomination_starts_on: fields.nominationStartsOn,
      nomination_ends_on: fields.nominationEndsOn,
      voting_starts_on: fields.votingStartsOn,
      voting_ends_on: fields.votingEndsOn,
      publicity_days: fields.publicityDays,
      updated_at: iso(c.now),
    }),
  );
  await recordElectionChange(c, election, {
    auditType: 'consult.election.edit',
    eventType: 'consult.election.edited',
    detail: { fields: Object.keys(changes) },
  });
}
