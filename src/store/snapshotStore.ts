/**
 * The last good sidebar data (`sidebar-snapshot.json`), painted at start-up before any request.
 * It is only a cache: a file that does not parse or has the wrong shape is deleted with one log
 * line (never moved aside or reported to the user, as the data files are), and a lost write only
 * costs the next start its instant paint. Writes are atomic (temp file + rename), so another
 * window reads the old snapshot or the new one, never a mix; the last writer wins, which is
 * right for a cache of the same data.
 */
import * as path from 'node:path';
import { writeFileAtomic } from './engine/atomicWrite';
import { errorCode, nodeStoreFs, type StoreFs } from './engine/storeFs';

export const SNAPSHOT_FILE = 'sidebar-snapshot.json';
/** GitHub's validators (ETag, Last-Modified) and the bodies they stand for, for conditional requests after a restart. */
export const RESPONSE_CACHE_FILE = 'response-cache.json';

export interface StoredSnapshot<T> {
  readonly version: 1;
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
  /** True when `data` has the shape this version writes. */
  readonly check: (data: unknown) => data is T;
  /** One line for the log, e.g. when a damaged file is dropped. */
  readonly log?: (line: string) => void;
}

export class SnapshotStore<T> {
  readonly path: string;
  private readonly fs: StoreFs;
  private readonly name: string;

  constructor(dir: string, private readonly options: SnapshotStoreOptions<T>) {
    this.name = options.file ?? SNAPSHOT_FILE;
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
      if (!this.options.check(s.data)) return { why: 'its data has the wrong shape' };
      return { snapshot: s as StoredSnapshot<T> };
    })();
    if ('snapshot' in problem) return problem.snapshot;
    this.options.log?.(`${this.name} dropped: ${problem.why} (it is only a cache; the next refresh writes a new one)`);
    await this.clear();
    return undefined;
  }

  async write(snapshot: Omit<StoredSnapshot<T>, 'version'>): Promise<void> {
    await this.fs.promises.mkdir(path.dirname(this.path), { recursive: true }).catch(() => {});
    await writeFileAtomic(this.fs, this.path, JSON.stringify({ version: 1, ...snapshot }));
  }

  async clear(): Promise<void> {
    await this.fs.promises.unlink(this.path).catch(() => {});
  }
}
