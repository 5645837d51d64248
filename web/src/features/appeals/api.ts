import { api, toQuery } from '../../shared/http';
import { actionSlug } from './labels';
import type {
  ActionBodies,
  AppealAction,
  AppealDetail,
  AppealListQuery,
  AppealPage,
  AppealSearchPage,
  AppealSearchQuery,
  BoardPage,
  BoardQuery,
  Category,
  InboxCounts,
  LookupBody,
  PublicAppeal,
  PublicSimilarAppeals,
  RateBody,
  RevealResult,
  SimilarAppeals,
  SimilarQuery,
  SupportResult,
  SubmitAppealBody,
  SubmitAppealResult,
  TriageSuggestion,
} from './types';

const publicCall = { authRedirect: false } as const;

export const appealsApi = {
  categories: () => api<Category[]>('/api/appeals/categories', publicCall),

  /** The key is made once per filled form and sent again on a retry, so a retry never files twice. */
  submit: (body: SubmitAppealBody, idempotencyKey: string) =>
    api<SubmitAppealResult>('/api/public/appeals', { ...publicCall, body, headers: { 'Idempotency-Key': idempotencyKey } }),

  lookup: (body: LookupBody) => api<PublicAppeal>('/api/public/appeals/lookup', { ...publicCall, body }),
  rate: (body: RateBody) => api<PublicAppeal>('/api/public/appeals/rate', { ...publicCall, body }),
  board: (query: BoardQuery, signal?: AbortSignal) =>
    api<BoardPage>(`/api/public/board${toQuery({ ...query })}`, { ...publicCall, signal }),

  /** Open public appeals telling of the same problem, while the citizen types (rate-limited per address). */
  similarPublic: (body: SimilarQuery, signal?: AbortSignal) =>
    api<PublicSimilarAppeals>('/api/public/appeals/similar', { ...publicCall, body, signal }),
  /** "我也遇到了": one more voice for an open public appeal, instead of filing the same thing again. */
  support: (trackingNo: string) => api<SupportResult>('/api/public/appeals/support', { ...publicCall, body: { trackingNo } }),

  mine: (page: number) => api<AppealPage>(`/api/my/appeals${toQuery({ page })}`),

  list: (query: AppealListQuery) => api<AppealPage>(`/api/appeals${toQuery({ ...query })}`),
  /** Full-text search within the viewer's scope; a Traditional query finds Simplified text and back. */
  search: (query: AppealSearchQuery, signal?: AbortSignal) =>
    api<AppealSearchPage>(`/api/appeals/search${toQuery({ ...query })}`, { signal }),
  counts: () => api<InboxCounts>('/api/appeals/counts'),
  detail: (id: string) => api<AppealDetail>(`/api/appeals/${encodeURIComponent(id)}`),
  /** Likely duplicates of the appeal within the viewer's scope, best first. */
  similar: (id: string, signal?: AbortSignal) => api<SimilarAppeals>(`/api/appeals/${encodeURIComponent(id)}/similar`, { signal }),
  /** 智能建议: the category and unit learned from past dispatches, for a viewer who may dispatch it. */
  triage: (id: string, signal?: AbortSignal) => api<TriageSuggestion>(`/api/appeals/${encodeURIComponent(id)}/triage`, { signal }),
  act: <A extends AppealAction>(id: string, action: A, body: ActionBodies[A]) =>
    api<AppealDetail>(`/api/appeals/${encodeURIComponent(id)}/${actionSlug(action)}`, { body }),
  reveal: (id: string, reason: string) => api<RevealResult>(`/api/appeals/${encodeURIComponent(id)}/reveal`, { body: { reason } }),
  exportPath: (query: AppealListQuery) => {
    const { page: _page, pageSize: _pageSize, ...filters } = query;
    return `/api/appeals/export.xlsx${toQuery({ ...filters })}`;
  },
};
