import { describe, expect, it } from 'vitest';
import { newId, pooledRandomBytes } from './ids';

describe('newId', () => {
  it('is a UUIDv7 that the schemas accept as a uuid', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time across milliseconds and repeats never', async () => {
    const early = Array.from({ length: 1000 }, () => newId());
    await new Promise((resolve) => setTimeout(resolve, 2));
    const late = newId();
    expect(early.every((id) => id < late)).toBe(true);
    expect(new Set(early).size).toBe(early.length);
  });
});

describe('pooledRandomBytes', () => {
  it('hands out fresh bytes each time, across refills of the pool', () => {
    const draws = Array.from({ length: 2000 }, () => pooledRandomBytes(12).toString('hex'));
    expect(new Set(draws).size).toBe(draws.length);
    const kept = pooledRandomBytes(16);
    const copy = Buffer.from(kept);
    for (let index = 0; index < 600; index += 1) {
      pooledRandomBytes(16);
    }
    expect(kept).toEqual(copy);
  });
});
