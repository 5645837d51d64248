import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, IdParams } from '../../../server/schemas';
import { performAppealAction, type ActionInput } from '../commands/performAction';
import { appealPolicy } from '../policy';
import { ActionBodies, AppealDetail } from '../schemas';
import { ACTION_LABELS, APPEAL_ACTIONS, type AppealAction } from '../stateMachine';
import { detailFor } from './load';
import { afterCommit } from './support';

const kebab = (action: string) => action.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** One route per workflow action: POST /api/appeals/:id/<action>, each with its own body and rule. */
export async function actionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  const register = <A extends AppealAction>(action: A) => {
    r.post(
      `/api/appeals/:id/${kebab(action)}`,
      {
        config: { policy: appealPolicy[action] },
        schema: {
          tags: ['appeals'],
          summary: ACTION_LABELS[action],
          params: IdParams,
          body: ActionBodies[action],
          response: { 200: AppealDetail, ...errorResponses },
        },
      },
      async (request) => {
        const actor = request.actor!;
        await performAppealAction(ctx, action, request.params.id, request.body as ActionInput<A>, { actor, meta: request.meta });
        afterCommit(app);
        return detailFor(ctx, actor, request.params.id);
      },
    );
  };
  APPEAL_ACTIONS.forEach(register);
}
