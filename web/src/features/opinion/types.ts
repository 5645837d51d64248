import type { Role } from '../auth/types';

/**
 * Mirrors of the zod schemas in src/modules/opinion/schemas.ts. The web bundle never imports server
 * code; test/web-mirrors.test.ts keeps these in step.
 */

/** Who watches public opinion (OPINION_ROLES of src/modules/opinion/policy.ts). */
export const OPINION_ROLES: Role[] = ['dispatcher', 'leader'];

export const FACETS = ['all', 'unit', 'category', 'place'] as const;
export type Facet = (typeof FACETS)[number];
export const FACET_LABELS: Record<Facet, string> = { all: '全部', unit: '承办单位', category: '诉求类别', place: '地点' };

export const ALERT_STATES = ['open', 'acknowledged', 'responded'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const ALERT_STATE_LABELS: Record<AlertState, string> = { open: '待处置', acknowledged: '已知悉', responded: '已回应' };

export interface OverviewQuery {
  facet: Facet;
  value: string;
}

export interface TopicAppeal {
  id: string;
  trackingNo: string;
  excerpt: string;
  receivedAt: string;
}

export interface HotTopic {
  terms: string[];
  recent: number;
  expected: number;
  score: number;
  appeals: TopicAppeal[];
}

export interface OpinionAlert {
  id: string;
  orgName: string;
  term: string;
  day: string;
  observed: number;
  expected: number;
  pValue: number;
  relatedTerms: string[];
  state: AlertState;
  raisedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  responseText: string | null;
  respondedBy: string | null;
  respondedAt: string | null;
  publishedAt: string | null;
  version: number;
}

export interface PlaceCount {
  place: string;
  count: number;
  previous: number;
  topTerms: string[];
}

export interface OpinionOverview {
  window: { baselineFrom: string; recentFrom: string; to: string };
  appeals: { recent: number; baseline: number };
  topics: HotTopic[];
  cloud: { term: string; count: number }[];
  trend: { days: string[]; series: { term: string; counts: number[] }[] };
  places: PlaceCount[];
  alerts: OpinionAlert[];
  rule: string;
}

export interface RespondBody {
  version: number;
  text: string;
  publish: boolean;
}

export interface PublicResponse {
  id: string;
  term: string;
  text: string;
  orgName: string;
  publishedAt: string;
}
