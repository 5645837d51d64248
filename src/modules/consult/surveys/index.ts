import type { ModuleManifest } from '../../../server/modules';
import { surveyBoardRoutes } from './routes/board';
import { surveyManageRoutes } from './routes/manage';
import { surveyRespondRoutes } from './routes/respond';
import { surveyResultRoutes } from './routes/results';
import { closeDueSurveys } from './schedule';

export { answerSurvey } from './commands/answerSurvey';
export { closeSurvey, publishSurvey, publishSurveyResults } from './commands/changeSurveyState';
export { openSurveyCommand } from './commands/context';
export { createSurvey } from './commands/createSurvey';
export { CreateSurveyBody } from './schemas';
export { closeDueSurveys } from './schedule';
export { SURVEY_TEMPLATES } from './templates';

/** 问卷调查: questionnaires in SurveyJS JSON, answered on the H5 or by a public link, counted live. */
export const surveysPart: ModuleManifest = {
  name: 'consult.surveys',
  routes: async (app) => {
    await surveyManageRoutes(app);
    await surveyResultRoutes(app);
    await surveyRespondRoutes(app);
    await surveyBoardRoutes(app);
  },
  jobs: [
    {
      name: 'consult.survey-closing',
      intervalSeconds: () => 300,
      run: async (ctx) => {
        await closeDueSurveys(ctx);
      },
    },
  ],
};
