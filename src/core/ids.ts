import { randomBytes, randomUUID } from 'node:crypto';

export const newId = () => randomUUID();

/** A 128-bit random token, URL-safe (sessions, ASVS 7.2.3). */
export const newToken = () => randomBytes(32).toString('base64url');

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Random code without look-alike characters (0/O, 1/I), for people to copy from a phone screen. */
export function newReadableCode(length: number): string {
  const bytes = randomBytes(length);
  let code = '';
  for (const byte of bytes) {
    code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  }
  return code;
}

let lastMillis = 0;
let sequence = 0;

/**
 * An id that sorts in creation order within a process (wall-clock milliseconds, then a counter), so
 * rows written in the same millisecond keep their order.
 */
export function newSortableId(): string {
  const millis = Date.now();
  sequence = millis === lastMillis ? sequence + 1 : 0;
  lastMillis = millis;
  return `${millis.toString(16).padStart(12, '0')}${sequence.toString(16).padStart(4, '0')}${randomBytes(8).toString('hex')}`;
}
