import type { Db } from '../../../db/database';
import { TERMINAL_STATES } from '../stateMachine';
import type { RequestFilter } from './schemas';

/** The spec's response volume: at most the first 1000 requests. */
const MAX_REQUESTS = 1000;

/**
 * Appeals as Open311 service requests, newest first. Only columns fit for the public are selected:
 * never the complainant's contact fields, so they cannot leak into a response by mistake.
 */
export function findServiceRequests(db: Db, filter: RequestFilter) {
  let query = db
    .selectFrom('appeals')
    .innerJoin('appeal_categories', 'appeal_categories.code', 'appeals.category_code')
    .leftJoin('orgs', 'orgs.id', 'appeals.unit_id')
    .leftJoin('appeals as master', 'master.id', 'appeals.merged_into_id')
    .select([
      'appeals.tracking_no',
      'appeals.state',
      'appeals.category_code',
      'appeals.content',
      'appeals.address',
      'appeals.lat',
      'appeals.lng',
      'appeals.publicable',
      'appeals.reply_text',
      'appeals.received_at',
      'appeals.updated_at',
      'appeals.closed_at',
      'appeals.due_at',
      'appeal_categories.name as category_name',
      'appeal_categories.limit_kind',
      'orgs.name as unit_name',
      'master.tracking_no as merged_into_tracking_no',
    ]);
  if (filter.trackingNos) {
    query = query.where('appeals.tracking_no', 'in', filter.trackingNos);
  }
  if (filter.serviceCodes) {
    query = query.where('appeals.category_code', 'in', filter.serviceCodes);
  }
  if (filter.status) {
    query = query.where('appeals.state', filter.status === 'closed' ? 'in' : 'not in', TERMINAL_STATES);
  }
  if (filter.receivedFrom) {
    query = query.where('appeals.received_at', '>=', filter.receivedFrom.toISOString());
  }
  if (filter.receivedTo) {
    query = query.where('appeals.received_at', '<=', filter.receivedTo.toISOString());
  }
  return query.orderBy('appeals.received_at', 'desc').orderBy('appeals.id').limit(MAX_REQUESTS).execute();
}

export type ServiceRequestRow = Awaited<ReturnType<typeof findServiceRequests>>[number];
