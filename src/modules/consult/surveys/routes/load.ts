import type { Actor } from '../../../../core/actor';
import { deniedNotFound } from '../../../../core/errors';
import { authorize } from '../../../../core/policy';
import type { Db } from '../../../../db/database';
import { SurveyDefinition } from '../definition';
import { getSurveyRow, surveyFacts, type SurveyRow } from '../repository';

/** Loads a survey or answers 404, the same answer as for one the person may not see. */
export async function requireSurvey(db: Db, id: string): Promise<SurveyRow> {
  const row = await getSurveyRow(db, id);
  if (!row) {
    throw deniedNotFound();
  }
  return row;
}

/** Loads a survey and applies the rule to it for the actor. */
export async function authorizedSurvey(db: Db, actor: Actor, rule: string, id: string): Promise<SurveyRow> {
  const row = await requireSurvey(db, id);
  authorize(actor, rule, await surveyFacts(db, row, actor.id, actor.user.org_id));
  return row;
}

export const definitionOf = (row: SurveyRow): SurveyDefinition => SurveyDefinition.parse(JSON.parse(row.definition));
