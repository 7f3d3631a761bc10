import type { Adapter } from 'lowdb';
import { keepCopy, writeFileAtomic } from './atomicWrite';
import { describeError } from '../../util/errors';
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
  /**
   * Collections checked record by record, after `check`: a malformed record is set aside, so
   * readers never see it, and written back untouched with the rest (nothing is deleted from
   * disk because this version cannot read it).
   */
  readonly records?: readonly RecordCollection[];
  /** Write without indentation (large machine-only files such as the cache). */
  readonly compact?: boolean;
  /**
   * Data fetched or computed again when lost (a cache): a write that changes set-aside records
   * keeps no copy and tells no one, since a copy would hold nothing worth reading.
   */
  readonly rederivable?: boolean;
}

/** A list (or a map keyed by string) of records in a file, checked one by one. */
export interface RecordCollection {
  /** Top-level field holding an array, or an object used as a map. */
  readonly field: string;
  /** Why a record cannot be used (each field that readers rely on), or null. */
  problem(record: unknown): string | null;
  /** Identity of a usable record in a list: a second record with the same id is set aside. */
  id?(record: unknown): string;
  /**
   * Lists inside each usable record, checked item by item, so that one bad item costs that item
   * only: it is set aside and written back into its record. For maps, and lists with `id`.
   */
  readonly parts?: readonly RecordPart[];
  /**
   * A map only: what to write when a usable record lands on the key of a set-aside one (a store
   * creates a record for a key it found nothing under). Default: the usable record. Either way
   * the file is copied first, so nothing set aside is lost.
   */
  merge?(setAside: unknown, usable: unknown): unknown;
}

/** A list field inside each record of a collection. */
export interface RecordPart {
  readonly field: string;
  /** Why an item cannot be used, or null. */
  problem(item: unknown): string | null;
}

/** What a read set aside: whole records, and items of the lists inside usable records. */
export interface SetAside {
  /** Per collection field: the original array items, or map entries. */
  readonly records: Readonly<Record<string, unknown[] | Record<string, unknown>>>;
  readonly parts: readonly SetAsidePart[];
}

/** Items set aside from one list of one record (`key`: its map key, or its id in a list). */
export interface SetAsidePart {
  readonly field: string;
  readonly key: string;
  readonly part: string;
  readonly items: readonly unknown[];
}

export type ParseResult<T> =
  | {
    readonly ok: true;
    readonly data: T;
    readonly migratedFrom: number | null;
    /** The file's schema version when newer than `spec.version`: read it, never write it. */
    readonly newerVersion: number | null;
    readonly setAside: SetAside | null;
    /** One line per record set aside. */
    readonly skipped: readonly string[];
  }
  | { readonly ok: false; readonly reason: string; readonly newerVersion: number | null };

/** Parse, version-check and migrate a file's text. Never throws for bad content. */
export function parseVersioned<T extends Versioned>(text: string, spec: FileSpec<T>): ParseResult<T> {
  const fail = (reason: string, newerVersion: number | null = null) => ({ ok: false, reason, newerVersion }) as const;
  if (text.trim() === '') return fail('the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return fail(`the file is not valid JSON, probably truncated or damaged (${describeError(err)})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('the file does not hold a JSON object');
  }
  let data = raw as Record<string, unknown>;
  const found = data.version === undefined ? 0 : data.version;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
    return fail(`the schema version ${JSON.stringify(found)} is not a version number`);
  }
  // A newer Lead Desk (another window, not yet reloaded after an update, or the other way
  // round) wrote it: show what this version can read of it, and never write or move it.
  const newerVersion = found > spec.version ? found : null;
  const newerNote = `the schema version ${found} is newer than this version of Lead Desk reads (${spec.version})`;
  for (let v = found; v < spec.version; v++) {
    const migrate = spec.migrations?.[v];
    if (!migrate) return fail(`there is no migration from schema version ${v}`);
    try {
      data = { ...migrate(data), version: v + 1 };
    } catch (err) {
      return fail(`the migration from schema version ${v} failed (${describeError(err)})`);
    }
  }
  const problem = spec.check?.(data as unknown as T) ?? null;
  if (problem) return fail(newerVersion === null ? `the content is not usable: ${problem}` : `${newerNote}, and ${problem}`, newerVersion);
  const { setAside, skipped } = setAsideMalformed(data, spec.records ?? []);
  return { ok: true, data: data as unknown as T, migratedFrom: found < spec.version ? found : null, newerVersion, setAside, skipped };
}

