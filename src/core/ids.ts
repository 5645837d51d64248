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
