import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../core/actor';
import { shanghaiDate } from '../../core/calendar';
import { deniedNotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import { inList } from '../../db/dialect';
import type { Db } from '../../db/database';
import { afterCommit } from '../../server/afterCommit';
import { errorResponses, IdParams } from '../../server/schemas';
import { getAlert, listAlerts, publishedResponses } from './alertRepository';
import { acknowledgeAlert, respondToAlert, type AlertCommandContext } from './commands/alertCommands';
import { placeList } from './places';
import { OPINION_ROLES, opinionPolicy } from './policy';
import { OPINION_RULE, presentAlert } from './presenters';
import { opinionOverview } from './topics';
import {
  AcknowledgeBody,
  AlertListQuery,
  AlertPage,
  AlertView,
  OverviewQuery,
  OverviewView,
  PublicResponses,
  RespondBody,
} from './schemas';

const EXCERPT_LENGTH = 60;
const DASHBOARD_ALERTS = 20;
const PUBLIC_RESPONSES = 10;

async function topicAppeals(db: Db, ids: readonly string[]) {
  if (ids.length === 0) {
    return new Map<string, { id: string; trackingNo: string; excerpt: string; receivedAt: string }>();
  }
  const rows = await db
    .selectFrom('appeals')
    .select(['id', 'tracking_no', 'content', 'received_at'])
    .where(inList(db, 'id', ids))
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, trackingNo: row.tracking_no, excerpt: row.content.slice(0, EXCERPT_LENGTH), receivedAt: row.received_at },
    ]),
  );
}

/** 舆情监测: the dashboard's figures, the alerts with their acknowledgement and response, and the published responses. */
export async function opinionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const orgsOf = (actor: Actor) => actor.orgsFor(OPINION_ROLES);

  r.get(
    '/api/opinion/overview',
    {
      config: { policy: opinionPolicy.overview },
      schema: { tags: ['opinion'], summary: '舆情看板', querystring: OverviewQuery, response: { 200: OverviewView, ...errorResponses } },
    },
    async (request) => {
      const orgs = orgsOf(request.actor!);
      const today = shanghaiDate(ctx.clock.now());
      const overview = await opinionOverview(ctx.db, { orgs, ...request.query }, today);
      const [appeals, places, alerts] = await Promise.all([
        topicAppeals(ctx.db, [...new Set(overview.topics.flatMap((topic) => topic.appealIds))]),
        placeList(ctx.db, orgs, today),
        listAlerts(ctx.db, orgs, { page: 1, pageSize: DASHBOARD_ALERTS }),
      ]);
      return {
        ...overview,
        topics: overview.topics.map(({ appealIds, ...topic }) => ({
          ...topic,
          appeals: appealIds.flatMap((id) => appeals.get(id) ?? []),
        })),
        places,
        alerts: alerts.rows.map(presentAlert),
        rule: OPINION_RULE,
      };
    },
  );

  r.get(
    '/api/opinion/alerts',
    {
      config: { policy: opinionPolicy.alerts },
      schema: { tags: ['opinion'], summary: '舆情预警列表', querystring: AlertListQuery, response: { 200: AlertPage, ...errorResponses } },
    },
    async (request) => {
      const { rows, total } = await listAlerts(ctx.db, orgsOf(request.actor!), request.query);
      return { items: rows.map(presentAlert), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  const alertAction = async (
    actor: Actor,
    meta: AlertCommandContext['meta'],
    id: string,
    policy: string,
    act: (c: AlertCommandContext, alert: NonNullable<Awaited<ReturnType<typeof getAlert>>>) => Promise<void>,
  ) => {
    await ctx.db.transaction().execute(async (trx) => {
      const alert = await getAlert(trx, id);
      if (!alert) {
        throw deniedNotFound();
      }
      authorize(actor, policy, alert);
      await act({ app: ctx, trx, actor, meta, now: ctx.clock.now() }, alert);
    });
    afterCommit(app);
    const { rows } = await listAlerts(ctx.db, 'all', { ids: [id], page: 1, pageSize: 1 });
    return presentAlert(rows[0]);
  };

  r.post(
    '/api/opinion/alerts/:id/acknowledge',
    {
      config: { policy: opinionPolicy.acknowledge },
      schema: {
        tags: ['opinion'],
        summary: '预警已知悉',
        params: IdParams,
        body: AcknowledgeBody,
        response: { 200: AlertView, ...errorResponses },
      },
    },
    async (request) =>
      alertAction(request.actor!, request.meta, request.params.id, opinionPolicy.acknowledge, (c, alert) =>
        acknowledgeAlert(c, alert, request.body.version),
      ),
  );

  r.post(
    '/api/opinion/alerts/:id/respond',
    {
      config: { policy: opinionPolicy.respond },
      schema: {
        tags: ['opinion'],
        summary: '回应预警（可发布到公开栏）',
        params: IdParams,
        body: RespondBody,
        response: { 200: AlertView, ...errorResponses },
      },
    },
    async (request) =>
      alertAction(request.actor!, request.meta, request.params.id, opinionPolicy.respond, (c, alert) =>
        respondToAlert(c, alert, request.body),
      ),
  );

  r.get(
    '/api/public/opinion/responses',
    {
      config: { policy: opinionPolicy.publicResponses },
      schema: { tags: ['public'], summary: '公开栏：对群众关切的回应', response: { 200: PublicResponses, ...errorResponses } },
    },
    async () => ({
      items: (await publishedResponses(ctx.db, PUBLIC_RESPONSES)).map((row) => ({
        id: row.id,
        term: row.term,
        text: row.response_text ?? '',
        orgName: row.org_name,
        publishedAt: row.published_at!,
      })),
    }),
  );
}
