import type { ModuleManifest } from '../../server/modules';
import { appraisalPart } from './appraisal';
import { electionsPart } from './elections';
import { hearingsPart } from './hearings';
import { surveysPart } from './surveys';

export * as appraisal from './appraisal';
export * as elections from './elections';
export * as hearings from './hearings';
export * as surveys from './surveys';

/**
 * The parts of 协商议事, each owning its tables, routes, policy and jobs in its own folder: surveys,
 * hearings, role-model elections and democratic appraisal. Other modules use them only through here.
 */
const parts: ModuleManifest[] = [electionsPart, hearingsPart, surveysPart, appraisalPart];

/** 协商议事: decisions that touch people are first discussed with them. */
export const consultModule: ModuleManifest = {
  name: 'consult',
  routes: async (app) => {
    for (const part of parts) {
      await part.routes(app);
    }
  },
  subscribe: (events, ctx) => {
    for (const part of parts) {
      part.subscribe?.(events, ctx);
    }
  },
  jobs: parts.flatMap((part) => part.jobs ?? []),
};
