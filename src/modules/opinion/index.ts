import type { ModuleManifest } from '../../server/modules';
import { backfillOpinionCounts, countAppeals, moveToUnits } from './counting';
import { opinionRoutes } from './routes';
import { raiseSurgeAlerts } from './surges';

export { backfillOpinionCounts } from './counting';
export { raiseSurgeAlerts } from './surges';

const ALERT_INTERVAL_SECONDS = 600;
/** Events that hand an appeal to a unit (派单, and 退单 approved with another unit), their payload naming it. */
const UNIT_CHANGING_EVENTS = ['appeals.dispatch', 'appeals.approveReturn'];

/** 舆情监测: what the masses write, counted as it arrives; hot topics, surge alerts and the responses to them. */
export const opinionModule: ModuleManifest = {
  name: 'opinion',
  routes: opinionRoutes,
  subscribe: (events, ctx) => {
    events.on('appeals.submitted', (batch) =>
      countAppeals(ctx, [...new Set(batch.map((event) => event.subject_id))]).then(() => undefined),
    );
    for (const type of UNIT_CHANGING_EVENTS) {
      events.on(type, (batch) => moveToUnits(ctx.db, batch));
    }
  },
  jobs: [
    {
      name: 'opinion.backfill',
      intervalSeconds: () => 300,
      run: async (ctx) => {
        await backfillOpinionCounts(ctx, 20);
      },
    },
    {
      name: 'opinion.surge-alerts',
      intervalSeconds: () => ALERT_INTERVAL_SECONDS,
      run: async (ctx) => {
        await raiseSurgeAlerts(ctx.db, ctx.clock);
      },
    },
  ],
};
