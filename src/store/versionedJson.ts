import type { Adapter } from 'lowdb';
import { writeFileAtomic } from './atomicWrite';
import { errorCode, type StoreFs } from './storeFs';

/** Every store file is a JSON object with a schema version. */
export interface Versioned {
  readonly version: number;
}

/** The schema of one kind of file. */
export interface FileSpec<T extends Versioned> {
  /** The current schema version; files written by this build carry it. */
  readonly version: number;
  /** Content of a new (or started-afresh) file, at the current version. */
  empty(): T;
  /**
   * `migrations[n]` turns a version-n object into version n+1 (it may mutate and return its
   * input). A file without a `version` is version 0. Run on open, in order.
   */
  readonly migrations?: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>>;
  /** Shape check after migration: a message if the content is unusable, else null. */
  check?(data: T): string | null;
  /** Write without indentation (large machine-only files such as the cache). */
  readonly compact?: boolean;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly data: T; readonly migratedFrom: number | null }
  | { readonly ok: false; readonly reason: string };

/** Parse, version-check and migrate a file's text. Never throws for bad content. */
export function parseVersioned<T extends Versioned>(text: string, spec: FileSpec<T>): ParseResult<T> {
  if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `the file is not valid JSON, probably truncated or damaged (${(err as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'the file does not hold a JSON object' };
  }
  let data = raw as Record<string, unknown>;
  const found = data.version === undefined ? 0 : data.version;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
    return { ok: false, reason: `the schema version ${JSON.stringify(found)} is not a version number` };
  }
  if (found > spec.version) {
    return { ok: false, reason: `the schema version ${found} is newer than this version of Lead Desk reads (${spec.version})` };
  }
  for (let v = found; v < spec.version; v++) {
    const migrate = spec.migrations?.[v];
    if (!migrate) return { ok: false, reason: `there is no migration from schema version ${v}` };
    try {
      data = { ...migrate(data), version: v + 1 };
    } catch (err) {
      return { ok: false, reason: `the migration from schema version ${v} failed (${(err as Error).message})` };
    }
  }
  const problem = spec.check?.(data as unknown as T) ?? null;
  if (problem) return { ok: false, reason: `the content is not usable: ${problem}` };
  return { ok: true, data: data as unknown as T, migratedFrom: found === spec.version ? null : found };
}

export function serialize<T>(data: T, spec: FileSpec<Versioned>): string {
  return `${spec.compact ? JSON.stringify(data) : JSON.stringify(data, null, 2)}\n`;
}

/** Identity of the file on disk as last seen: every save is a rename, so the inode changes. */
export async function fileStamp(fs: StoreFs, file: string): Promise<string | null> {
  try {
    const s = await fs.promises.stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  }
}

/**
 * lowdb adapter for one versioned file: `read` parses, checks and migrates (recording why a
 * file is unusable instead of throwing), `write` replaces the file atomically and skips the
 * write when nothing changed. It does not lock: `JsonFile` holds the lock around read and write,
 * because lowdb's own `update` applies a change before reading and so cannot serve a
 * cross-process read-modify-write.
 */
export class VersionedJsonAdapter<T extends Versioned> implements Adapter<T> {
  /** Raw text as read, or null if the file does not exist. */
  text: string | null = null;
  /** Why the file read is unusable (the caller moves it aside), or null. */
  unusable: string | null = null;
  migratedFrom: number | null = null;
  /** Identity of the file after the last read or write. */
  stamp: string | null = null;
  beforeRename?: () => Promise<void>;

  constructor(
    private readonly fs: StoreFs,
    readonly file: string,
    private readonly spec: FileSpec<T>,
  ) {}

  async read(): Promise<T | null> {
    this.unusable = null;
    this.migratedFrom = null;
    this.stamp = await fileStamp(this.fs, this.file);
    try {
      this.text = await this.fs.promises.readFile(this.file, 'utf8');
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err;
      this.text = null;
      this.stamp = null;
      return null;
    }
    const parsed = parseVersioned(this.text, this.spec);
    if (!parsed.ok) {
      this.unusable = parsed.reason;
      return null;
    }
    this.migratedFrom = parsed.migratedFrom;
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    const text = serialize(data, this.spec);
    if (text === this.text) return;
    await writeFileAtomic(this.fs, this.file, text, this.beforeRename);
    this.text = text;
    this.stamp = await fileStamp(this.fs, this.file).catch(() => null);
  }
}
