import { scrubPersonalData } from '../../../core/masking';
import type { AppealCategory } from '../../../db/schema';
import { APPEAL_TYPE_LABELS } from '../schemas';
import type { AppealSettings, LimitKind, TimeLimit } from '../settings';
import { TERMINAL_STATES, type AppealState } from '../stateMachine';
import type { ServiceRequestRow } from './repository';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** The spec's limit on a description; attributes kept with the text can take it past that. */
const MAX_DESCRIPTION = 4000;

/** Changed by hand whenever this endpoint's behaviour changes, as Service Discovery asks. */
const ENDPOINT_CHANGESET = '2026-03-02T00:00:00+08:00';

/** The spec wants every timestamp with its offset; Beijing time reads naturally to our users. */
const beijingTime = (instant: string): string => `${new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;

export const presentDiscovery = (endpointUrl: string) => ({
  changeset: ENDPOINT_CHANGESET,
  contact: '接口问题请联系本平台管理员',
  key_service: 'api_key 由平台管理员签发（OPEN311_API_KEYS）',
  endpoints: [
    {
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: endpointUrl,
      changeset: ENDPOINT_CHANGESET,
      type: 'production',
      formats: ['text/xml', 'application/json'],
    },
  ],
});

type AppealType = keyof typeof APPEAL_TYPE_LABELS;

/** A service is an appeal category, grouped by its appeal type (咨询, 投诉, …). No attributes yet: metadata false. */
export function presentService(category: AppealCategory) {
  const typeLabel = APPEAL_TYPE_LABELS[category.appeal_type as AppealType];
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.description,
    metadata: false,
    type: 'realtime',
    keywords: `${typeLabel},${category.appeal_type}`,
    group: typeLabel,
  };
}

export const presentServiceDefinition = (category: AppealCategory) => ({ service_code: category.code, attributes: [] });

/** What the citizen can expect: the category's time limit, counted from dispatch to the handling unit. */
export const serviceNotice = (limit: TimeLimit): string =>
  'hours' in limit ? `派单后 ${limit.hours} 小时内办理答复` : `派单后 ${limit.workdays} 个工作日内办理答复`;

function statusNotes(row: ServiceRequestRow, published: boolean): string | null {
  if (row.merged_into_tracking_no) {
    return `已并入受理编号 ${row.merged_into_tracking_no} 一并办理`;
  }
  return published && row.reply_text ? scrubPersonalData(row.reply_text) : null;
}

/**
 * An appeal as a service request. Never the complainant's identity; the text and the place only when
 * the citizen agreed to publication (Open311 submissions always do: their origin publishes them), and
 * even then with phone and ID numbers scrubbed from the text.
 */
export function presentServiceRequest(row: ServiceRequestRow, limits: AppealSettings['limits']) {
  const state = row.state as AppealState;
  const closed = TERMINAL_STATES.includes(state);
  const published = row.publicable === 1;
  return {
    service_request_id: row.tracking_no,
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes(row, published),
    service_name: row.category_name,
    service_code: row.category_code,
    description: published && row.content !== '' ? scrubPersonalData(row.content).slice(0, MAX_DESCRIPTION) : null,
    agency_responsible: row.unit_name,
    service_notice: serviceNotice(limits[row.limit_kind as LimitKind]),
    requested_datetime: beijingTime(row.received_at),
    // The spec: for a closed request, the time it was closed.
    updated_datetime: beijingTime(closed ? (row.closed_at ?? row.updated_at) : row.updated_at),
    expected_datetime: row.due_at ? beijingTime(row.due_at) : null,
    address: published ? row.address : null,
    lat: published ? row.lat : null,
    long: published ? row.lng : null,
    // Extension: our own workflow state (shared/domain/appeals.md §2) behind the coarse open/closed.
    sub_status: state,
  };
}
