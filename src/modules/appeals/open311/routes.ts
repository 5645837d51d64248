import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import { consumeRateLimit } from '../../../core/rateLimit';
import { getCategory, listCategories } from '../repository';
import { afterCommit } from '../routes/support';
import { formatOfUrl, requestedFormat, sendDocument, sendError, sendErrors, type Format } from './format';
import { registerFormBodyParser } from './formBody';
import { open311Policy } from './policy';
import { presentDiscovery, presentService, presentServiceDefinition } from './presenters';
import { createServiceRequest, listServiceRequests } from './requests';
import { ApiKeyCarrier, CreateRequestInput, requestFilter, RequestsQuery } from './schemas';

// FixMyStreet posts a description and a few fields; photos travel as a media_url, never inline.
const POST_BODY_LIMIT = 1024 * 1024;
/** Statuses the spec knows besides 400 ("basically 400 for any other error"), and our rate limit. */
const KEPT_STATUSES = new Set([403, 404, 429]);
const FRAMEWORK_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '请以 application/x-www-form-urlencoded（UTF-8）或 JSON 提交',
  FST_ERR_CTP_BODY_TOO_LARGE: '提交的内容过大',
};

const digest = (key: string) => createHash('sha256').update(key).digest();
/** Compared as digests in constant time, so the response time reveals nothing about a valid key. */
const isValidApiKey = (given: string, keys: string[]) => keys.some((key) => timingSafeEqual(digest(key), digest(given)));

const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}：${issue.message}` : issue.message));

/** Answers 404 in the spec's error form for an extension other than .xml or .json. */
const withFormat = (reply: FastifyReply, extension: string, send: (format: Format) => Promise<FastifyReply> | FastifyReply) => {
  const format = requestedFormat(extension);
  return format ? send(format) : sendError(reply, 'xml', 404, `不支持的格式 .${extension}，请用 .xml 或 .json`);
};

type WithFormat<P = object> = { Params: P & { format: string } };

/**
 * Open311 GeoReport v2 over the appeals desk (shared/domain/appeals.md §7). Every answer, errors
 * included, is in the spec's form, so this scope has its own error and not-found handlers instead of
 * the API's `{code, message}`; routes send their errors themselves rather than throw.
 */
export async function open311Routes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  registerFormBodyParser(app);

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const format = formatOfUrl(request.url);
    if (error instanceof AppError) {
      return sendError(reply, format, KEPT_STATUSES.has(error.status) ? error.status : 400, error.message);
    }
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendError(reply, format, 400, FRAMEWORK_ERRORS[error.code] ?? '请求无法解析');
    }
    request.log.error({ err: error }, 'open311 request failed');
    return sendError(reply, format, 500, '服务暂时不可用，请稍后再试');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, formatOfUrl(request.url), 404, '没有这个 Open311 资源'));

  app.get<WithFormat>('/discovery.:format', { config: { policy: open311Policy.discovery } }, async (request, reply) =>
    withFormat(reply, request.params.format, (format) =>
      sendDocument(reply, format, 'discovery', presentDiscovery(`${request.protocol}://${request.host}${app.prefix}`)),
    ),
  );

  app.get<WithFormat>('/services.:format', { config: { policy: open311Policy.services } }, async (request, reply) =>
    withFormat(reply, request.params.format, async (format) =>
      sendDocument(reply, format, 'services', (await listCategories(ctx.db)).map(presentService)),
    ),
  );

  app.get<WithFormat<{ code: string }>>('/services/:code.:format', { config: { policy: open311Policy.services } }, async (request, reply) =>
    withFormat(reply, request.params.format, async (format) => {
      const category = await getCategory(ctx.db, request.params.code);
      return category?.active === 1
        ? sendDocument(reply, format, 'service_definition', presentServiceDefinition(category))
        : sendError(reply, format, 404, `service_code ${request.params.code} 不存在`);
    }),
  );

  app.post<WithFormat>(
    '/requests.:format',
    { config: { policy: open311Policy.submit }, bodyLimit: POST_BODY_LIMIT },
    async (request, reply) =>
      withFormat(reply, request.params.format, async (format) => {
        // Counted with the H5 form's anonymous submissions: one limit per address, whatever the channel.
        if (!(await consumeRateLimit(ctx.db, `submit:${request.ip}`, ctx.config.anonymousSubmitsPerHour, 3600, ctx.clock.now()))) {
          return sendError(reply, format, 429, '提交过于频繁，请一小时后再试');
        }
        const apiKey = ApiKeyCarrier.safeParse(request.body).data?.api_key ?? ApiKeyCarrier.safeParse(request.query).data?.api_key;
        if (!apiKey || !isValidApiKey(apiKey, ctx.config.open311ApiKeys)) {
          return sendError(reply, format, 403, apiKey ? 'api_key 无效' : '缺少 api_key');
        }
        const input = CreateRequestInput.safeParse(request.body);
        if (!input.success) {
          return sendErrors(reply, format, 400, describeIssues(input.error));
        }
        const created = await createServiceRequest(ctx, input.data, request.meta);
        if (!created) {
          return sendError(reply, format, 404, `service_code ${input.data.service_code} 不存在`);
        }
        afterCommit(app);
        return sendDocument(reply, format, 'service_requests', created);
      }),
  );

  app.get<WithFormat>('/requests.:format', { config: { policy: open311Policy.requests } }, async (request, reply) =>
    withFormat(reply, request.params.format, async (format) => {
      const query = RequestsQuery.safeParse(request.query);
      if (!query.success) {
        return sendErrors(reply, format, 400, describeIssues(query.error));
      }
      const resolved = requestFilter(query.data, ctx.clock.now());
      if ('error' in resolved) {
        return sendError(reply, format, 400, resolved.error);
      }
      return sendDocument(reply, format, 'service_requests', await listServiceRequests(ctx, resolved.filter));
    }),
  );

  app.get<WithFormat<{ id: string }>>('/requests/:id.:format', { config: { policy: open311Policy.requests } }, async (request, reply) =>
    withFormat(reply, request.params.format, async (format) => {
      const found = await listServiceRequests(ctx, { trackingNos: [request.params.id] });
      return found.length > 0
        ? sendDocument(reply, format, 'service_requests', found)
        : sendError(reply, format, 404, `service_request_id ${request.params.id} 不存在`);
    }),
  );

  // Realtime intake returns the service_request_id at once and never issues a token.
  app.get<WithFormat<{ token: string }>>('/tokens/:token.:format', { config: { policy: open311Policy.tokens } }, async (request, reply) =>
    withFormat(reply, request.params.format, (format) => sendError(reply, format, 404, '本接口实时受理，不签发 token')),
  );
}
