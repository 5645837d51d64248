import { coreModule } from './core';
import { appealsModule } from './modules/appeals';
import { articlesModule } from './modules/articles';
import { consultModule } from './modules/consult';
import { opinionModule } from './modules/opinion';
import type { ModuleManifest } from './server/modules';

/** Every module of the platform, in registration order. */
export const allModules: ModuleManifest[] = [coreModule, appealsModule, articlesModule, opinionModule, consultModule];
