import type { Actor } from '../../../core/actor';
import { deniedNotFound } from '../../../core/errors';
import { definePolicy, publicAccess, withRole, type Rule } from '../../../core/policy';
import { canManageConsultation, CONSULT_MANAGER_ROLES } from '../policy';

/** A hearing's organisation and audience, and where the reader's own organisation sits (null without an account). */
export interface HearingFacts {
  orgId: string;
  audience: string;
  state: string;
  readerOrgPath: string | null;
}

/** The organisations above and including the one at a materialised path ("/a/b/" → a, b). */
const ancestorsOf = (path: string) => path.split('/').filter(Boolean);

/**
 * Who sees a hearing: its organizers always; once published, everyone for a public hearing, and for
 * one addressed to an organisation the people of that organisation and the organisations under it.
 */
export function canSeeHearing(actor: Actor | null, hearing: HearingFacts): boolean {
  if (actor && canManageConsultation(actor, hearing.orgId)) {
    return true;
  }
  if (hearing.state === 'draft') {
    return false;
  }
  return hearing.audience === 'public' || (hearing.readerOrgPath !== null && ancestorsOf(hearing.readerOrgPath).includes(hearing.orgId));
}

/** The reader's side of the public routes: a hearing the reader may not see answers 404, like one that does not exist. */
export function requireVisibleHearing(actor: Actor | null, hearing: HearingFacts): void {
  if (!canSeeHearing(actor, hearing)) {
    throw deniedNotFound();
  }
}

const organizer: Rule<HearingFacts> = {
  kind: 'record',
  visible: canSeeHearing,
  allow: (actor, hearing) => canManageConsultation(actor, hearing.orgId),
};

export const hearingPolicy = definePolicy('consult.hearings', {
  manageList: withRole(...CONSULT_MANAGER_ROLES),
  // Checked on the organisation the hearing is to be held by, before it exists: nothing to hide yet.
  create: { kind: 'record', visible: () => true, allow: (actor, hearing) => canManageConsultation(actor, hearing.orgId) },
  edit: organizer,
  transition: organizer,
  manageMaterials: organizer,
  // The registrants' names and phone numbers: personal data, each read audited.
  viewRegistrations: organizer,
  reveal: organizer,
  selectSpeakers: organizer,
  checkIn: organizer,
  recordMinutes: organizer,
  conclude: organizer,
  // Public hearings are for people without an account too; who sees the others is decided on the
  // loaded hearing by requireVisibleHearing, and anonymous registrations are rate-limited.
  board: publicAccess(),
  view: publicAccess(),
  calendar: publicAccess(),
  material: publicAccess(),
  register: publicAccess(),
  lookup: publicAccess(),
  cancel: publicAccess(),
});
