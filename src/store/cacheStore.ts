import { JsonFile, type JsonFileOptions } from './jsonFile';
import { STORE_FILES } from './paths';
import type { FileSpec } from './versionedJson';
import { FileBackedStore } from './fileBackedStore';

/** A GitHub response kept for conditional requests (ETag / Last-Modified) and offline display. */
export interface CachedResponse {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly body: unknown;
  readonly fetchedAt: number;
}

export interface CacheFile {
  readonly version: 1;
  entries: Record<string, CachedResponse>;
}

export const cacheSpec: FileSpec<CacheFile> = {
  version: 1,
  compact: true,
  empty: () => ({ version: 1, entries: {} }),
  check: (f) => (typeof f.entries === 'object' && f.entries !== null && !Array.isArray(f.entries) ? null : '"entries" is not an object'),
  records: [{ field: 'entries', problem: cachedResponseProblem }],
};

function cachedResponseProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const r = record as Record<keyof CachedResponse, unknown>;
  if (!Number.isFinite(r.fetchedAt)) return 'it has no fetch time';
  if (!('body' in r)) return 'it has no body';
  if ((r.etag !== undefined && typeof r.etag !== 'string') || (r.lastModified !== undefined && typeof r.lastModified !== 'string')) return 'its validators are not text';
  return null;
}

export interface CacheLimits {
  /** Most entries kept. Default 500. */
  readonly maxEntries?: number;
  /** Most bytes of JSON kept. Default 4 MiB. */
  readonly maxBytes?: number;
}

/**
 * GitHub response cache (`cache.json`), size-bounded: past either limit, the entries fetched
 * longest ago go first. An entry larger than the byte limit on its own is not kept.
 */
export class CacheStore extends FileBackedStore<CacheFile> {
  private constructor(file: JsonFile<CacheFile>, private readonly limits: Required<CacheLimits>) {
    super(file);
  }

  static async open(dir: string, options: JsonFileOptions & CacheLimits = {}): Promise<CacheStore> {
    const limits = { maxEntries: options.maxEntries ?? 500, maxBytes: options.maxBytes ?? 4 * 1024 * 1024 };
    return new CacheStore(await JsonFile.open(dir, STORE_FILES.cache, cacheSpec, options), limits);
  }

  get(key: string): CachedResponse | undefined {
    return Object.hasOwn(this.file.data.entries, key) ? this.file.data.entries[key] : undefined;
  }

  keys(): string[] {
    return Object.keys(this.file.data.entries);
  }

  /** Store a response; resolves false if it is too large to keep. */
  put(key: string, value: CachedResponse): Promise<boolean> {
    if (key === '__proto__') return Promise.reject(new RangeError('reserved cache key'));
    const size = JSON.stringify(key).length + JSON.stringify(value).length + 2;
    if (size > this.limits.maxBytes) return this.delete(key).then(() => false);
    return this.file.update((f) => {
      f.entries[key] = value;
      this.evict(f, key);
      return true;
    });
  }

  delete(key: string): Promise<boolean> {
    return this.file.update((f) => Object.hasOwn(f.entries, key) && delete f.entries[key]);
  }

  clear(): Promise<void> {
    return this.file.update((f) => {
      f.entries = {};
    });
  }

  private evict(f: CacheFile, keep: string): void {
    const sizes = new Map(Object.entries(f.entries).map(([k, v]) => [k, JSON.stringify(k).length + JSON.stringify(v).length + 2]));
    let bytes = [...sizes.values()].reduce((a, b) => a + b, 0);
    let count = sizes.size;
    if (bytes <= this.limits.maxBytes && count <= this.limits.maxEntries) return;
    const oldestFirst = Object.keys(f.entries).filter((k) => k !== keep)
      .sort((a, b) => f.entries[a].fetchedAt - f.entries[b].fetchedAt);
    for (const key of oldestFirst) {
      if (bytes <= this.limits.maxBytes && count <= this.limits.maxEntries) break;
      bytes -= sizes.get(key)!;
      count--;
      delete f.entries[key];
    }
  }
}
