import type { FastifyInstance } from 'fastify';

type FormValue = string | string[];
type FormBody = Record<string, FormValue | Record<string, FormValue>>;

/** `attribute[CODE]=v`, or `attribute[CODE][]=v` repeated for a multivaluelist. */
const ATTRIBUTE_KEY = /^attribute\[([^\]]+)\](\[\])?$/;

const append = (previous: FormValue | undefined, value: string): FormValue => (previous === undefined ? value : [previous, value].flat());

/**
 * Decodes a POST as FixMyStreet sends it (form-encoded UTF-8). A repeated key becomes a list, and
 * the attributes are gathered under `attribute`, each code with its value or list of values.
 * Maps, not plain objects, collect the keys, so a key such as `__proto__` stays an ordinary field.
 */
function parseFormBody(body: string): FormBody {
  const fields = new Map<string, FormValue>();
  const attributes = new Map<string, FormValue>();
  for (const [key, value] of new URLSearchParams(body)) {
    const attribute = ATTRIBUTE_KEY.exec(key);
    if (!attribute) {
      fields.set(key, append(fields.get(key), value));
    } else if (attribute[2]) {
      attributes.set(attribute[1], [attributes.get(attribute[1]) ?? []].flat().concat(value));
    } else {
      attributes.set(attribute[1], append(attributes.get(attribute[1]), value));
    }
  }
  const parsed: FormBody = Object.fromEntries(fields);
  if (attributes.size > 0) {
    parsed.attribute = Object.fromEntries(attributes);
  }
  return parsed;
}

/** Registered inside the Open311 scope only: the rest of the API takes JSON. */
export function registerFormBodyParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseFormBody(body as string));
  });
}
