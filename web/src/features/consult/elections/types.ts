import type { Role } from '../../auth/types';

/**
 * Mirrors of src/modules/consult/elections/schemas.ts. The web bundle never imports server code;
 * test/web-mirrors.test.ts keeps these in step.
 */

/** Who runs consultations (CONSULT_MANAGER_ROLES of src/modules/consult/policy.ts). */
export const CONSULT_MANAGER_ROLES: Role[] = ['organizer'];

export const ELECTION_STATES = ['nominating', 'voting', 'publicity', 'final'] as const;
export type ElectionState = (typeof ELECTION_STATES)[number];
export const ELECTION_STATE_LABELS: Record<ElectionState, string> = {
  nominating: '提名中',
  voting: '投票中',
  publicity: '公示中',
  final: '已结束',
};

export const NOMINATION_STATES = ['pending', 'approved', 'rejected'] as const;
export type NominationState = (typeof NOMINATION_STATES)[number];

export const ELECTION_ACTIONS = ['edit', 'review', 'open', 'close', 'finalize', 'nominate', 'vote', 'results', 'receipts'] as const;
export type ElectionAction = (typeof ELECTION_ACTIONS)[number];

/** The receipt's length (RECEIPT_LENGTH of src/modules/consult/ballots/seal.ts). */
export const RECEIPT_LENGTH = 16;
/** Results are withheld below this many voters (MIN_GROUP of src/modules/consult/ballots/box.ts). */
export const MIN_GROUP = 5;

export interface ElectionFields {
  title: string;
  description: string;
  audienceMembers: boolean;
  audienceMasses: boolean;
  maxChoices: number;
  nominationStartsOn: string;
  nominationEndsOn: string;
  votingStartsOn: string;
  votingEndsOn: string;
  publicityDays: number;
}

export type CreateElectionBody = ElectionFields & { orgId?: string };
export type EditElectionBody = Partial<ElectionFields> & { version: number };

export interface ElectionSummary {
  id: string;
  title: string;
  orgId: string;
  orgName: string;
  state: ElectionState;
  stateLabel: string;
  maxChoices: number;
  nominationStartsOn: string;
  nominationEndsOn: string;
  votingStartsOn: string;
  votingEndsOn: string;
  publicityDays: number;
  createdAt: string;
}

export interface ElectionPage {
  items: ElectionSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Candidate {
  id: string;
  name: string;
  unit: string | null;
  reason: string;
}

export interface Nomination extends Candidate {
  status: NominationState;
  statusLabel: string;
  nominatedByName: string;
  reviewNote: string | null;
  createdAt: string;
}

export interface ElectionDetail extends ElectionSummary {
  description: string;
  audienceMembers: boolean;
  audienceMasses: boolean;
  votingOpenedAt: string | null;
  votingClosedAt: string | null;
  publicityEndsOn: string | null;
  finalizedAt: string | null;
  version: number;
  candidates: Candidate[];
  nominations: Nomination[] | null;
  turnout: { eligible: number; voted: number } | null;
  myVote: 'eligible' | 'voted' | null;
  allowedActions: ElectionAction[];
}

export interface NominateBody {
  name: string;
  unit?: string;
  reason: string;
}

export interface ElectionResults {
  eligible: number;
  voted: number;
  ballots: number;
  candidates: { id: string; name: string; unit: string | null; votes: number }[];
}

/** Mirrors OpenRolls in src/modules/consult/elections/schemas.ts: an election in voting, for the security admin. */
export interface OpenRoll {
  id: string;
  title: string;
  orgName: string;
  votingEndsOn: string;
  eligible: number;
  voted: number;
}

export interface RollCorrection {
  userId: string;
  change: 'add' | 'remove';
  reason: string;
}
