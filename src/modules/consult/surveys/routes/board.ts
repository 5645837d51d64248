import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { deniedNotFound } from '../../../../core/errors';
import { errorResponses, IdParams } from '../../../../server/schemas';
import { isFreeText } from '../definition';
import { surveyPolicy } from '../policy';
import { listPublishedResults, readTallies } from '../repository';
import { buildResults } from '../results';
import { PublicSurveyResults, PublishedSurveyList } from '../schemas';
import { definitionOf, requireSurvey } from './load';

const BOARD_SURVEYS = 10;

/** 公开栏: the results summaries workers published, counts only. */
export async function surveyBoardRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/public/survey-results',
    {
      config: { policy: surveyPolicy.board },
      schema: { tags: ['consult'], summary: '公开栏：问卷结果', response: { 200: PublishedSurveyList, ...errorResponses } },
    },
    async () => ({
      items: (await listPublishedResults(ctx.db, BOARD_SURVEYS)).map((row) => ({
        id: row.id,
        title: row.title,
        orgName: row.org_name,
        answerCount: row.answer_count,
        resultsPublishedAt: row.results_published_at!,
      })),
    }),
  );

  r.get(
    '/api/public/survey-results/:id',
    {
      config: { policy: surveyPolicy.board },
      schema: { tags: ['consult'], params: IdParams, response: { 200: PublicSurveyResults, ...errorResponses } },
    },
    async (request) => {
      const row = await requireSurvey(ctx.db, request.params.id);
      if (!row.results_published_at) {
        throw deniedNotFound();
      }
      const definition = definitionOf(row);
      const { answerCount, questions } = buildResults(definition, await readTallies(ctx.db, row.id));
      const freeText = new Set(
        definition.pages
          .flatMap((page) => page.elements)
          .filter(isFreeText)
          .map((question) => question.name),
      );
      return {
        id: row.id,
        title: row.title,
        description: row.description,
        orgName: row.org_name,
        answerCount,
        state: row.state,
        resultsPublishedAt: row.results_published_at,
        // Free text is withheld from the public, as Decidim does: it may name people.
        questions: questions.filter((question) => !freeText.has(question.name)).map(({ keywords: _keywords, ...question }) => question),
      };
    },
  );
}
