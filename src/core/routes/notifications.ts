import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { affectedRows } from '../../db/dialect';
import { errorResponses, IdParams, Ok, PageQuery } from '../../server/schemas';
import { iso } from '../clock';
import { notFound } from '../errors';
import { corePolicy, notificationPolicy } from '../policies';
import { authorize } from '../policy';

const NotificationItem = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

/** The signed-in person's own notifications; nobody reads or marks anyone else's. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/notifications',
    {
      config: { policy: corePolicy.notifications },
      schema: {
        tags: ['notifications'],
        querystring: PageQuery,
        response: {
          200: z.object({
            items: z.array(NotificationItem),
            total: z.number().int(),
            unread: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const own = ctx.db.selectFrom('notifications').where('user_id', '=', request.actor!.id);
      const counts = await own
        .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('id').filterWhere('read_at', 'is', null).as('unread')])
        .executeTakeFirstOrThrow();
      const rows = await own
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          title: row.title,
          body: row.body,
          link: row.link,
          createdAt: row.created_at,
          readAt: row.read_at,
        })),
        total: Number(counts.total),
        unread: Number(counts.unread),
        page,
        pageSize,
      };
    },
  );

  r.post(
    '/api/notifications/:id/read',
    {
      config: { policy: notificationPolicy.markRead },
      schema: { tags: ['notifications'], params: IdParams, response: { 200: Ok, ...errorResponses } },
    },
    async (request) => {
      const notification = await ctx.db
        .selectFrom('notifications')
        .select(['id', 'user_id'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!notification) {
        throw notFound();
      }
      authorize(request.actor!, notificationPolicy.markRead, notification);
      await ctx.db
        .updateTable('notifications')
        .set({ read_at: iso(ctx.clock.now()) })
        .where('id', '=', notification.id)
        .where('read_at', 'is', null)
        .execute();
      return { ok: true as const };
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      config: { policy: corePolicy.notifications },
      schema: { tags: ['notifications'], response: { 200: z.object({ marked: z.number().int() }), ...errorResponses } },
    },
    async (request) => {
      const result = await ctx.db
        .updateTable('notifications')
        .set({ read_at: iso(ctx.clock.now()) })
        .where('user_id', '=', request.actor!.id)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return { marked: affectedRows(result) };
    },
  );
}
