import type { AppContext } from '../../core/context';
import type { EventProcessor } from '../../core/events';
import { notifyUsers, usersWithRoleAt } from '../../core/notifications';
import type { EventRow } from '../../db/schema';
import { getAppeal } from './repository';

/** Tells the next person who has to act, after the change has committed. */
export function subscribeAppealNotifications(events: EventProcessor, ctx: AppContext): void {
  const link = (id: string) => `/console/appeals/${id}`;

  const toDispatchers = (title: string) => async (event: EventRow) => {
    const appeal = await getAppeal(ctx.db, event.subject_id);
    if (appeal) {
      const users = await usersWithRoleAt(ctx.db, ['dispatcher'], appeal.org_id);
      await notifyUsers(ctx.db, ctx.clock, users, { kind: event.type, title, body: `诉求 ${appeal.tracking_no}`, link: link(appeal.id) });
    }
  };

  const toUnit =
    (title: string, extraRoles: string[] = []) =>
    async (event: EventRow) => {
      const appeal = await getAppeal(ctx.db, event.subject_id);
      if (appeal?.unit_id) {
        const users = await usersWithRoleAt(ctx.db, ['handler', 'unit_head', ...extraRoles], appeal.unit_id);
        await notifyUsers(ctx.db, ctx.clock, users, { kind: event.type, title, body: `诉求 ${appeal.tracking_no}`, link: link(appeal.id) });
      }
    };

  events.on('appeals.submitted', toDispatchers('有新的群众诉求待派单'));
  events.on('appeals.requestReturn', toDispatchers('承办单位申请退单，请审核'));
  events.on('appeals.requestExtension', toDispatchers('承办单位申请延期，请审核'));
  events.on('appeals.reply', async (event) => {
    const payload = JSON.parse(event.payload) as { to?: string };
    if (payload.to === 'review') {
      await toDispatchers('承办单位已答复，请审核')(event);
    }
  });
  events.on('appeals.dispatch', toUnit('有新派发的诉求待签收'));
  events.on('appeals.approveReturn', toUnit('有改派的诉求待签收'));
  events.on('appeals.sendBack', toUnit('答复被退回，请重新办理'));
  events.on('appeals.rate', async (event) => {
    const payload = JSON.parse(event.payload) as { satisfaction?: string };
    if (payload.satisfaction === 'unsatisfied') {
      await toUnit('群众不满意，诉求已退回重办')(event);
    }
  });
  events.on('appeals.supervise', toUnit('诉求被督办，请抓紧办理', ['leader']));
}
