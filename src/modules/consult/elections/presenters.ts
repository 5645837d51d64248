import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import { isAllowed } from '../../../core/policy';
import type { ReaderPaths } from '../audience';
import { canManageConsultation } from '../policy';
import { publicityEndsOn, resultsOpen } from './phases';
import { electionPolicy, type ElectionFacts } from './policy';
import type { ElectionRow, NominationRow } from './repository';
import {
  ELECTION_STATE_LABELS,
  NOMINATION_STATE_LABELS,
  type ElectionAction,
  type ElectionDetail,
  type ElectionState,
  type ElectionSummary,
  type NominationState,
} from './schemas';

export const electionFacts = (row: ElectionRow, reader: ReaderPaths, myVote: 'eligible' | 'voted' | null): ElectionFacts => ({
  orgId: row.org_id,
  orgPath: row.org_path,
  audienceMembers: row.audience_members === 1,
  audienceMasses: row.audience_masses === 1,
  reader,
  onRoll: myVote !== null,
});

export const presentSummary = (row: ElectionRow): z.infer<typeof ElectionSummary> => ({
  id: row.id,
  title: row.title,
  orgId: row.org_id,
  orgName: row.org_name,
  state: row.state as ElectionState,
  stateLabel: ELECTION_STATE_LABELS[row.state as ElectionState],
  maxChoices: row.max_choices,
  nominationStartsOn: row.nomination_starts_on,
  nominationEndsOn: row.nomination_ends_on,
  votingStartsOn: row.voting_starts_on,
  votingEndsOn: row.voting_ends_on,
  publicityDays: row.publicity_days,
  createdAt: row.created_at,
});

/** What each action needs besides the policy: the phase it belongs to, and for a vote, a place on the roll. */
function actionsFor(actor: Actor, row: ElectionRow, facts: ElectionFacts, myVote: 'eligible' | 'voted' | null): ElectionAction[] {
  const phase: Record<ElectionAction, boolean> = {
    edit: row.state === 'nominating',
    review: row.state === 'nominating',
    open: row.state === 'nominating',
    close: row.state === 'voting',
    finalize: row.state === 'publicity',
    nominate: row.state === 'nominating',
    vote: row.state === 'voting' && myVote === 'eligible',
    results: resultsOpen(row),
    receipts: resultsOpen(row),
  };
  return (Object.keys(phase) as ElectionAction[]).filter((action) => phase[action] && isAllowed(actor, electionPolicy[action], facts));
}

export interface ElectionExtras {
  candidates: { id: string; name: string; unit: string | null; reason: string }[];
  nominations: NominationRow[];
  turnout: { eligible: number; voted: number } | null;
  myVote: 'eligible' | 'voted' | null;
}

export function presentDetail(actor: Actor, row: ElectionRow, reader: ReaderPaths, extras: ElectionExtras): z.infer<typeof ElectionDetail> {
  const facts = electionFacts(row, reader, extras.myVote);
  const manages = canManageConsultation(actor, row.org_id);
  return {
    ...presentSummary(row),
    description: row.description,
    audienceMembers: row.audience_members === 1,
    audienceMasses: row.audience_masses === 1,
    votingOpenedAt: row.voting_opened_at,
    votingClosedAt: row.voting_closed_at,
    publicityEndsOn: publicityEndsOn(row),
    finalizedAt: row.finalized_at,
    version: row.version,
    candidates: extras.candidates,
    nominations: manages
      ? extras.nominations.map((nomination) => ({
          id: nomination.id,
          name: nomination.name,
          unit: nomination.unit,
          reason: nomination.reason,
          status: nomination.status as NominationState,
          statusLabel: NOMINATION_STATE_LABELS[nomination.status as NominationState],
          nominatedByName: nomination.nominated_by_name,
          reviewNote: nomination.review_note,
          createdAt: nomination.created_at,
        }))
      : null,
    turnout: manages ? extras.turnout : null,
    myVote: extras.myVote,
    allowedActions: actionsFor(actor, row, facts, extras.myVote),
  };
}
