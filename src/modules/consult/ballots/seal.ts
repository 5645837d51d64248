import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 random bits straight from the system's generator: never time-ordered like newId (VO-03). */
export const newBallotId = () => randomBytes(16).toString('hex');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const RECEIPT_LENGTH = 16;

/** 16 base32 characters, 80 random bits (VO-05): shown to the voter once, never stored. */
export function newReceipt(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) {
    bits = (bits << 8n) | BigInt(byte);
  }
  let receipt = '';
  for (let index = RECEIPT_LENGTH - 1; index >= 0; index -= 1) {
    receipt += BASE32[Number((bits >> BigInt(index * 5)) & 31n)];
  }
  return receipt;
}

/** What a receipt is typed as: case, spaces and dashes do not matter. */
export const normaliseReceipt = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');

/**
 * A plain hash, unkeyed on purpose: the list of hashes is published after the close, and anyone
 * holding a receipt can check it against the list without trusting the server. 80 random bits make
 * guessing receipts from the list hopeless.
 */
export const receiptHash = (receipt: string) => createHash('sha256').update(normaliseReceipt(receipt)).digest('hex');

/** The hash of a receipt with a part number, for the rows of a split ballot: none of them alike. */
export const receiptPartHash = (receipt: string, part: number) => receiptHash(`${normaliseReceipt(receipt)}:${part}`);

export interface SealedFields {
  box_id: string;
  ballot_id: string;
  choices: string;
  receipt_hash: string;
}

const sealInput = (row: SealedFields) => [row.box_id, row.ballot_id, row.choices, row.receipt_hash].join('\n');

/** HMAC over every other column of the row (VO-07), with a key that never reaches the database. */
export const sealBallot = (key: Buffer, row: SealedFields) => createHmac('sha256', key).update(sealInput(row)).digest('base64url');

export function sealHolds(key: Buffer, row: SealedFields & { mac: string }): boolean {
  const expected = Buffer.from(sealBallot(key, row));
  const stored = Buffer.from(row.mac);
  return expected.length === stored.length && timingSafeEqual(expected, stored);
}
