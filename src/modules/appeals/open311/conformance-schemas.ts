/**
 * JSON Schemas of GeoReport v2 responses, written from the spec text (open311.github.io
 * GeoReport_v2/index.md; shared/domain/appeals.md §7) for the conformance suite, not from our code.
 * JSON mirrors the XML: each `⇊` list of the spec is a JSON array.
 */

/** "Timezone information (either Z meaning UTC, or an HH:MM offset from UTC) must be included." */
const W3C_DATETIME_WITH_OFFSET = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$';

const datetime = { type: 'string', pattern: W3C_DATETIME_WITH_OFFSET } as const;
const optionalDatetime = { anyOf: [datetime, { type: 'null' }] } as const;
const optionalText = { type: ['string', 'null'] } as const;
/** Identifiers are strings or numbers in the spec's own examples (`"service_code":001`). */
const identifier = { type: ['string', 'integer'] } as const;

export const discoverySchema = {
  type: 'object',
  required: ['changeset', 'endpoints'],
  additionalProperties: false,
  properties: {
    changeset: datetime,
    contact: { type: 'string' },
    key_service: { type: 'string' },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        additionalProperties: false,
        properties: {
          specification: { type: 'string', const: 'http://wiki.open311.org/GeoReport_v2' },
          url: { type: 'string', pattern: '^https?://' },
          changeset: datetime,
          type: { enum: ['production', 'test'] },
          // XML is the required format.
          formats: { type: 'array', items: { type: 'string' }, contains: { const: 'text/xml' } },
        },
      },
    },
  },
} as const;

export const servicesSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['service_code', 'service_name', 'metadata', 'type'],
    additionalProperties: false,
    properties: {
      service_code: identifier,
      service_name: { type: 'string', minLength: 1 },
      description: optionalText,
      metadata: { type: 'boolean' },
      type: { enum: ['realtime', 'batch', 'blackbox'] },
      keywords: optionalText,
      group: optionalText,
    },
  },
} as const;

export const serviceDefinitionSchema = {
  type: 'object',
  required: ['service_code', 'attributes'],
  additionalProperties: false,
  properties: {
    service_code: identifier,
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
        additionalProperties: false,
        properties: {
          variable: { type: 'boolean' },
          code: identifier,
          datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: optionalText,
          order: { type: 'integer', minimum: 1 },
          description: { type: 'string' },
          values: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'name'],
              additionalProperties: false,
              properties: { key: identifier, name: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;

/** "Returns service_request_id or token, never both." */
export const postResponseSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      service_request_id: identifier,
      token: identifier,
      service_notice: optionalText,
      account_id: { type: ['string', 'integer', 'null'] },
    },
    oneOf: [
      { required: ['service_request_id'], not: { required: ['token'] } },
      { required: ['token'], not: { required: ['service_request_id'] } },
    ],
  },
} as const;

/** The spec's request fields; `sub_status` is our declared extension (the workflow state). */
export const requestsSchema = {
  type: 'array',
  // "first 1000 requests"
  maxItems: 1000,
  items: {
    type: 'object',
    required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
    additionalProperties: false,
    properties: {
      service_request_id: identifier,
      status: { enum: ['open', 'closed'] },
      status_notes: optionalText,
      service_name: optionalText,
      service_code: identifier,
      description: { type: ['string', 'null'], maxLength: 4000 },
      agency_responsible: optionalText,
      service_notice: optionalText,
      requested_datetime: datetime,
      updated_datetime: optionalDatetime,
      expected_datetime: optionalDatetime,
      address: optionalText,
      address_id: { type: ['string', 'integer', 'null'] },
      zipcode: { type: ['string', 'integer', 'null'] },
      lat: { type: ['number', 'null'], minimum: -90, maximum: 90 },
      long: { type: ['number', 'null'], minimum: -180, maximum: 180 },
      media_url: optionalText,
      sub_status: { type: 'string' },
    },
  },
} as const;

/** "Multiple errors codes and descriptions can be returned in the body (the response is an array)." */
export const errorsSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code: identifier, description: { type: 'string', minLength: 1 } },
  },
} as const;
