import type { AppContext } from '../../../core/context';
import type { EventProcessor } from '../../../core/events';
import { notifyMany, type NotificationFor } from '../../../core/notifications';
import { inList } from '../../../db/dialect';
import type { EventRow } from '../../../db/schema';

interface RegistrantPayload {
  registrationId: string;
  userId: string | null;
}

/**
 * Tells a registrant with an account what changed for them: a seat came free from the waitlist, or
 * the organizer chose them to speak. People who registered without an account see it when they look
 * their registration up with the code.
 */
export function subscribeHearingNotifications(events: EventProcessor, ctx: AppContext): void {
  const notify = (title: (topic: string) => string, body: string) => async (batch: EventRow[]) => {
    const relevant = batch.filter((event) => (JSON.parse(event.payload) as RegistrantPayload).userId);
    if (relevant.length === 0) {
      return;
    }
    const hearings = await ctx.db
      .selectFrom('hearings')
      .select(['id', 'topic'])
      .where(
        inList(
          ctx.db,
          'id',
          relevant.map((event) => event.subject_id),
        ),
      )
      .execute();
    const topics = new Map(hearings.map((hearing) => [hearing.id, hearing.topic]));
    const notifications: NotificationFor[] = relevant.map((event) => ({
      userIds: [(JSON.parse(event.payload) as RegistrantPayload).userId!],
      kind: event.type,
      title: title(topics.get(event.subject_id) ?? ''),
      body,
      link: `/h5/hearings/${event.subject_id}`,
    }));
    await notifyMany(ctx.db, ctx.clock, notifications);
  };

  events.on(
    'consult.hearing.promoted',
    notify((topic) => `候补转正：${topic}`, '有人取消了报名，您已从候补转为正式报名，请凭签到码按时参会。'),
  );
  events.on(
    'consult.hearing.speakerSelected',
    notify((topic) => `您被确定为发言人：${topic}`, '组织者已确定您在会上发言，请提前准备发言内容。'),
  );
}
