import type { FastifyReply } from 'fastify';

/** XML is the spec's mandatory format; JSON mirrors it (the "Spark convention"). */
export type Format = 'xml' | 'json';

export const requestedFormat = (extension: string): Format | null => (extension === 'xml' || extension === 'json' ? extension : null);

/** The format of a URL whose route did not say (errors about the URL itself): JSON if asked for, else XML. */
export const formatOfUrl = (url: string): Format => (url.split('?')[0].endsWith('.json') ? 'json' : 'xml');

type Document = string | number | boolean | null | undefined | Document[] | { [key: string]: Document };

// A type alias, not an interface: only aliases fit the Document index signature.
type Open311Error = { code: number; description: string };

/** The element wrapping each item of a list: `<services><service>…`, `<errors><error>…`. */
const ITEM_ELEMENTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

// XML 1.0 forbids control characters other than tab and line breaks, even escaped; pasted text can carry them.
const FORBIDDEN_IN_XML = /[^\P{Cc}\t\n\r]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const escapeXml = (text: string): string => text.replace(FORBIDDEN_IN_XML, '').replace(/[&<>"']/g, (char) => ENTITIES[char]);

function element(name: string, value: Document): string {
  if (value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENTS[name];
    if (!item) {
      throw new Error(`Open311 list "${name}" has no item element`);
    }
    return `<${name}>${value.map((entry) => element(item, entry)).join('')}</${name}>`;
  }
  if (value !== null && typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([key, entry]) => element(key, entry))
      .join('')}</${name}>`;
  }
  // A null is an empty element, as in the spec's examples (`<account_id/>` ↔ `"account_id": null`).
  return `<${name}>${value === null ? '' : escapeXml(String(value))}</${name}>`;
}

/** The XML form of a document: no namespace, UTF-8 declared before the root element. */
const toXml = (root: string, body: Document): string => `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, body)}\n`;

export function sendDocument(reply: FastifyReply, format: Format, root: string, body: Document, status = 200): FastifyReply {
  reply.status(status);
  return format === 'json'
    ? reply.type('application/json; charset=utf-8').send(JSON.stringify(body))
    : reply.type('text/xml; charset=utf-8').send(toXml(root, body));
}

/** The spec's error form: an array of {code, description}, sent with the HTTP status it names. */
export const sendErrors = (reply: FastifyReply, format: Format, status: number, descriptions: string[]): FastifyReply =>
  sendDocument(
    reply,
    format,
    'errors',
    descriptions.map((description): Open311Error => ({ code: status, description })),
    status,
  );

export const sendError = (reply: FastifyReply, format: Format, status: number, description: string): FastifyReply =>
  sendErrors(reply, format, status, [description]);
