/**
 * Values that change rarely and are read on every busy request (categories, settings, the receiving
 * organisation), kept per app instance for a few seconds. A change made through this instance clears
 * them at once; other instances see it within the time to live.
 */
export class ShortLivedCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(private readonly ttlMs: number) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.until > now) {
      return entry.value;
    }
    const value = load();
    this.entries.set(key, { value, until: now + this.ttlMs });
    // A failed load is not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
