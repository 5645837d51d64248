import type { WeightedTerm } from './keywords';

/** FNV-1a, 32 bits, with a seed: two seeds give the halves of a 64-bit term hash. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const hex32 = (value: number) => (value >>> 0).toString(16).padStart(8, '0');

/**
 * A 64-bit SimHash of weighted terms (Charikar): texts that share most of their weight differ in
 * few bits. Stored as 16 hex characters; its four 16-bit bands find candidates by equality
 * (two fingerprints within 3 bits of each other share at least one band).
 */
export function simhash(terms: readonly WeightedTerm[]): string {
  const sums = new Float64Array(64);
  for (const { term, weight } of terms) {
    const halves = [fnv1a(term, 0), fnv1a(term, 0x9e3779b9)];
    for (let bit = 0; bit < 64; bit += 1) {
      const set = (halves[bit >> 5] >>> (bit & 31)) & 1;
      sums[bit] += set ? weight : -weight;
    }
  }
  const halves = [0, 0];
  for (let bit = 0; bit < 64; bit += 1) {
    if (sums[bit] > 0) {
      halves[bit >> 5] |= 1 << (bit & 31);
    }
  }
  return hex32(halves[1]) + hex32(halves[0]);
}

const popcount32 = (value: number) => {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

export function hammingDistance(a: string, b: string): number {
  return (
    popcount32(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) + popcount32(parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16))
  );
}

/** The four 16-bit bands of a fingerprint, for finding near duplicates by equality. */
export const simhashBands = (fingerprint: string): string[] => [0, 4, 8, 12].map((start) => fingerprint.slice(start, start + 4));

/** Cosine similarity of two weighted term lists, from 0 (nothing shared) to 1 (the same weights). */
export function cosineSimilarity(a: readonly WeightedTerm[], b: readonly WeightedTerm[]): number {
  const weights = new Map(a.map(({ term, weight }) => [term, weight]));
  let dot = 0;
  for (const { term, weight } of b) {
    dot += (weights.get(term) ?? 0) * weight;
  }
  const norm = (terms: readonly WeightedTerm[]) => Math.sqrt(terms.reduce((sum, { weight }) => sum + weight * weight, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}
