import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../../../core/context';
import { badRequest, notFound, tooManyRequests } from '../../../../core/errors';
import { idempotencyKeyHash, storedResponse } from '../../../../core/idempotency';
import { consumeRateLimit } from '../../../../core/rateLimit';
import { isUniqueViolation } from '../../../../db/dialect';
import { afterCommit } from '../../../../server/afterCommit';
import { errorResponses, IdParams, Ok } from '../../../../server/schemas';
import { openHearingCommand } from '../commands/context';
import { alreadyRegistered, registerForHearing } from '../commands/registerForHearing';
import { cancelRegistration, checkInRegistrant, selectSpeaker } from '../commands/registrantCommands';
import { hearingPolicy } from '../policy';
import { presentMyRegistration, presentRegistrationRow } from '../presenters';
import { getRegistration, liveRegistrationOfUser, listRegistrations, registrationByCode, waitlistPosition } from '../repository';
import {
  CancelBody,
  CheckInResult,
  CodeBody,
  MyRegistration,
  RegisterBody,
  RegisterResult,
  RegistrationListQuery,
  RegistrationPage,
  RegistrationParams,
  RevealBody,
  RevealResult,
  SpeakerBody,
} from '../schemas';
import { changeHearing, loadVisibleHearing } from './load';

const tags = ['consult'];

/**
 * Registrations without an account, per address and hour: enough for a family or a few neighbours
 * behind one router, too few to fill a hearing's seats by script. Signed-in people are not limited
 * (one live registration per account and per phone number anyway).
 */
export const PUBLIC_REGISTRATIONS_PER_HOUR = 10;
/** Look-ups and cancellations by check-in code, per address and hour, so codes cannot be guessed. */
export const CODE_LOOKUPS_PER_HOUR = 30;

