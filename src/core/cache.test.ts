import { describe, expect, it } from 'vitest';
import { ShortLivedCache } from './cache';

describe('ShortLivedCache', () => {
  it('loads a key once within its time to live, again after clear, and forgets a failed load', async () => {
    const cache = new ShortLivedCache<number>(60_000);
    let loads = 0;
    const load = async () => (loads += 1);
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(2);
    cache.clear();
    expect(await cache.get('a', load)).toBe(3);

    await expect(cache.get('c', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await cache.get('c', load)).toBe(4);
  });

  it('reloads once the time to live has passed', async () => {
    const cache = new ShortLivedCache<number>(1);
    let loads = 0;
    await cache.get('a', async () => (loads += 1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await cache.get('a', async () => (loads += 1))).toBe(2);
  });
});
