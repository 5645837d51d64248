/** The one error shape of the API: a stable code for programs and a Chinese message for people. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, field?: string) => new AppError(400, code, message, field);
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', '请先登录');
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (message = '记录不存在或您无权查看') => new AppError(404, 'NOT_FOUND', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const tooManyRequests = (message = '操作过于频繁，请稍后再试') => new AppError(429, 'RATE_LIMITED', message);

/** A refusal by the policy: answered like any 403/404, and also written to the audit log. */
export class AccessDenied extends AppError {}

export const deniedNotFound = () => new AccessDenied(404, 'NOT_FOUND', '记录不存在或您无权查看');
export const deniedForbidden = () => new AccessDenied(403, 'FORBIDDEN', '您没有执行此操作的权限');
