import type { ModuleManifest } from '../server/modules';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { calendarRoutes } from './routes/calendar';
import { notificationRoutes } from './routes/notifications';
import { orgRoutes } from './routes/orgs';
import { textRoutes } from './routes/text';

export const coreModule: ModuleManifest = {
  name: 'core',
  routes: async (app) => {
    await authRoutes(app);
    await adminRoutes(app);
    await calendarRoutes(app);
    await notificationRoutes(app);
    await orgRoutes(app);
    await textRoutes(app);
  },
};
