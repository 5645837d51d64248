/** The API's one error shape: a stable code for programs and a Chinese message that can be shown as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface AuthHandlers {
  /** 401: nobody is signed in (or the session expired). */
  unauthenticated: () => void;
  /** 403 PASSWORD_CHANGE_REQUIRED: the account must set a new password first. */
  passwordChangeRequired: () => void;
}

let authHandlers: AuthHandlers = {
  unauthenticated: () => window.location.assign(loginPath()),
  passwordChangeRequired: () => window.location.assign('/console/password'),
};

/** Lets the router take over the redirects, so they keep the single-page state. */
export function setAuthHandlers(handlers: AuthHandlers): void {
  authHandlers = handlers;
}

export function loginPath(next = window.location.pathname + window.location.search): string {
  return next.startsWith('/console/login') ? '/console/login' : `/console/login?next=${encodeURIComponent(next)}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** false for public pages and the login form: a 401 there is an answer, not a reason to redirect. */
  authRedirect?: boolean;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容不正确',
  401: '请先登录',
  403: '您没有执行此操作的权限',
  404: '记录不存在或您无权查看',
  409: '记录已被他人更新，请刷新后重试',
  413: '提交的内容过大，请减少照片后重试',
  429: '操作过于频繁，请稍后再试',
};

function fallbackMessage(status: number): string {
  return STATUS_MESSAGES[status] ?? (status >= 500 ? '服务器暂时无法处理，请稍后再试' : '请求失败，请稍后再试');
}

async function errorFrom(response: Response): Promise<ApiError> {
  let payload: { code?: unknown; message?: unknown; field?: unknown } = {};
  try {
    payload = (await response.json()) as typeof payload;
  } catch {
    // A proxy's HTML error page or an empty body: fall back to a message by status.
  }
  return new ApiError(
    response.status,
    typeof payload.code === 'string' ? payload.code : `HTTP_${response.status}`,
    typeof payload.message === 'string' && payload.message !== '' ? payload.message : fallbackMessage(response.status),
    typeof payload.field === 'string' ? payload.field : undefined,
  );
}

/** Sends a request with the session cookie and returns the parsed JSON, or throws an ApiError. */
export async function fetchRaw(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (options.authRedirect !== false) {
      if (error.status === 401) {
        authHandlers.unauthenticated();
      } else if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') {
        authHandlers.passwordChangeRequired();
      }
    }
    throw error;
  }
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetchRaw(path, options);
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Query string from a filter object, leaving out empty values. */
export function toQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export const errorMessage = (error: unknown): string =>
  error instanceof ApiError ? error.message : error instanceof Error && error.message ? error.message : '操作失败，请稍后再试';

/** Retry only what may succeed later: network failures and server errors, twice at most. */
export const retryTransient = (failureCount: number, error: unknown): boolean =>
  failureCount < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500);

/** The form field a server error points at: `body.contactPhone` → `contactPhone`, `photos.2` → `photos`. */
export function errorField(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || !error.field) {
    return undefined;
  }
  const parts = error.field.split('.').filter((part) => part !== 'body' && part !== 'querystring' && !/^\d+$/.test(part));
  return parts[0];
}
