import { z } from 'zod';
import { ALERT_STATES } from '../../db/migrations/0008_opinion';
import { PageQuery } from '../../server/schemas';

export const FACETS = ['all', 'unit', 'category', 'place'] as const;

export const OverviewQuery = z
  .object({
    facet: z.enum(FACETS).default('all'),
    value: z.string().trim().max(60).default(''),
  })
  .refine((query) => (query.facet === 'all') === (query.value === ''), {
    message: '请同时选择维度和取值',
    path: ['value'],
  });

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const HotTopicView = z.object({
  terms: z.array(z.string()),
  recent: z.number().int(),
  expected: z.number(),
  score: z.number(),
  appeals: z.array(z.object({ id: z.string(), trackingNo: z.string(), excerpt: z.string(), receivedAt: z.string() })),
});

export const AlertView = z.object({
  id: z.string(),
  orgName: z.string(),
  term: z.string(),
  day: Day,
  observed: z.number().int(),
  expected: z.number(),
  pValue: z.number(),
  relatedTerms: z.array(z.string()),
  state: z.enum(ALERT_STATES),
  raisedAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  responseText: z.string().nullable(),
  respondedBy: z.string().nullable(),
  respondedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});

export const PlaceView = z.object({
  place: z.string(),
  count: z.number().int(),
  previous: z.number().int(),
  topTerms: z.array(z.string()),
});

export const OverviewView = z.object({
  window: z.object({ baselineFrom: Day, recentFrom: Day, to: Day }),
  appeals: z.object({ recent: z.number().int(), baseline: z.number().int() }),
  topics: z.array(HotTopicView),
  cloud: z.array(z.object({ term: z.string(), count: z.number().int() })),
  trend: z.object({ days: z.array(Day), series: z.array(z.object({ term: z.string(), counts: z.array(z.number().int()) })) }),
  places: z.array(PlaceView),
  alerts: z.array(AlertView),
  rule: z.string(),
});

export const AlertListQuery = PageQuery.extend({ state: z.enum(ALERT_STATES).optional() });
export const AlertPage = z.object({
  items: z.array(AlertView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const AcknowledgeBody = z.object({ version: z.number().int().min(1) });
export const RespondBody = z.object({
  version: z.number().int().min(1),
  text: z.string().trim().min(10, '回应内容至少 10 个字').max(2000, '回应内容不超过 2000 字'),
  publish: z.boolean(),
});

export const PublicResponse = z.object({
  id: z.string(),
  term: z.string(),
  text: z.string(),
  orgName: z.string(),
  publishedAt: z.string(),
});
export const PublicResponses = z.object({ items: z.array(PublicResponse) });
