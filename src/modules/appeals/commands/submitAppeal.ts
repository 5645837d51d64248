import { createHash, randomInt } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import { shanghaiDate } from '../../../core/calendar';
import { iso } from '../../../core/clock';
import { audit, type AppContext, type RequestMeta } from '../../../core/context';
import { badRequest, tooManyRequests } from '../../../core/errors';
import { consumeRateLimit } from '../../../core/rateLimit';
import { eventRow } from '../../../core/events';
import { idempotencyKeyHash, idempotencyRow, storedResponse } from '../../../core/idempotency';
import { newId, newReadableCode } from '../../../core/ids';
import { insertRows } from '../../../db/database';
import { isUniqueViolation } from '../../../db/dialect';
import type { Appeal, Database } from '../../../db/schema';
import { normalizeText } from '../../../text';
import { referenceData } from '../reference';
import type { SubmitAppealBody, SubmitAppealResult } from '../schemas';

const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/gif']);
const MAX_PHOTO_BYTES = 3 * 1024 * 1024;

type SubmitInput = z.infer<typeof SubmitAppealBody>;
type SubmitResult = z.infer<typeof SubmitAppealResult>;

interface CheckedPhoto {
  id: string;
  mime: string;
  bytes: Buffer;
}

/** Photos are typed by their bytes (magic numbers), never by a name or a client-declared type. */
async function checkPhotos(photos: SubmitInput['photos']): Promise<CheckedPhoto[]> {
  const checked: CheckedPhoto[] = [];
  for (const [index, photo] of photos.entries()) {
    const bytes = Buffer.from(photo.dataBase64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES) {
      throw badRequest('INVALID_PHOTO', `第 ${index + 1} 张照片为空或超过 3MB`, `photos.${index}`);
    }
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !PHOTO_TYPES.has(type.mime)) {
      throw badRequest('INVALID_PHOTO', `第 ${index + 1} 张不是支持的图片（JPEG、PNG、WebP、HEIC、GIF）`, `photos.${index}`);
    }
    checked.push({ id: newId(), mime: type.mime, bytes });
  }
  return checked;
}

const trackingNumber = (now: Date) => `${shanghaiDate(now).replaceAll('-', '')}${String(randomInt(100_000_000)).padStart(8, '0')}`;

const TRACKING_ATTEMPTS = 5;

const normalizedWords = new WeakMap<readonly string[], string[]>();

/** The danger words (admin-editable, see settings) the text names, in either script. */
export function dangerWordsIn(content: string, words: readonly string[]): string[] {
  // The list comes from the settings cache (the same array for seconds on end): normalised once.
  let normalized = normalizedWords.get(words);
  if (!normalized) {
    normalized = words.map((word) => normalizeText(word));
    normalizedWords.set(words, normalized);
  }
  const text = normalizeText(content);
  return words.filter((_, index) => text.includes(normalized[index]));
}

/** The workflow columns of an appeal just received: not dispatched, signed, answered or rated yet. */
export const NOTHING_DONE_YET = {
  state: 'received',
  unit_id: null,
  handler_id: null,
  version: 1,
  dispatched_at: null,
  sign_due_at: null,
  signed_at: null,
  contact_due_at: null,
  contacted_at: null,
  due_at: null,
  replied_at: null,
  reply_text: null,
  closed_at: null,
  close_reason: null,
  satisfaction: null,
  resolved: null,
  rated_at: null,
  rating_comment: null,
  supervised: 0,
  supervised_at: null,
  merged_into_id: null,
  redo_count: 0,
  tag: null,
  pending_reason: null,
  pending_unit_id: null,
  extension_due_at: null,
  support_count: 0,
} satisfies Partial<Appeal>;

export interface SubmitOptions {
  actor: Actor | null;
  meta: RequestMeta;
  channel: 'h5' | 'console' | 'open311';
  /** The organisation receiving the appeal (from a place's QR code); else the platform's top organisation. */
  orgId?: string;
  idempotencyKey?: string;
  /** Counted against the hourly limit of anonymous submissions (per address). */
  rateLimitKey?: string;
}

/**
 * 受理: registers a citizen's appeal with a tracking number and a query code to follow it without an
 * account. Contact details are encrypted before they reach the database. A retry with the same
 * Idempotency-Key returns the first result and stores nothing twice. Runs in a group commit: under
 * load many submissions share one commit.
 */
