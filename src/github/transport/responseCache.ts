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
  /** The session the next requests are for (undefined: signed out); see `PersistedResponseCache`. */
  own?(owner: CacheOwner | undefined): Promise<void>;
  /** Writes what waits to be saved, when the cache is saved at all. */
  flush?(): Promise<void>;
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

/** Whose validators these are: an API origin and a session key (see `GitHubConnection.sessionKey`). */
export interface CacheOwner {
  readonly origin: string;
  readonly session: string;
}

/** The part of `SnapshotStore` the persisted cache uses. */
export interface ValidatorFile {
  read(): Promise<{ readonly origin: string; readonly account: string; readonly session: string; readonly savedAt: number; readonly data: Record<string, CachedResponse> } | undefined>;
  write(snapshot: CacheOwner & { readonly account: string; readonly savedAt: number; readonly data: Record<string, CachedResponse> }): Promise<void>;
  clear(): Promise<void>;
}

/** The saved entries' shape, for `SnapshotStore`'s check. */
export function isCachedResponses(data: unknown): data is Record<string, CachedResponse> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  return Object.values(data).every((v) => typeof v === 'object' && v !== null && 'data' in v && Number.isFinite((v as CachedResponse).fetchedAt)
    && ((v as CachedResponse).etag === undefined || typeof (v as CachedResponse).etag === 'string')
    && ((v as CachedResponse).lastModified === undefined || typeof (v as CachedResponse).lastModified === 'string'));
}

/**
 * The memory cache, saved to a file (`response-cache.json`) so the first request after a restart
 * is conditional too, and a 304 is answered from the saved body. The file belongs to one session
 * on one API origin, like the sidebar snapshot: `own` with another owner (another account or
 * GitHub) or with none (signed out) discards it. Writes wait `saveDelayMs` to gather a poll's
 * answers into one write; the most recently used entries are saved, up to `maxBytes` of JSON.
 */
export class PersistedResponseCache implements ResponseCache {
  private readonly memory: MemoryResponseCache;
  private owner: CacheOwner | undefined;
  // The file's `account` is left empty: the login is known only after a request, and the
  // session key already names the account.
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(private readonly file: ValidatorFile, private readonly opts: { maxEntries?: number; maxBytes?: number; saveDelayMs?: number; log?: (line: string) => void } = {}) {
    this.memory = new MemoryResponseCache(opts.maxEntries ?? 2000);
  }

  /**
   * The session the next requests are made for. The first time for an owner, its saved entries
   * are loaded; another owner's are dropped from memory and from the file.
   */
  async own(owner: CacheOwner | undefined): Promise<void> {
    const same = (o?: CacheOwner) => o !== undefined && owner !== undefined && o.origin === owner.origin && o.session === owner.session;
    if (same(this.owner)) return;
    this.cancelSave();
    this.memory.clear();
    this.owner = owner;
    const generation = ++this.generation;
    const stored = await this.file.read().catch(() => undefined);
    if (generation !== this.generation) return; // changed again meanwhile
    if (stored && same(stored)) {
      for (const [k, v] of Object.entries(stored.data).sort((a, b) => a[1].fetchedAt - b[1].fetchedAt)) if (!this.memory.get(k)) this.memory.set(k, v);
    } else if (stored) {
      await this.file.clear();
    }
  }

  get(key: string): CachedResponse | undefined {
    return this.owner ? this.memory.get(key) : undefined;
  }

  set(key: string, value: CachedResponse): void {
    if (!this.owner) return;
    this.memory.set(key, value);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.opts.saveDelayMs ?? 2000);
    this.timer.unref?.();
  }

  clear(): void {
    this.cancelSave();
    this.memory.clear();
    this.owner = undefined;
    this.generation++;
    this.saving = this.saving.then(() => this.file.clear());
  }

  /** Writes now what is waiting to be written (tests, and the window closing). */
  flush(): Promise<void> {
    if (this.timer) {
      this.cancelSave();
      return this.save();
    }
    return this.saving;
  }

  private cancelSave(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private save(): Promise<void> {
    const owner = this.owner;
    if (!owner) return this.saving;
    const maxBytes = this.opts.maxBytes ?? 2 * 1024 * 1024;
    const data: Record<string, CachedResponse> = {};
    let bytes = 0;
    for (const [k, v] of Object.entries(this.memory.snapshot()).reverse()) {
      const size = JSON.stringify(v).length + k.length;
      if (bytes + size > maxBytes) continue;
      bytes += size;
      data[k] = v;
    }
    this.saving = this.saving.then(() => this.file.write({ ...owner, account: '', savedAt: Date.now(), data }))
      .catch((e: unknown) => this.opts.log?.(`response cache not saved: ${e instanceof Error ? e.message : String(e)}`));
    return this.saving;
  }
}
