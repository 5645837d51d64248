import Ajv, { type ValidateFunction } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import {
  discoverySchema,
  errorsSchema,
  postResponseSchema,
  requestsSchema,
  serviceDefinitionSchema,
  servicesSchema,
} from './conformance-schemas';

/** Checks for the conformance suite: JSON against the spec's schemas, XML against the JSON of the same resource. */

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validators: Record<string, ValidateFunction> = {
  discovery: ajv.compile(discoverySchema),
  services: ajv.compile(servicesSchema),
  service_definition: ajv.compile(serviceDefinitionSchema),
  post_response: ajv.compile(postResponseSchema),
  service_requests: ajv.compile(requestsSchema),
  errors: ajv.compile(errorsSchema),
};
export type Resource = keyof typeof validators;

export function expectValid(resource: Resource, body: unknown): void {
  const validate = validators[resource];
  expect(validate(body), `${resource}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

/** The spec's lists (`services ⇊ service ↴`): the element each item is wrapped in. */
const ITEM_OF: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** Read as FixMyStreet reads it: every value a string, the list items always arrays. */
export const xmlParser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => Object.values(ITEM_OF).includes(name),
});

/** What the XML of a JSON document must parse to, following the Spark convention the spec uses. */
function asXml(name: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_OF[name];
    return value.length === 0 ? '' : { [item]: value.map((entry) => asXml(item, entry)) };
  }
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, asXml(key, entry)]));
  }
  return String(value);
}

/** Well-formed UTF-8 XML without namespace, one root, and the same content as the JSON. */
export function expectXmlParity(root: string, json: unknown, xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(xml).not.toContain('xmlns');
  const parsed = xmlParser.parse(xml) as Record<string, unknown>;
  expect(Object.keys(parsed)).toEqual([root]);
  expect(parsed[root]).toEqual(asXml(root, json));
}

/** Every timestamp field of a document, wherever it sits. */
export function timestamps(document: unknown): string[] {
  if (Array.isArray(document)) {
    return document.flatMap(timestamps);
  }
  if (document === null || typeof document !== 'object') {
    return [];
  }
  return Object.entries(document).flatMap(([key, value]) =>
    (key.endsWith('_datetime') || key === 'changeset') && typeof value === 'string' ? [value] : timestamps(value),
  );
}
