import type { Actor } from '../../../core/actor';
import { adminOnly, definePolicy, signedIn, type Rule } from '../../../core/policy';
import { withinSubtree, type ReaderPaths } from '../audience';
import { canManageConsultation } from '../policy';

/** An election's organisation and audience, and where the reader stands. */
export interface ElectionFacts {
  orgId: string;
  orgPath: string;
  audienceMembers: boolean;
  audienceMasses: boolean;
  reader: ReaderPaths;
  /** Whether the reader is on the frozen roll (only once voting opened). */
  onRoll: boolean;
}

const manages = (actor: Actor, election: ElectionFacts) => canManageConsultation(actor, election.orgId);

/**
 * Addressed to the reader: party members of the organisation's subtree when members are asked,
 * residents of it when the masses are; and whoever is on the frozen roll.
 */
export const isAddressedTo = (election: ElectionFacts): boolean =>
  (election.audienceMembers && withinSubtree(election.orgPath, election.reader.member)) ||
  (election.audienceMasses && withinSubtree(election.orgPath, election.reader.masses)) ||
  election.onRoll;

export const canSeeElection = (actor: Actor, election: ElectionFacts) => manages(actor, election) || isAddressedTo(election);

const onElection = (allow: (actor: Actor, election: ElectionFacts) => boolean): Rule<ElectionFacts> => ({
  kind: 'record',
  visible: canSeeElection,
  allow,
});

export const electionPolicy = definePolicy('consult.elections', {
  list: signedIn(),
  view: onElection(() => true),
  // Checked on the organisation the election is for, before it exists.
  create: onElection(manages),
  edit: onElection(manages),
  review: onElection(manages),
  open: onElection(manages),
  close: onElection(manages),
  finalize: onElection(manages),
  // Workers may put forward candidates too; the addressed, members or residents, with a reason.
  nominate: onElection(() => true),
  // Whether the voter is on the roll is the vote's own check, in the vote's transaction.
  vote: onElection(() => true),
  results: onElection(() => true),
  receipts: onElection(() => true),
  // Corrections of a frozen roll: the security admin only, audited (VO-07).
  correctRoll: adminOnly('secadmin'),
});
