import type { AppContext, RequestMeta } from '../../../core/context';
import { submitAppeal } from '../commands/submitAppeal';
import { getCategory } from '../repository';
import { SubmitAppealBody } from '../schemas';
import { loadAppealSettings, type LimitKind } from '../settings';
import { presentServiceRequest, serviceNotice } from './presenters';
import { findServiceRequests } from './repository';
import type { CreateRequestInput, RequestFilter } from './schemas';

const HAN = /\p{Script=Han}/u;

/** The name as the client splits it: family name first for a Chinese name, given name first otherwise. */
function contactName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first && !last) {
    return undefined;
  }
  return HAN.test(`${last ?? ''}${first ?? ''}`) ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
}

/** Clients pass the phone as the citizen typed it; only a mainland mobile number, as the H5 form asks, is a contact. */
function mobileNumber(phone: string | undefined): string | undefined {
  const digits = phone?.replace(/[\s()-]/g, '').replace(/^(\+86|0086)/, '');
  return SubmitAppealBody.shape.contactPhone.safeParse(digits).data;
}

/** Attributes and an address_id have no column of their own: they follow the description, for the handler to read. */
function appealContent(input: CreateRequestInput): string {
  const extras = Object.entries(input.attribute ?? {}).map(([code, value]) => `${code}：${[value].flat().join('、')}`);
  if (input.address_id) {
    extras.push(`address_id：${input.address_id}`);
  }
  return [input.description, extras.length > 0 ? `【附加信息】\n${extras.join('\n')}` : undefined].filter(Boolean).join('\n\n');
}

/**
 * POST requests: files the appeal through the same command as the H5 form, on channel open311. We
 * are realtime, so the answer carries the tracking number at once, never a token. Null for an
 * unknown service_code.
 */
export async function createServiceRequest(ctx: AppContext, input: CreateRequestInput, meta: RequestMeta) {
  const category = await getCategory(ctx.db, input.service_code);
  if (!category || category.active !== 1) {
    return null;
  }
  const phone = mobileNumber(input.phone);
  const { result } = await submitAppeal(
    ctx,
    {
      categoryCode: category.code,
      content: appealContent(input),
      address: input.address_string,
      lat: input.lat,
      lng: input.long,
      contactName: contactName(input.first_name, input.last_name),
      contactPhone: phone,
      // Without a mobile number no one could call the citizen back: filed as anonymous.
      anonymous: phone === undefined,
      // The client platform (FixMyStreet and the like) publishes every report itself.
      publicable: true,
      urgency: 'normal',
      photos: [],
    },
    { actor: null, meta, channel: 'open311' },
  );
  const settings = await loadAppealSettings(ctx.db);
  return [
    {
      service_request_id: result.trackingNo,
      service_notice: serviceNotice(settings.limits[category.limit_kind as LimitKind]),
      account_id: null,
    },
  ];
}

export async function listServiceRequests(ctx: AppContext, filter: RequestFilter) {
  const [rows, settings] = await Promise.all([findServiceRequests(ctx.db, filter), loadAppealSettings(ctx.db)]);
  return rows.map((row) => presentServiceRequest(row, settings.limits));
}
