import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../../core/actor';
import { shanghaiDate } from '../../../../core/calendar';
import { iso } from '../../../../core/clock';
import { audit, type AppContext, type RequestMeta } from '../../../../core/context';
import { conflict, tooManyRequests } from '../../../../core/errors';
import { recordEvent } from '../../../../core/events';
import { idempotencyKeyHash, storedResponse, storeResponse } from '../../../../core/idempotency';
import { consumeRateLimit } from '../../../../core/rateLimit';
import { textSegmenter } from '../../../../core/textDictionary';
import { isUniqueViolation } from '../../../../db/dialect';
import type { Survey, SurveyTextTable } from '../../../../db/schema';
import { normalizeText, topKeywords, type Segmenter } from '../../../../text';
import { checkAnswers, tallyEntries, type AnswerData } from '../answers';
import { isFreeText, questionsOf, SurveyDefinition } from '../definition';
import { acceptsAnswers } from '../presenters';
import { addToTallies, hasAnswered, insertAnswer, insertRespondent, insertTexts } from '../repository';

/** Answers from one address without an account, per hour: a whole estate behind one NAT answers a public survey. */
export const PUBLIC_ANSWERS_PER_HOUR = 30;
const KEYWORDS_PER_TEXT = 5;

export interface AnswerReceiptResult {
  surveyId: string;
  answeredOn: string;
}

export interface AnswerOptions {
  /** The person answering, when signed in: they answer once, and their organisation is counted. */
  actor: Actor | null;
  meta: RequestMeta;
  idempotencyKey?: string;
  /** Counted against the hourly limit of answers without an account (per address). */
  rateLimitKey?: string;
}

const alreadyAnswered = () => conflict('ALREADY_ANSWERED', '您已经填写过这份问卷，感谢参与');

/** Free-text answers with their keywords, from the platform's text pipeline. */
function textsOf(segmenter: Segmenter, definition: SurveyDefinition, answer: AnswerData) {
  return questionsOf(definition)
    .filter((question) => isFreeText(question) && typeof answer[question.name] === 'string')
    .map((question) => {
      const text = answer[question.name] as string;
      return { question: question.name, text, keywords: topKeywords(segmenter.subjectTerms(normalizeText(text)), KEYWORDS_PER_TEXT) };
    });
}

/**
 * 填写问卷: checks the answers against the questionnaire, stores them and counts them into the live
 * results in one group-committed transaction. A known person answers once (their respondent row is
 * unique); a retry with the same Idempotency-Key returns the first receipt and stores nothing twice.
 * On an anonymous survey the answer keeps no user id and only the day, and the respondent row only the
 * day, so neither the tables nor the audit log's times tie an answer to a person.
 */
export async function answerSurvey(
  ctx: AppContext,
  survey: Survey,
  data: AnswerData,
  options: AnswerOptions,
): Promise<{ receipt: AnswerReceiptResult; stored: boolean }> {
  const now = ctx.clock.now();
  if (!acceptsAnswers(survey, now)) {
    throw conflict('SURVEY_NOT_OPEN', '问卷未开放或已截止');
  }
  if (options.rateLimitKey && !(await consumeRateLimit(ctx.db, options.rateLimitKey, PUBLIC_ANSWERS_PER_HOUR, 3600, now))) {
    throw tooManyRequests('提交过于频繁，请稍后再试');
  }
  const definition = SurveyDefinition.parse(JSON.parse(survey.definition));
  const answer = checkAnswers(definition, data);
  const texts = textsOf(await textSegmenter(ctx), definition, answer);
  const keyHash = options.idempotencyKey ? idempotencyKeyHash(`consult.surveys.answer:${survey.id}`, options.idempotencyKey) : null;
  const { actor } = options;
  const anonymous = survey.anonymous === 1;
  const day = shanghaiDate(now);
  const orgId = actor?.user.org_id ?? null;
  const receipt: AnswerReceiptResult = { surveyId: survey.id, answeredOn: day };

  const store = () =>
    ctx.writes.transaction(async (trx) => {
      const previous = keyHash ? await storedResponse<AnswerReceiptResult>(trx, ctx.crypto, keyHash) : null;
      if (previous) {
        return { receipt: previous, stored: false };
      }
      if (actor) {
        if (await hasAnswered(trx, survey.id, actor.id)) {
          throw alreadyAnswered();
        }
        await insertRespondent(trx, survey.id, actor.id, day);
      }
      const answerId = randomUUID();
      await insertAnswer(trx, {
        id: answerId,
        survey_id: survey.id,
        org_id: orgId,
        user_id: anonymous ? null : (actor?.id ?? null),
        data: JSON.stringify(answer),
        submitted_on: day,
        submitted_at: anonymous ? null : iso(now),
      });
      await insertTexts(
        trx,
        texts.map((text): SurveyTextTable => ({
          answer_id: answerId,
          survey_id: survey.id,
          question: text.question,
          org_id: orgId ?? '',
          text: text.text,
          keywords: JSON.stringify(text.keywords),
          submitted_on: day,
        })),
      );
      const keywordEntries = texts.flatMap((text) => text.keywords.map((item) => ({ question: text.question, item, total: 0 })));
      await addToTallies(trx, survey.id, orgId ?? '', [...tallyEntries(definition, answer), ...keywordEntries]);
      // The fact that someone answered, never what (as for ballots, AU-02); no person on an anonymous survey's event.
      await recordEvent(trx, now, {
        type: 'consult.surveys.answered',
        subjectType: 'survey',
        subjectId: survey.id,
        orgId: survey.org_id,
        actor: anonymous ? null : actor,
        payload: {},
      });
      await audit(ctx, trx, options.meta, actor, {
        eventType: 'survey.answer',
        outcome: 'success',
        targetType: 'survey',
        targetId: survey.id,
        detail: { anonymous },
      });
      if (keyHash) {
        await storeResponse(trx, ctx.crypto, ctx.clock, keyHash, receipt);
      }
      return { receipt, stored: true };
    });

  try {
    return await store();
  } catch (error) {
    if (!isUniqueViolation(error)) {
      throw error;
    }
    // A retry committed first on another connection: answer with its receipt; otherwise a second answer.
    const previous = keyHash ? await storedResponse<AnswerReceiptResult>(ctx.db, ctx.crypto, keyHash) : null;
    if (previous) {
      return { receipt: previous, stored: false };
    }
    throw alreadyAnswered();
  }
}
