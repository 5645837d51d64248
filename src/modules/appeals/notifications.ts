import type { AppContext } from '../../core/context';
import type { EventProcessor } from '../../core/events';
import { notifyDigest, notifyMany, usersWithRoleAt, type NotificationFor } from '../../core/notifications';
import { inList } from '../../db/dialect';
import type { Appeal, EventRow } from '../../db/schema';

type NotifiedAppeal = Pick<Appeal, 'id' | 'org_id' | 'unit_id' | 'tracking_no'>;
type Recipients = (appeal: NotifiedAppeal) => { roles: string[]; orgId: string | null };

const DISPATCHERS: Recipients = (appeal) => ({ roles: ['dispatcher'], orgId: appeal.org_id });
const unitWorkers =
  (extraRoles: string[] = []): Recipients =>
  (appeal) => ({ roles: ['handler', 'unit_head', ...extraRoles], orgId: appeal.unit_id });

const payloadOf = (event: EventRow) => JSON.parse(event.payload) as Record<string, unknown>;

/** Tells the next person who has to act, after the change has committed. */
export function subscribeAppealNotifications(events: EventProcessor, ctx: AppContext): void {
  /**
   * A batch handler: the batch's appeals are read in one query, the recipients once per
   * organisation, and all notifications stored with one insert.
   */
  const notify =
    (title: string, recipients: Recipients, applies: (event: EventRow) => boolean = () => true) =>
    async (batch: EventRow[]) => {
      const relevant = batch.filter(applies);
      if (relevant.length === 0) {
        return;
      }
      const appeals = await ctx.db
        .selectFrom('appeals')
        .select(['id', 'org_id', 'unit_id', 'tracking_no'])
        .where(
          inList(
            ctx.db,
            'id',
            relevant.map((event) => event.subject_id),
          ),
        )
        .execute();
      const byId = new Map(appeals.map((appeal) => [appeal.id, appeal]));
      const usersAt = new Map<string, Promise<string[]>>();
      const notifications: NotificationFor[] = [];
      for (const event of relevant) {
        const appeal = byId.get(event.subject_id);
        const { roles, orgId } = appeal ? recipients(appeal) : { roles: [], orgId: null };
        if (!appeal || !orgId) {
          continue;
        }
        const key = `${roles.join(',')}@${orgId}`;
        if (!usersAt.has(key)) {
          usersAt.set(key, usersWithRoleAt(ctx.db, roles, orgId));
        }
        notifications.push({
          userIds: await usersAt.get(key)!,
          kind: event.type,
          title,
          body: `诉求 ${appeal.tracking_no}`,
          link: `/console/appeals/${appeal.id}`,
        });
      }
      await notifyMany(ctx.db, ctx.clock, notifications);
    };

  // An appeal naming a danger to life or property reaches the leaders and dispatchers at once, on its own line.
  events.on('appeals.submitted', async (batch) => {
    const notifications: NotificationFor[] = [];
    for (const event of batch) {
      const { danger, trackingNo } = payloadOf(event) as { danger?: string[]; trackingNo?: string };
      if (danger?.length && event.org_id) {
        notifications.push({
          userIds: await usersWithRoleAt(ctx.db, ['leader', 'dispatcher'], event.org_id),
          kind: 'appeals.danger',
          title: `紧急诉求：${danger.join('、')}`,
          body: `诉求 ${trackingNo ?? ''} 已定为特急，请立即处置`,
          link: `/console/appeals/${event.subject_id}`,
        });
      }
    }
    await notifyMany(ctx.db, ctx.clock, notifications);
  });

  // New appeals come in streams: each dispatcher gets one line that counts them, not one per appeal.
  events.on('appeals.submitted', async (batch) => {
    const perOrg = new Map<string, number>();
    for (const event of batch) {
      if (event.org_id) {
        perOrg.set(event.org_id, (perOrg.get(event.org_id) ?? 0) + 1);
      }
    }
    for (const [orgId, count] of perOrg) {
      await notifyDigest(ctx.db, ctx.clock, {
        userIds: await usersWithRoleAt(ctx.db, ['dispatcher'], orgId),
        kind: 'appeals.submitted',
        collapseKey: 'appeals.to_dispatch',
        count,
        title: (total) => (total === 1 ? '有新的群众诉求待派单' : `有 ${total} 件新的群众诉求待派单`),
        body: '请到「待派单」派给承办单位',
        link: '/console/inbox?box=to_dispatch',
      });
    }
  });
  events.on('appeals.requestReturn', notify('承办单位申请退单，请审核', DISPATCHERS));
  events.on('appeals.requestExtension', notify('承办单位申请延期，请审核', DISPATCHERS));
  events.on(
    'appeals.reply',
    notify('承办单位已答复，请审核', DISPATCHERS, (event) => payloadOf(event).to === 'review'),
  );
  events.on('appeals.dispatch', notify('有新派发的诉求待签收', unitWorkers()));
  events.on('appeals.approveReturn', notify('有改派的诉求待签收', unitWorkers()));
  events.on('appeals.sendBack', notify('答复被退回，请重新办理', unitWorkers()));
  events.on(
    'appeals.rate',
    notify('群众不满意，诉求已退回重办', unitWorkers(), (event) => payloadOf(event).satisfaction === 'unsatisfied'),
  );
  events.on('appeals.supervise', notify('诉求被督办，请抓紧办理', unitWorkers(['leader'])));
}
