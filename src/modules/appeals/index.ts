import type { z } from 'zod';
import type { ModuleManifest } from '../../server/modules';
import type { SubmitAppealBody } from './schemas';
import { subscribeAppealNotifications } from './notifications';
import { backfillAppealSearch, subscribeAppealSearch } from './search';
import { open311Routes } from './open311/routes';
import { actionRoutes } from './routes/actions';
import { inboxRoutes } from './routes/inbox';
import { publicRoutes } from './routes/public';
import { reportRoutes } from './routes/reports';
import { settingsRoutes } from './routes/settings';
import { similarRoutes } from './routes/similar';
import { sweepOverdueAppeals } from './sweep';
import { backfillAppealTriage, subscribeAppealTriage } from './triage/learn';
import { triageRoutes } from './triage/routes';

export { appealPolicy } from './policy';
export { submitAppeal } from './commands/submitAppeal';
export type SubmitAppealInput = z.infer<typeof SubmitAppealBody>;
export { performAppealAction, type ActionInput } from './commands/performAction';
export { sweepOverdueAppeals } from './sweep';
export { backfillAppealSearch } from './search';
export { backfillAppealTriage, rebuildAppealTriage } from './triage/learn';
export { effectiveLimitKind } from './deadlines';
export { APPEAL_SETTINGS_KEY, DEFAULT_APPEAL_SETTINGS, type AppealSettings } from './settings';

/** 接诉即办: the masses' appeals, from submission to rating. */
export const appealsModule: ModuleManifest = {
  name: 'appeals',
  routes: async (app) => {
    await publicRoutes(app);
    await inboxRoutes(app);
    await actionRoutes(app);
    await reportRoutes(app);
    await app.register(open311Routes, { prefix: '/open311/v2' });
    await settingsRoutes(app);
    await similarRoutes(app);
    await triageRoutes(app);
  },
  subscribe: (events, ctx) => {
    subscribeAppealNotifications(events, ctx);
    subscribeAppealSearch(events, ctx);
    subscribeAppealTriage(events, ctx);
  },
  jobs: [
    {
      name: 'appeals.search-backfill',
      intervalSeconds: () => 300,
      run: async (ctx) => {
        await backfillAppealSearch(ctx, 20);
      },
    },
    {
      name: 'appeals.triage-backfill',
      intervalSeconds: () => 300,
      run: async (ctx) => {
        await backfillAppealTriage(ctx, 20);
      },
    },
    {
      name: 'appeals.overdue-sweep',
      intervalSeconds: (ctx) => ctx.config.sweepIntervalSeconds,
      run: async (ctx) => {
        await sweepOverdueAppeals(ctx);
      },
    },
  ],
};
