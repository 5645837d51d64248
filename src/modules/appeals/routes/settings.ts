import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../../core/context';
import { badRequest, notFound } from '../../../core/errors';
import { UNIT_KINDS } from '../../../core/orgs';
import { writeSetting } from '../../../core/settings';
import { errorResponses } from '../../../server/schemas';
import { requestSearchReindex } from '../commands/requestSearchReindex';
import { appealPolicy } from '../policy';
import { referenceData } from '../reference';
import { APPEAL_TYPES } from '../schemas';
import { APPEAL_SETTINGS_KEY, AppealSettings, LIMIT_KINDS, loadAppealSettings } from '../settings';

const CategoryBody = z.object({
  name: z.string().trim().min(1).max(40),
  appealType: z.enum(APPEAL_TYPES),
  limitKind: z.enum(LIMIT_KINDS),
  defaultUnitId: z.string().uuid().nullable(),
  description: z.string().trim().max(200).nullable(),
  sort: z.number().int().min(0).max(999),
  active: z.boolean(),
});
const CategoryView = CategoryBody.extend({ code: z.string() });

/** The system admin's knobs for the appeals desk: time limits, review step, KPI weights, categories, re-indexing. */
export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/admin/appeals/settings',
    { config: { policy: appealPolicy.configure }, schema: { tags: ['admin'], response: { 200: AppealSettings, ...errorResponses } } },
    async () => loadAppealSettings(ctx.db),
  );

  r.put(
    '/api/admin/appeals/settings',
    {
      config: { policy: appealPolicy.configure },
      schema: { tags: ['admin'], body: AppealSettings, response: { 200: AppealSettings, ...errorResponses } },
    },
    async (request) => {
      const { weights } = request.body.kpi;
      if (weights.response + weights.resolution + weights.satisfaction !== 100) {
        throw badRequest('WEIGHTS_NOT_100', '三率权重之和应为 100', 'body.kpi.weights');
      }
      await ctx.db.transaction().execute(async (trx) => {
        await writeSetting(trx, ctx.clock, APPEAL_SETTINGS_KEY, request.body, request.actor!.id);
        await audit(ctx, trx, request.meta, request.actor, {
          eventType: 'config.change',
          outcome: 'success',
          targetType: 'setting',
          targetId: APPEAL_SETTINGS_KEY,
          detail: request.body,
        });
      });
      referenceData(ctx).clear();
      return request.body;
    },
  );

  r.post(
    '/api/admin/appeals/search/reindex',
    {
      config: { policy: appealPolicy.configure },
      schema: {
        tags: ['admin'],
        description: '按当前领域词典在后台重新索引全部诉求（分批进行，约每 5 分钟一万件）。',
        response: { 200: z.object({ requestedAt: z.string() }), ...errorResponses },
      },
    },
    async (request) => ({ requestedAt: await requestSearchReindex(ctx, request.meta, request.actor!) }),
  );

  r.get(
    '/api/admin/appeals/categories',
    {
      config: { policy: appealPolicy.configure },
      schema: { tags: ['admin'], response: { 200: z.array(CategoryView), ...errorResponses } },
    },
    async () =>
      (await ctx.db.selectFrom('appeal_categories').selectAll().orderBy('sort').orderBy('code').execute()).map((row) => ({
        code: row.code,
        name: row.name,
        appealType: row.appeal_type as (typeof APPEAL_TYPES)[number],
        limitKind: row.limit_kind as (typeof LIMIT_KINDS)[number],
        defaultUnitId: row.default_unit_id,
        description: row.description,
        sort: row.sort,
        active: row.active === 1,
      })),
  );

  r.put(
    '/api/admin/appeals/categories/:code',
    {
      config: { policy: appealPolicy.configure },
      schema: {
        tags: ['admin'],
        params: z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '类别代码为小写字母、数字和下划线') }),
        body: CategoryBody,
        response: { 200: CategoryView, ...errorResponses },
      },
    },
    async (request) => {
      const { code } = request.params;
      const body = request.body;
      if (body.defaultUnitId) {
        const unit = await ctx.db.selectFrom('orgs').select('kind').where('id', '=', body.defaultUnitId).executeTakeFirst();
        if (!unit || !UNIT_KINDS.includes(unit.kind as (typeof UNIT_KINDS)[number])) {
          throw notFound('默认承办单位不存在');
        }
      }
      const row = {
        name: body.name,
        appeal_type: body.appealType,
        limit_kind: body.limitKind,
        default_unit_id: body.defaultUnitId,
        description: body.description,
        sort: body.sort,
        active: body.active ? 1 : 0,
      };
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('appeal_categories')
          .values({ code, ...row })
          .onConflict((oc) => oc.column('code').doUpdateSet(row))
          .execute();
        await audit(ctx, trx, request.meta, request.actor, {
          eventType: 'config.change',
          outcome: 'success',
          targetType: 'appeal_category',
          targetId: code,
          detail: body,
        });
      });
      referenceData(ctx).clear();
      return { code, ...body };
    },
  );
}
