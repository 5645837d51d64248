import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { audit } from '../core/context';
import { AccessDenied, AppError } from '../core/errors';

const FRAMEWORK_MESSAGES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', message: '提交的内容过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'EMPTY_BODY', message: '请求内容不能为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED', message: '请求参数不正确' },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AccessDenied) {
      await audit(app.ctx, app.ctx.db, request.meta, request.actor, {
        eventType: 'authz.denied',
        outcome: 'denied',
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url ?? request.url}`,
        detail: { status: error.status },
      });
    }
    if (error instanceof AppError) {
      return reply.status(error.status).send({ code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const field = [error.validationContext, ...(issue?.instancePath ?? '').split('/').filter(Boolean)].join('.');
      const message = issue?.message ?? '请求参数不正确';
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: `${field}：${message}`, field });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return reply.status(400).send(FRAMEWORK_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY);
    }
    const known = error.code ? FRAMEWORK_MESSAGES[error.code] : undefined;
    if (known || (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)) {
      return reply.status(error.statusCode ?? 400).send(known ?? { code: 'BAD_REQUEST', message: '请求不正确' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后再试' });
  });
}
