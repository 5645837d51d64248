import type { Actor } from '../../../core/actor';
import { definePolicy, publicAccess, signedIn, withRole, type Rule } from '../../../core/policy';
import type { Survey } from '../../../db/schema';
import { canManageConsultation, CONSULT_MANAGER_ROLES } from '../policy';

/** A survey with whom it is addressed to, and where the person asking sits in the organisation tree. */
export interface SurveyFacts {
  survey: Pick<Survey, 'org_id' | 'state' | 'audience'>;
  /** Materialised paths of the organisations addressed (audience 'orgs'). */
  audienceOrgPaths: readonly string[];
  /** Whether the person asking is named in the audience (audience 'users'). */
  named: boolean;
  readerOrgPath: string;
}

/**
 * Whom a published survey is for: everyone when it is public; the members of the addressed
 * organisations and everything under them; the people named. A draft is for no one yet.
 */
export const isAddressed = (facts: SurveyFacts): boolean => {
  if (facts.survey.state === 'draft') {
    return false;
  }
  switch (facts.survey.audience) {
    case 'public':
      return true;
    case 'orgs':
      return facts.audienceOrgPaths.some((path) => facts.readerOrgPath.startsWith(path));
    case 'users':
      return facts.named;
  }
};

const manages = (actor: Actor, facts: SurveyFacts) => canManageConsultation(actor, facts.survey.org_id);

/** The organiser's routes: someone it is addressed to learns it exists (403), anyone else gets 404. */
const onManaged: Rule<SurveyFacts> = {
  kind: 'record',
  visible: (actor, facts) => manages(actor, facts) || isAddressed(facts),
  allow: manages,
};

const onAddressed: Rule<SurveyFacts> = {
  kind: 'record',
  visible: (actor, facts) => isAddressed(facts) || manages(actor, facts),
  allow: (_actor, facts) => isAddressed(facts),
};

export const surveyPolicy = definePolicy('consult.surveys', {
  list: withRole(...CONSULT_MANAGER_ROLES),
  templates: withRole(...CONSULT_MANAGER_ROLES),
  // Checked on the organisation the survey is created for, before it exists.
  create: { kind: 'record', visible: () => true, allow: (actor, facts) => manages(actor, facts) } satisfies Rule<SurveyFacts>,
  view: onManaged,
  manage: onManaged,
  mine: signedIn(),
  take: onAddressed,
  // Public surveys are answered through a link or QR code without an account; the route serves only those.
  takePublic: publicAccess(),
  board: publicAccess(),
});
