import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { pooledRandomBytes } from './ids';

const deriveKey = (master: Buffer, purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `lianxin:${purpose}`, 32));

/**
 * Field encryption for personal data (DP-04): AES-256-GCM with a random IV per value, and a keyed
 * blind index so an encrypted phone number can still be looked up by equality.
 */
export class FieldCrypto {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly codeKey: Buffer;
  readonly auditKey: Buffer;
  /** Seals each anonymous ballot row (VO-07), so a row changed in the database fails the tally. */
  readonly ballotKey: Buffer;

  constructor(master: Buffer) {
    this.encryptionKey = deriveKey(master, 'field-encryption');
    this.indexKey = deriveKey(master, 'blind-index');
    this.codeKey = deriveKey(master, 'access-codes');
    this.auditKey = deriveKey(master, 'audit-chain');
    this.ballotKey = deriveKey(master, 'ballot-seal');
  }

  encrypt(plain: string): string {
    const iv = pooledRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(sealed: string): string {
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  encryptOptional(plain: string | null | undefined): string | null {
    return plain ? this.encrypt(plain) : null;
  }

  decryptOptional(sealed: string | null): string | null {
    return sealed ? this.decrypt(sealed) : null;
  }

  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value.trim()).digest('base64url');
  }

  /** Keyed hash of a secret code handed to a citizen (query codes); only the hash is stored. */
  hashCode(code: string): string {
    return createHmac('sha256', this.codeKey).update(code.trim().toUpperCase()).digest('base64url');
  }

  codeMatches(code: string, storedHash: string): boolean {
    const given = Buffer.from(this.hashCode(code));
    const stored = Buffer.from(storedHash);
    return given.length === stored.length && timingSafeEqual(given, stored);
  }
}
