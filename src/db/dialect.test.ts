import { describe, expect, it } from 'vitest';
import { insertChunks } from './dialect';

describe('insertChunks', () => {
  it('keeps every row once, in order, in chunks of a few fixed sizes', () => {
    for (const count of [0, 1, 3, 4, 17, 255, 256, 300, 1000]) {
      const rows = Array.from({ length: count }, (_, index) => index);
      const chunks = insertChunks(rows);
      expect(chunks.flat()).toEqual(rows);
      expect(chunks.every((chunk) => [256, 64, 16, 4, 1].includes(chunk.length))).toBe(true);
    }
  });
});
