import { z } from 'zod';

const DAY_MS = 86_400_000;
/** The longest range GET requests answers, and its default (the spec's "most recent 90 days"). */
const MAX_RANGE_DAYS = 90;

/** The spec: "an empty optional argument equals an absent one" (and so is a missing body). */
const withoutBlanks = (input: unknown) =>
  input !== null && typeof input === 'object' && !Array.isArray(input)
    ? Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '' && value !== null))
    : (input ?? {});

const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? '必须提供' : undefined) };
const text = (max: number) => z.string().trim().max(max);

export const CreateRequestInput = z.preprocess(
  withoutBlanks,
  z
    .object({
      service_code: z.string(required).trim().min(1).max(40),
      lat: z.coerce.number().min(-90).max(90).optional(),
      long: z.coerce.number().min(-180).max(180).optional(),
      address_string: text(200).optional(),
      address_id: text(100).optional(),
      first_name: text(24).optional(),
      last_name: text(24).optional(),
      phone: text(30).optional(),
      description: z.string().trim().max(4000, '不能超过 4000 个字符').optional(),
      attribute: z.record(text(100), z.union([text(1000), z.array(text(1000)).max(50)])).optional(),
    })
    .superRefine((input, ctx) => {
      if ((input.lat === undefined) !== (input.long === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['lat'], message: 'lat 与 long 须同时提供' });
      } else if (input.lat === undefined && !input.address_string && !input.address_id) {
        ctx.addIssue({ code: 'custom', path: [], message: '须提供位置：lat 与 long，或 address_string，或 address_id' });
      }
    }),
);
export type CreateRequestInput = z.infer<typeof CreateRequestInput>;

/** Where api_key may come from: the form body (the spec's example) or the query string (its swagger). */
export const ApiKeyCarrier = z.object({ api_key: z.string().min(1) });

const W3C_DATETIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A W3C datetime; without an offset it is read as Beijing time. A `+08:00` sent unencoded in a query
 * string arrives with a space for the plus, so a space before the offset counts as a plus.
 */
const w3cDatetime = z.string().transform((value, ctx) => {
  const match = W3C_DATETIME.exec(value.trim().replace(/ (\d{2}:\d{2})$/, '+$1'));
  const instant = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00:00'}${match[3] ?? '+08:00'}`) : Number.NaN;
  // Date.parse rolls an impossible day over (02-30 becomes 03-02); such a date is refused instead.
  const realDay = match !== null && new Date(Date.parse(`${match[1]}T00:00:00Z`)).toISOString().startsWith(match[1]);
  if (Number.isNaN(instant) || !realDay) {
    ctx.addIssue({ code: 'custom', message: '须为 W3C 日期时间，如 2026-03-01T00:00:00+08:00' });
    return z.NEVER;
  }
  return new Date(instant);
});

/** A parameter the spec lets clients declare several times or comma-delimited: both arrive as one list. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => {
    const entries = [value ?? []]
      .flat()
      .flatMap((entry) => String(entry).split(','))
      .map((entry) => entry.trim())
      .filter(Boolean);
    return entries.length > 0 ? entries : undefined;
  }, z.array(item).max(1000).optional());

export const RequestsQuery = z.preprocess(
  withoutBlanks,
  z.object({
    service_request_id: list(z.string().max(40)),
    service_code: list(z.string().max(40)),
    status: list(z.enum(['open', 'closed'])),
    start_date: w3cDatetime.optional(),
    end_date: w3cDatetime.optional(),
  }),
);

export interface RequestFilter {
  trackingNos?: string[];
  serviceCodes?: string[];
  status?: 'open' | 'closed';
  receivedFrom?: Date;
  receivedTo?: Date;
}

/**
 * The filter GET requests applies: service_request_id overrides every other argument; otherwise a
 * range of at most 90 days of requested_datetime, by default the most recent 90 days.
 */
export function requestFilter(query: z.infer<typeof RequestsQuery>, now: Date): { filter: RequestFilter } | { error: string } {
  if (query.service_request_id) {
    return { filter: { trackingNos: query.service_request_id } };
  }
  const span = MAX_RANGE_DAYS * DAY_MS;
  const end = query.end_date ?? (query.start_date ? new Date(query.start_date.getTime() + span) : now);
  const start = query.start_date ?? new Date(end.getTime() - span);
  if (end < start) {
    return { error: 'end_date 不能早于 start_date' };
  }
  if (end.getTime() - start.getTime() > span) {
    return { error: `start_date 与 end_date 相距不能超过 ${MAX_RANGE_DAYS} 天` };
  }
  const statuses = new Set(query.status);
  return {
    filter: {
      serviceCodes: query.service_code,
      // Both statuses asked for is the same as none.
      status: statuses.size === 1 ? [...statuses][0] : undefined,
      receivedFrom: start,
      receivedTo: end,
    },
  };
}
