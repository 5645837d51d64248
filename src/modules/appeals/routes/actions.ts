import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { deniedNotFound } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { errorResponses, IdParams } from '../../../server/schemas';
import { workflowCommands } from '../commands';
import { appealPolicy } from '../policy';
import { getAppeal } from '../repository';
import { ActionBodies, AppealDetail } from '../schemas';
import { ACTION_LABELS, APPEAL_ACTIONS, type AppealAction } from '../stateMachine';
import { detailFor } from './load';
import { afterCommit, commandContext } from './support';

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
        await ctx.db.transaction().execute(async (trx) => {
          const appeal = await getAppeal(trx, request.params.id);
          if (!appeal) {
            throw deniedNotFound();
          }
          authorize(actor, appealPolicy[action], appeal);
          const command = workflowCommands[action] as (c: unknown, appeal: unknown, input: unknown) => Promise<unknown>;
          await command(await commandContext(ctx, trx, request), appeal, request.body);
        });
        afterCommit(app);
        return detailFor(ctx, actor, request.params.id);
      },
    );
  };
  APPEAL_ACTIONS.forEach(register);
}