/** Take the malformed records out of `data` (in place); return them and one line for each. */
function setAsideMalformed(data: Record<string, unknown>, collections: readonly RecordCollection[]): { setAside: SetAside | null; skipped: string[] } {
  const records: Record<string, unknown[] | Record<string, unknown>> = {};
  const parts: SetAsidePart[] = [];
  const skipped: string[] = [];
  for (const c of collections) {
    const value = data[c.field];
    if (Array.isArray(value)) {
      const seen = new Set<string>();
      const good: unknown[] = [];
      const bad: unknown[] = [];
      value.forEach((record: unknown, i) => {
        let problem = c.problem(record);
        const id = problem === null ? c.id?.(record) : undefined;
        if (id !== undefined && seen.has(id)) problem = `its id ${JSON.stringify(id)} is used by an earlier record`;
        if (id !== undefined) seen.add(id);
        if (problem === null) good.push(id === undefined ? record : setAsideParts(c, id, record, parts, skipped));
        else {
          bad.push(record);
          skipped.push(`a record in "${c.field}" (${recordLabel(record, i)}) was skipped: ${problem}`);
        }
      });
      data[c.field] = good;
      if (bad.length) records[c.field] = bad;
    } else if (typeof value === 'object' && value !== null) {
      const map = value as Record<string, unknown>;
      const bad: Record<string, unknown> = {};
      for (const key of Object.keys(map)) {
        const problem = c.problem(map[key]);
        if (problem === null) {
          map[key] = setAsideParts(c, key, map[key], parts, skipped);
          continue;
        }
        bad[key] = map[key];
        delete map[key];
        skipped.push(`a record in "${c.field}" (key ${JSON.stringify(key)}) was skipped: ${problem}`);
      }
      if (Object.keys(bad).length) records[c.field] = bad;
    }
  }
  return { setAside: skipped.length ? { records, parts } : null, skipped };
}

/** A usable record without the bad items of its lists (those go to `parts`, one line each). */
function setAsideParts(c: RecordCollection, key: string, record: unknown, parts: SetAsidePart[], skipped: string[]): unknown {
  if (!c.parts?.length || typeof record !== 'object' || record === null) return record;
  let out = record as Record<string, unknown>;
  for (const part of c.parts) {
    const list = out[part.field];
    if (!Array.isArray(list)) continue;
    const bad: unknown[] = [];
    const good = list.filter((item: unknown, i) => {
      const problem = part.problem(item);
      if (problem === null) return true;
      bad.push(item);
      skipped.push(`an item of "${part.field}" in "${c.field}" (${JSON.stringify(key)}, ${recordLabel(item, i)}) was skipped: ${problem}`);
      return false;
    });
    if (!bad.length) continue;
    out = { ...out, [part.field]: good };
    parts.push({ field: c.field, key, part: part.field, items: bad });
  }
  return out;
}

