/** As the server normalises a typed receipt (src/modules/consult/ballots/seal.ts): case, spaces and dashes do not matter. */
export const normaliseReceipt = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');

/** Whether this browser can hash on its own: Web Crypto exists in secure contexts only (https, localhost). */
export const canHashLocally = () => typeof crypto !== 'undefined' && crypto.subtle !== undefined;

/** The receipt's SHA-256 in hex, computed on the phone: the receipt itself never leaves it. */
export async function receiptHash(receipt: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normaliseReceipt(receipt)));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
