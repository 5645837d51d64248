import type { ModuleManifest } from '../server/modules';
import { authRoutes } from './routes/auth';

export const coreModule: ModuleManifest = {
  name: 'core',
  routes: async (app) => {
    await authRoutes(app);
  },
};