/** The record's id if it has one, else its place in the list. */
function recordLabel(record: unknown, index: number): string {
  const id = (record as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `id ${JSON.stringify(id.slice(0, 80))}` : `item ${index + 1}`;
}

/**
 * `data` with what was set aside at read put back, without changing `data` itself. Records in a
 * list are appended; a map's record goes back under its key, and when a usable record now holds
 * that key, the collection's `merge` decides. Set-aside items go back into their record's list.
 * `overwritten` says, one line each, what could not be put back as it was (a merge, or items
 * whose record is gone): the caller copies the file before writing.
 */
export function withSetAside<T>(data: T, setAside: SetAside | null, collections: readonly RecordCollection[]): { data: T; overwritten: string[] } {
  const overwritten: string[] = [];
  if (!setAside) return { data, overwritten };
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  const collection = (field: string) => collections.find((c) => c.field === field);
  for (const [field, bad] of Object.entries(setAside.records)) {
    const current = out[field];
    if (Array.isArray(bad)) {
      out[field] = [...(Array.isArray(current) ? current : []), ...bad];
      continue;
    }
    const usable = typeof current === 'object' && current !== null ? current as Record<string, unknown> : {};
    const merged: Record<string, unknown> = { ...bad };
    for (const [key, record] of Object.entries(usable)) {
      if (!Object.hasOwn(bad, key)) {
        merged[key] = record;
        continue;
      }
      const merge = collection(field)?.merge;
      merged[key] = merge ? merge(bad[key], record) : record;
      overwritten.push(`the record ${JSON.stringify(key)} of "${field}", set aside as unreadable, was ${merge ? 'merged with' : 'replaced by'} a new one`);
    }
    out[field] = merged;
  }
  for (const p of setAside.parts) {
    const c = collection(p.field);
    const current = out[p.field];
    const putBack = (record: unknown): unknown => {
      const list = (record as Record<string, unknown>)[p.part];
      return { ...(record as Record<string, unknown>), [p.part]: [...(Array.isArray(list) ? list : []), ...p.items] };
    };
    const fits = (record: unknown) => typeof record === 'object' && record !== null && !Array.isArray(record)
      && ((record as Record<string, unknown>)[p.part] === undefined || Array.isArray((record as Record<string, unknown>)[p.part]));
    let done = false;
    if (Array.isArray(current)) {
      const at = current.findIndex((r) => c?.id !== undefined && fits(r) && c.id(r) === p.key);
      if (at >= 0) {
        out[p.field] = current.map((r, i) => (i === at ? putBack(r) : r));
        done = true;
      }
    } else if (typeof current === 'object' && current !== null && fits((current as Record<string, unknown>)[p.key])) {
      out[p.field] = { ...current, [p.key]: putBack((current as Record<string, unknown>)[p.key]) };
      done = true;
    }
    if (!done) overwritten.push(`${p.items.length} unreadable item(s) of "${p.part}" in ${JSON.stringify(p.key)} of "${p.field}" were left out: their record is gone`);
  }
  return { data: out as T, overwritten };
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
  /** The version of a file written by a newer Lead Desk (never written here), or null. */
  newerVersion: number | null = null;
  /** Malformed records of the last read, kept out of the data and written back with it. */
  setAside: SetAside | null = null;
  /** One line per record set aside at the last read. */
  skipped: readonly string[] = [];
  /** Identity of the file after the last read or write. */
  stamp: string | null = null;
  beforeRename?: () => Promise<void>;
  /** Clock for the name of a copy (tests). */
  now: () => number = Date.now;
  /**
   * A write had to change what was set aside (see `withSetAside`): the file as read was copied
   * to `copy` first. `overwritten`: one line per record or item concerned.
   */
  onCopied?: (copy: string, overwritten: readonly string[]) => void;
  /**
   * After a write that merged set-aside records: the content as written, read back (what
   * readers should now see), or null when the write put back everything as it was.
   */
  written: T | null = null;

  constructor(
    private readonly fs: StoreFs,
    readonly file: string,
    private readonly spec: FileSpec<T>,
  ) {}

  async read(): Promise<T | null> {
    this.unusable = null;
    this.migratedFrom = null;
    this.newerVersion = null;
    this.setAside = null;
    this.skipped = [];
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
    this.newerVersion = parsed.newerVersion;
    if (!parsed.ok) {
      this.unusable = parsed.reason;
      return null;
    }
    this.migratedFrom = parsed.migratedFrom;
    this.setAside = parsed.setAside;
    this.skipped = parsed.skipped;
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    // Defence in depth: JsonFile never writes over a newer file; if it ever tried, refuse.
    if (this.newerVersion !== null) throw new NewerVersionError(this.file, this.newerVersion, this.spec.version);
    this.written = null;
    const full = withSetAside(data, this.setAside, this.spec.records ?? []);
    const text = serialize(full.data, this.spec);
    if (text === this.text) return;
    if (full.overwritten.length && this.text !== null && !this.spec.rederivable) {
      // What was set aside is about to change on disk: the file as it was stays, next to it.
      const copy = await keepCopy(this.fs, this.file, this.text, this.now());
      this.onCopied?.(copy, full.overwritten);
    }
    await writeFileAtomic(this.fs, this.file, text, this.beforeRename);
    this.text = text;
    this.stamp = await fileStamp(this.fs, this.file).catch(() => null);
    if (full.overwritten.length) {
      const again = parseVersioned(text, this.spec);
      if (again.ok) {
        this.written = again.data;
        this.setAside = again.setAside;
      }
    }
  }
}

/** A save met a file written by a newer Lead Desk: the change stays in memory, the file as it is. */
export class NewerVersionError extends Error {
  constructor(readonly file: string, readonly fileVersion: number, readonly supportedVersion: number) {
    super(`${file} was written by a newer version of Lead Desk (schema ${fileVersion}; this one writes ${supportedVersion})`);
    this.name = 'NewerVersionError';
  }
}
