import { badRequest } from '../../../../core/errors';
import type { Db } from '../../../../db/database';
import type { AudienceInput } from '../schemas';
import { countExisting, replaceAudience } from '../repository';

/** Stores whom a survey is addressed to, refusing organisations or people that do not exist. */
export async function storeAudience(trx: Db, surveyId: string, audience: AudienceInput): Promise<void> {
  const orgIds = audience.kind === 'orgs' ? [...new Set(audience.orgIds)] : [];
  const userIds = audience.kind === 'users' ? [...new Set(audience.userIds)] : [];
  if (orgIds.length > 0 && (await countExisting(trx, 'orgs', orgIds)) !== orgIds.length) {
    throw badRequest('UNKNOWN_AUDIENCE', '所选组织不存在', 'audience.orgIds');
  }
  if (userIds.length > 0 && (await countExisting(trx, 'users', userIds)) !== userIds.length) {
    throw badRequest('UNKNOWN_AUDIENCE', '所选人员不存在', 'audience.userIds');
  }
  await replaceAudience(trx, surveyId, orgIds, userIds);
}