/** 报名 and 签到: the registrant's side (register, see, cancel) and the organizer's (the list, speakers, the door). */
export async function registrationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  const limitCodeLookups = async (ip: string) => {
    if (!(await consumeRateLimit(ctx.db, `hearing-code:${ip}`, CODE_LOOKUPS_PER_HOUR, 3600, ctx.clock.now()))) {
      throw tooManyRequests('查询过于频繁，请一小时后再试');
    }
  };

  r.post(
    '/api/consult/hearings/:id/registrations',
    {
      config: { policy: hearingPolicy.register },
      schema: {
        tags,
        summary: '报名参加（名额已满时进入候补）',
        description: '公开会议无需账号即可报名（每个地址每小时最多 10 次）。重试时请带上相同的 Idempotency-Key，不会重复报名。',
        params: IdParams,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: RegisterBody,
        response: { 201: RegisterResult, 200: RegisterResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const id = request.params.id;
      if (
        !actor &&
        !(await consumeRateLimit(ctx.db, `hearing-register:${request.ip}`, PUBLIC_REGISTRATIONS_PER_HOUR, 3600, ctx.clock.now()))
      ) {
        throw tooManyRequests('报名过于频繁，请一小时后再试，或登录后报名');
      }
      const key = request.headers['idempotency-key'];
      const keyHash = key ? idempotencyKeyHash(`consult.hearings.register:${id}`, key) : null;
      try {
        const { result, created } = await ctx.db.transaction().execute(async (trx) => {
          await loadVisibleHearing(trx, actor, id);
          return registerForHearing(openHearingCommand(ctx, trx, actor, request.meta), id, request.body, keyHash);
        });
        afterCommit(app);
        return reply.status(created ? 201 : 200).send(result);
      } catch (error) {
        if (!isUniqueViolation(error)) {
          throw error;
        }
        // A concurrent retry with the same key committed first: answer with its result.
        const previous = keyHash ? await storedResponse<z.infer<typeof RegisterResult>>(ctx.db, ctx.crypto, keyHash) : null;
        if (previous) {
          return reply.status(200).send(previous);
        }
        throw alreadyRegistered();
      }
    },
  );

  r.post(
    '/api/consult/hearings/:id/registrations/lookup',
    {
      config: { policy: hearingPolicy.lookup },
      schema: { tags, summary: '凭签到码查看报名', params: IdParams, body: CodeBody, response: { 200: MyRegistration, ...errorResponses } },
    },
    async (request) => {
      await limitCodeLookups(request.ip);
      const { hearing } = await loadVisibleHearing(ctx.db, request.actor, request.params.id);
      const registration = await registrationByCode(ctx.db, hearing.id, ctx.crypto.hashCode(request.body.code));
      if (!registration) {
        throw notFound('签到码不正确');
      }
      return presentMyRegistration(ctx.db, ctx.crypto, hearing, registration);
    },
  );

  r.post(
    '/api/consult/hearings/:id/registrations/cancel',
    {
      config: { policy: hearingPolicy.cancel },
      schema: {
        tags,
        summary: '取消报名（名额顺延给第一位候补）',
        description: '登录后取消本人的报名；未登录时凭签到码取消。',
        params: IdParams,
        body: CancelBody,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = request;
      const { code } = request.body;
      if (!code && !actor) {
        throw badRequest('CODE_REQUIRED', '请输入报名时获得的签到码', 'body.code');
      }
      if (code) {
        await limitCodeLookups(request.ip);
      }
      await ctx.db.transaction().execute(async (trx) => {
        const { hearing } = await loadVisibleHearing(trx, actor, request.params.id);
        const registration = code
          ? await registrationByCode(trx, hearing.id, ctx.crypto.hashCode(code))
          : await liveRegistrationOfUser(trx, hearing.id, actor!.id);
        if (!registration) {
          throw notFound(code ? '签到码不正确' : '您没有报名本次会议');
        }
        await cancelRegistration(openHearingCommand(ctx, trx, actor, request.meta), hearing.id, registration);
      });
      afterCommit(app);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/consult/hearings/:id/registrations',
    {
      config: { policy: hearingPolicy.viewRegistrations },
      schema: {
        tags,
        summary: '报名名单（手机号脱敏）',
        params: IdParams,
        querystring: RegistrationListQuery,
        response: { 200: RegistrationPage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const hearing = await changeHearing(app, request, request.params.id, hearingPolicy.viewRegistrations, async (c, loaded) => {
        // The registrants' names and phone numbers are personal data: every read of the list is audited (AU-01).
        await audit(ctx, c.trx, request.meta, actor, {
          eventType: 'hearing.registrations.read',
          outcome: 'success',
          targetType: 'hearing',
          targetId: loaded.id,
          detail: { status: request.query.status ?? null, page: request.query.page },
        });
        return loaded;
      });
      const { rows, total } = await listRegistrations(ctx.db, hearing.id, request.query);
      const firstWaiting = rows.find((row) => row.status === 'waitlisted');
      // The page's waiting rows follow one another in the waitlist's order.
      let position = firstWaiting ? await waitlistPosition(ctx.db, firstWaiting) : 0;
      return {
        items: rows.map((row) => presentRegistrationRow(ctx.crypto, row, row.status === 'waitlisted' ? position++ : null)),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  r.post(
    '/api/consult/hearings/:id/registrations/:registrationId/reveal',
    {
      config: { policy: hearingPolicy.reveal },
      schema: {
        tags,
        summary: '查看完整手机号（需说明原因，留痕）',
        params: RegistrationParams,
        body: RevealBody,
        response: { 200: RevealResult, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const phone = await changeHearing(app, request, request.params.id, hearingPolicy.reveal, async (c, hearing) => {
        const registration = await getRegistration(c.trx, hearing.id, request.params.registrationId);
        if (!registration) {
          throw notFound('报名记录不存在');
        }
        if (!(await consumeRateLimit(c.trx, `reveal:${actor.id}`, ctx.config.revealsPerHour, 3600, c.now))) {
          throw tooManyRequests(`每小时最多查看 ${ctx.config.revealsPerHour} 次完整联系方式`);
        }
        await audit(ctx, c.trx, request.meta, actor, {
          eventType: 'hearing.registration.unmask',
          outcome: 'success',
          targetType: 'hearing_registration',
          targetId: registration.id,
          reason: request.body.reason,
        });
        return ctx.crypto.decrypt(registration.phone_enc);
      });
      return { phone };
    },
  );

  r.post(
    '/api/consult/hearings/:id/registrations/:registrationId/speaker',
    {
      config: { policy: hearingPolicy.selectSpeakers },
      schema: {
        tags,
        summary: '确定或取消发言人',
        params: RegistrationParams,
        body: SpeakerBody,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await changeHearing(app, request, request.params.id, hearingPolicy.selectSpeakers, async (c, hearing) => {
        const registration = await getRegistration(c.trx, hearing.id, request.params.registrationId);
        if (!registration) {
          throw notFound('报名记录不存在');
        }
        await selectSpeaker(c, hearing, registration, request.body.speaker);
      });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/consult/hearings/:id/check-in',
    {
      config: { policy: hearingPolicy.checkIn },
      schema: {
        tags,
        summary: '现场签到（扫码或输入签到码）',
        params: IdParams,
        body: CodeBody,
        response: { 200: CheckInResult, ...errorResponses },
      },
    },
    async (request) => {
      const registration = await changeHearing(app, request, request.params.id, hearingPolicy.checkIn, (c, hearing) =>
        checkInRegistrant(c, hearing, request.body.code),
      );
      return {
        registrationId: registration.id,
        name: ctx.crypto.decrypt(registration.name_enc),
        speaker: registration.speaker === 1,
        checkedInAt: registration.checked_in_at!,
      };
    },
  );
}
