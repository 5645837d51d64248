import type { ModuleManifest } from '../../../server/modules';
import { subscribeHearingNotifications } from './notifications';
import { manageRoutes } from './routes/manage';
import { readerRoutes } from './routes/reader';
import { registrationRoutes } from './routes/registrations';

export { hearingPolicy } from './policy';

/** 听证会、议事会、恳谈会: registration with seats and a waitlist, speakers, check-in at the door, minutes and a published outcome. */
export const hearingsPart: ModuleManifest = {
  name: 'consult.hearings',
  routes: async (app) => {
    await readerRoutes(app);
    await registrationRoutes(app);
    await manageRoutes(app);
  },
  subscribe: subscribeHearingNotifications,
};

// The demo plays its hearings through the same commands as the routes.
export { openHearingCommand } from './commands/context';
export { createHearing, transitionHearing } from './commands/manageHearing';
export { concludeHearing, recordMinutes } from './commands/outcomeCommands';
export { registerForHearing } from './commands/registerForHearing';
export { checkInRegistrant, selectSpeaker } from './commands/registrantCommands';
export { CreateHearingBody, RegisterBody } from './schemas';
