import type { z } from 'zod';
import type { AlertListRow } from './alertRepository';
import type { AlertView } from './schemas';
import { BASELINE_DAYS, MIN_COUNT, MIN_DAILY_RATE, RECENT_DAYS, SURGE_DAYS, SURGE_P_VALUE } from './statistics';

export const presentAlert = (row: AlertListRow): z.infer<typeof AlertView> => ({
  id: row.id,
  orgName: row.org_name,
  term: row.term,
  day: row.day,
  observed: row.observed,
  expected: row.expected,
  pValue: row.p_value,
  relatedTerms: JSON.parse(row.related_terms) as string[],
  state: row.state as z.infer<typeof AlertView>['state'],
  raisedAt: row.raised_at,
  acknowledgedBy: row.acknowledger_name,
  acknowledgedAt: row.acknowledged_at,
  responseText: row.response_text,
  respondedBy: row.responder_name,
  respondedAt: row.responded_at,
  publishedAt: row.published_at,
  version: row.version,
});

/** The rules, as the dashboard states them to its readers. */
export const OPINION_RULE =
  `热点：近 ${RECENT_DAYS} 天提到某词的诉求数，比按此前 ${BASELINE_DAYS} 天该词占全部诉求的比例推算的数量高出越多（以泊松标准差计）越靠前，` +
  `至少 ${MIN_COUNT} 件；常出现在同一批诉求中的词合并为一个话题。` +
  `预警：昨天和今天提到某词的诉求数 c 至少 ${MIN_COUNT} 件，且在泊松分布 Poisson(${SURGE_DAYS}×λ×v) 下出现 c 件或更多的概率低于 ${SURGE_P_VALUE}；` +
  `λ 为此前 ${BASELINE_DAYS} 天该词的日均诉求数（不低于 ${MIN_DAILY_RATE}），v 为这两天其余诉求量相对以往的倍数（不低于 1）。`;
