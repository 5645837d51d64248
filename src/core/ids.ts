import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

/**
 * Random bytes for the many small values of a request (IVs, codes, id suffixes) from a pool refilled
 * 4 KB at a time: each call of randomBytes costs a trip into OpenSSL, as much as encrypting a field.
 * Every byte is handed out once; the result is a copy, so nothing aliases the pool.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) {
    return randomBytes(size);
  }
  if (poolOffset + size > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + size));
  poolOffset += size;
  return bytes;
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of milliseconds, then 74 random bits. New rows land at the right edge
 * of their primary-key index instead of on a random page, which halves the pages a commit writes;
 * the random part still makes ids unguessable. Not for rows whose order must not leak (ballots).
 */
export function newId(): string {
  const bytes = pooledRandomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A 128-bit random token, URL-safe (sessions, ASVS 7.2.3). */
export const newToken = () => randomBytes(32).toString('base64url');

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Random code without look-alike characters (0/O, 1/I), for people to copy from a phone screen. */
export function newReadableCode(length: number): string {
  const bytes = pooledRandomBytes(length);
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
  return `${millis.toString(16).padStart(12, '0')}${sequence.toString(16).padStart(4, '0')}${pooledRandomBytes(8).toString('hex')}`;
}
