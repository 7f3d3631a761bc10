/**
 * Stored validators and bodies for conditional requests. GitHub answers a request carrying a
 * matching `If-None-Match` / `If-Modified-Since` with 304, which costs no rate-limit point.
 */
export interface CachedResponse {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly data: unknown;
  readonly fetchedAt: number;
}

export interface ResponseCache {
  get(key: string): CachedResponse | undefined;
  set(key: string, value: CachedResponse): void;
  clear(): void;
}

/** An in-memory cache bounded by entry count, evicting the least recently used. */
export class MemoryResponseCache implements ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  constructor(private readonly maxEntries = 2000) {}

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedResponse): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Everything, for persisting between sessions. */
  snapshot(): Record<string, CachedResponse> {
    return Object.fromEntries(this.entries);
  }

  load(entries: Record<string, CachedResponse>): void {
    for (const [k, v] of Object.entries(entries)) this.set(k, v);
  }
}
