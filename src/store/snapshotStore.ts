/**
 * The last good sidebar data (`sidebar-snapshot.json`), painted at start-up before any request.
 * It is only a cache: a file that does not parse or has the wrong shape is deleted with one log
 * line (never moved aside or reported to the user, as the data files are), and a lost write only
 * costs the next start its instant paint. Writes are atomic (temp file + rename), so another
 * window reads the old snapshot or the new one, never a mix; the last writer wins, which is
 * right for a cache of the same data.
 *
 * The data's shape has its own version (`schema`): a snapshot an older Lead Desk wrote may lack
 * a field the sidebar needs, and is not painted as if complete; it is dropped like a damaged
 * one. A newer one (another window already updated) is not painted here either, but kept.
 */
import * as path from 'node:path';
import { writeFileAtomic } from './engine/atomicWrite';
import { errorCode, nodeStoreFs, type StoreFs } from './engine/storeFs';

export const SNAPSHOT_FILE = 'sidebar-snapshot.json';
/**
 * The version of the sidebar snapshot's data (SidebarSnapshotData in inbox/inboxService.ts): raise
 * it when that shape gains a field the sidebar needs. Snapshots saved before it existed have none.
 */
export const SIDEBAR_SNAPSHOT_SCHEMA = 1;
/** GitHub's validators (ETag, Last-Modified) and the bodies they stand for, for conditional requests after a restart. */
export const RESPONSE_CACHE_FILE = 'response-cache.json';

export interface StoredSnapshot<T> {
  readonly version: 1;
  /** The version of `data`'s shape, when the store has one (see `SnapshotStoreOptions.schema`). */
  readonly schema?: number;
  /** When the data was fetched from GitHub (epoch ms). */
  readonly savedAt: number;
  /** The API origin it came from (`https://api.github.com`). */
  readonly origin: string;
  /** The viewer's login. */
  readonly account: string;
  /** A one-way key of the session it was fetched with (never the token): another session's data is never shown. */
  readonly session: string;
  readonly data: T;
}

export interface SnapshotStoreOptions<T> {
  readonly fs?: StoreFs;
  /** The file's name in `dir`; default `sidebar-snapshot.json`. */
  readonly file?: string;
  /**
   * The version of `data`'s shape: written with it, and a snapshot of another (or none) is not
   * returned. Default: SIDEBAR_SNAPSHOT_SCHEMA for the sidebar snapshot (the default file), none
   * (not checked) for another file.
   */
  readonly schema?: number;
  /** True when `data` has the shape this version writes. */
  readonly check: (data: unknown) => data is T;
  /** One line for the log, e.g. when a damaged file is dropped. */
  readonly log?: (line: string) => void;
}

export class SnapshotStore<T> {
  readonly path: string;
  private readonly fs: StoreFs;
  private readonly name: string;
  private readonly schema: number | undefined;

  constructor(dir: string, private readonly options: SnapshotStoreOptions<T>) {
    this.name = options.file ?? SNAPSHOT_FILE;
    this.schema = options.schema ?? (options.file === undefined ? SIDEBAR_SNAPSHOT_SCHEMA : undefined);
    this.path = path.join(dir, this.name);
    this.fs = options.fs ?? nodeStoreFs;
  }

  /** The stored snapshot, or undefined when there is none or it was damaged (then it is deleted). */
  async read(): Promise<StoredSnapshot<T> | undefined> {
    let text: string;
    try {
      text = await this.fs.promises.readFile(this.path, 'utf8');
    } catch (e) {
      if (errorCode(e) !== 'ENOENT') this.options.log?.(`${this.name} could not be read (${errorCode(e) ?? String(e)}); starting without it`);
      return undefined;
    }
    const problem = (() => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { why: 'it is not JSON' };
      }
      const s = parsed as Partial<StoredSnapshot<unknown>> | null;
      if (typeof s !== 'object' || s === null || Array.isArray(s)) return { why: 'it is not an object' };
      if (s.version !== 1) return { why: `version ${String(s.version)} is not 1` };
      if (!Number.isFinite(s.savedAt) || typeof s.origin !== 'string' || typeof s.account !== 'string' || typeof s.session !== 'string') return { why: 'its owner fields are missing' };
      if (this.schema !== undefined && s.schema !== this.schema) {
        // A newer Lead Desk's (another window, already updated) stays for that window.
        if (typeof s.schema === 'number' && s.schema > this.schema) return { newer: s.schema };
        return { why: `an older Lead Desk wrote it (data schema ${s.schema === undefined ? 'none' : String(s.schema)}, this one reads ${this.schema})` };
      }
      if (!this.options.check(s.data)) return { why: 'its data has the wrong shape' };
      return { snapshot: s as StoredSnapshot<T> };
    })();
    if ('snapshot' in problem) return problem.snapshot;
    if ('newer' in problem) {
      this.options.log?.(`${this.name} not painted: a newer Lead Desk wrote it (data schema ${problem.newer}, this one reads ${this.schema})`);
      return undefined;
    }
    this.options.log?.(`${this.name} dropped: ${problem.why} (it is only a cache; the next refresh writes a new one)`);
    await this.clear();
    return undefined;
  }

  async write(snapshot: Omit<StoredSnapshot<T>, 'version' | 'schema'>): Promise<void> {
    await this.fs.promises.mkdir(path.dirname(this.path), { recursive: true }).catch(() => {});
    const schema = this.schema === undefined ? {} : { schema: this.schema };
    await writeFileAtomic(this.fs, this.path, JSON.stringify({ version: 1, ...schema, ...snapshot }));
  }

  async clear(): Promise<void> {
    await this.fs.promises.unlink(this.path).catch(() => {});
  }
}
