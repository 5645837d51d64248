import chineseDays from 'chinese-days';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { errorResponses, Ok } from '../../server/schemas';
import { LAST_PACKAGED_YEAR } from '../calendar';
import { iso } from '../clock';
import { audit } from '../context';
import { notFound } from '../errors';
import { corePolicy } from '../policies';

const CalendarDay = z
  .object({
    date: z.string(),
    isWorkday: z.boolean(),
    note: z.string().nullable(),
    /** official: the State Council's holiday notice (from `chinese-days`); override: the admin's own entry. */
    source: z.enum(['official', 'override']),
  })
  .meta({ id: 'CalendarDay' });

type Day = z.infer<typeof CalendarDay>;

const DateParams = z.object({ date: z.iso.date() });

const DAY_MS = 86_400_000;

/** Holidays on weekdays and make-up working days (调休) on weekends, from the packaged official data. */
function officialDifferences(year: number): Day[] {
  const days: Day[] = [];
  for (let time = Date.UTC(year, 0, 1); new Date(time).getUTCFullYear() === year; time += DAY_MS) {
    const date = new Date(time).toISOString().slice(0, 10);
    const weekday = new Date(time).getUTCDay();
    const detail = chineseDays.getDayDetail(date);
    if (detail.work !== (weekday >= 1 && weekday <= 5)) {
      // The package names a day "Spring Festival,春节,4": English, Chinese, length of the holiday.
      days.push({ date, isWorkday: detail.work, note: detail.name.split(',')[1] ?? null, source: 'official' });
    }
  }
  return days;
}

const describeOverride = (row: { is_workday: number; note: string | null } | undefined) =>
  row ? { isWorkday: row.is_workday === 1, note: row.note } : null;

async function overridesOf(db: Kysely<Database>, year: number): Promise<Day[]> {
  const rows = await db
    .selectFrom('calendar_overrides')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
  return rows.map((row) => ({ date: row.date, isWorkday: row.is_workday === 1, note: row.note, source: 'override' }));
}

/**
 * The working-day calendar behind every deadline (接诉即办 counts working days). Official data
 * ships with the `chinese-days` package; the system admin corrects it and enters years it does not
 * know yet.
 */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/admin/calendar',
    {
      config: { policy: corePolicy.manageCalendar },
      schema: {
        tags: ['admin'],
        querystring: z.object({ year: z.coerce.number().int().min(2004).max(2099) }),
        response: { 200: z.object({ year: z.number().int(), officialData: z.boolean(), days: z.array(CalendarDay) }), ...errorResponses },
      },
    },
    async (request) => {
      const { year } = request.query;
      const days = new Map(officialDifferences(year).map((day) => [day.date, day]));
      for (const override of await overridesOf(ctx.db, year)) {
        days.set(override.date, override);
      }
      return {
        year,
        // Without official data the admin has to enter the year's holidays, or deadlines fall on them.
        officialData: year <= LAST_PACKAGED_YEAR,
        days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
      };
    },
  );

  r.put(
    '/api/admin/calendar/:date',
    {
      config: { policy: corePolicy.manageCalendar },
      schema: {
        tags: ['admin'],
        params: DateParams,
        body: z.object({ isWorkday: z.boolean(), note: z.string().trim().max(100).nullish() }),
        response: { 200: CalendarDay, ...errorResponses },
      },
    },
    async (request) => {
      const { date } = request.params;
      const day = {
        is_workday: request.body.isWorkday ? 1 : 0,
        note: request.body.note || null,
        updated_by: request.actor!.id,
        updated_at: iso(ctx.clock.now()),
      };
      await ctx.db.transaction().execute(async (trx) => {
        const previous = await trx
          .selectFrom('calendar_overrides')
          .select(['is_workday', 'note'])
          .where('date', '=', date)
          .executeTakeFirst();
        await trx
          .insertInto('calendar_overrides')
          .values({ date, ...day })
          .onConflict((oc) => oc.column('date').doUpdateSet(day))
          .execute();
        await audit(ctx, trx, request.meta, request.actor, {
          eventType: 'admin.calendar_set',
          outcome: 'success',
          targetType: 'calendar_day',
          targetId: date,
          detail: { isWorkday: request.body.isWorkday, note: day.note, previous: describeOverride(previous) },
        });
      });
      return { date, isWorkday: request.body.isWorkday, note: day.note, source: 'override' as const };
    },
  );

  r.delete(
    '/api/admin/calendar/:date',
    {
      config: { policy: corePolicy.manageCalendar },
      schema: { tags: ['admin'], params: DateParams, response: { 200: Ok, ...errorResponses } },
    },
    async (request) => {
      const { date } = request.params;
      await ctx.db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('calendar_overrides')
          .where('date', '=', date)
          .returning(['is_workday', 'note'])
          .executeTakeFirst();
        if (!removed) {
          throw notFound('该日期没有自定义设置');
        }
        await audit(ctx, trx, request.meta, request.actor, {
          eventType: 'admin.calendar_clear',
          outcome: 'success',
          targetType: 'calendar_day',
          targetId: date,
          detail: { previous: describeOverride(removed) },
        });
      });
      return { ok: true as const };
    },
  );
}