export async function submitAppeal(
  ctx: AppContext,
  input: SubmitInput,
  options: SubmitOptions,
): Promise<{ result: SubmitResult; appealId: string | null }> {
  const now = ctx.clock.now();
  // In a statement of its own: the counter of a busy address (a whole NAT'ed estate shares one) is
  // then locked only for that statement, not until a whole submission commits.
  if (options.rateLimitKey && !(await consumeRateLimit(ctx.db, options.rateLimitKey, ctx.config.anonymousSubmitsPerHour, 3600, now))) {
    throw tooManyRequests('提交过于频繁，请一小时后再试，或登录后提交');
  }
  const keyHash = options.idempotencyKey ? idempotencyKeyHash('appeals.submit', options.idempotencyKey) : null;
  const photos = await checkPhotos(input.photos);
  const queryCode = newReadableCode(6);
  const received = {
    id: newId(),
    query_code_hash: ctx.crypto.hashCode(queryCode),
    urgency: input.urgency,
    content: input.content,
    address: input.address || null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    contact_name_enc: input.anonymous ? null : ctx.crypto.encryptOptional(input.contactName),
    contact_phone_enc: input.anonymous ? null : ctx.crypto.encryptOptional(input.contactPhone),
    phone_index: !input.anonymous && input.contactPhone ? ctx.crypto.blindIndex(input.contactPhone) : null,
    anonymous: input.anonymous ? 1 : 0,
    publicable: input.publicable ? 1 : 0,
    submitter_id: options.actor?.id ?? null,
    channel: options.channel,
    ...NOTHING_DONE_YET,
    received_at: iso(now),
    updated_at: iso(now),
  } satisfies Partial<Appeal>;

  const store = (trackingNo: string) =>
    ctx.writes.transaction(async (trx) => {
      const result: SubmitResult = { trackingNo, queryCode, state: 'received', receivedAt: received.received_at };
      const reference = referenceData(ctx);
      const category = await reference.category(trx, input.categoryCode);
      if (!category || category.active !== 1) {
        // A retry of a submission accepted before the category was retired still gets its first answer.
        const previous = keyHash ? await storedResponse<SubmitResult>(trx, ctx.crypto, keyHash) : null;
        if (previous) {
          return { result: previous, appealId: null };
        }
        throw badRequest('UNKNOWN_CATEGORY', '请选择有效的诉求类别', 'categoryCode');
      }
      const danger = dangerWordsIn(input.content, (await reference.appealSettings(trx)).dangerWords);
      const appeal: Appeal = {
        ...received,
        urgency: danger.length > 0 ? 'emergency' : received.urgency,
        tracking_no: trackingNo,
        org_id: await reference.intakeOrg(trx, options.orgId),
        category_code: category.code,
        appeal_type: category.appeal_type,
      };
      // The stored response (under the Idempotency-Key), the appeal and its outbox event: one
      // statement on PostgreSQL. A retry with the same key fails on the key's primary key and is
      // answered below with the first result; so is a retry committed first by another instance.
      await insertRows(trx, [
        ...(keyHash ? [idempotencyRow(ctx.crypto, ctx.clock, keyHash, result)] : []),
        { table: 'appeals', row: appeal },
        eventRow(now, {
          type: 'appeals.submitted',
          subjectType: 'appeal',
          subjectId: appeal.id,
          orgId: appeal.org_id,
          actor: options.actor,
          payload: { channel: options.channel, categoryCode: category.code, photos: photos.length, trackingNo, danger },
        }),
      ]);
      await insertPhotos(trx, appeal, photos, now);
      await audit(ctx, trx, options.meta, options.actor, {
        eventType: 'appeal.create',
        outcome: 'success',
        targetType: 'appeal',
        targetId: appeal.id,
        detail: { channel: options.channel, withIdentity: appeal.anonymous === 0, danger },
      });
      return { result, appealId: appeal.id };
    });

  for (let attempt = 1; ; attempt += 1) {
    try {
      return await store(trackingNumber(now));
    } catch (error) {
      if (!isUniqueViolation(error)) {
        throw error;
      }
      // A submission with the same key was stored first (earlier in this batch, or committed by another
      // request or instance): answer with its result.
      const previous = keyHash ? await storedResponse<SubmitResult>(ctx.db, ctx.crypto, keyHash) : null;
      if (previous) {
        return { result: previous, appealId: null };
      }
      // Otherwise the random tracking number was taken the same day: draw another.
      if (attempt >= TRACKING_ATTEMPTS) {
        throw error;
      }
    }
  }
}

async function insertPhotos(trx: Kysely<Database>, appeal: Appeal, photos: CheckedPhoto[], now: Date): Promise<void> {
  for (const [sort, photo] of photos.entries()) {
    await trx
      .insertInto('files')
      .values({
        id: photo.id,
        owner_type: 'appeal',
        owner_id: appeal.id,
        mime: photo.mime,
        size: photo.bytes.length,
        sha256: createHash('sha256').update(photo.bytes).digest('hex'),
        content: photo.bytes,
        created_at: iso(now),
      })
      .execute();
    await trx.insertInto('appeal_photos').values({ appeal_id: appeal.id, file_id: photo.id, sort }).execute();
  }
}
