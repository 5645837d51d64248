import { z } from 'zod';

export const ErrorBody = z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).meta({ id: 'Error' });

/** The error responses every guarded route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
} as const;

export const Ok = z.object({ ok: z.literal(true) });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const IdParams = z.object({ id: z.string().uuid() });
