import { createHash, randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import type { StoreEvents } from './events';
import { JsonFile, type JsonFileOptions, type UnsavedSnapshot } from './jsonFile';
import { describeWriteFailure, type StoreFs } from './storeFs';
import { parseVersioned, type FileSpec, type Versioned } from './versionedJson';

/*
 * Changes kept in memory after failed saves must outlive the window. A change is a function, so
 * what is written at close is data: the file as this window last read it (`base`) and as it
 * looks with the changes (`mine`). The next start applies the difference base → mine, record
 * by record and field by field, to the file as it is then (other windows may have written it
 * meanwhile), under the file's lock, and removes the recovery file.
 *
 * The recovery file goes beside its data file; if that fails too (a read-only or full disk
 * usually fails for every file in the folder), into a private folder under the OS temp folder.
 */

interface RecoveryRecord {
  readonly version: 1;
  /** The data file, relative to the store folder (`tasks.json`, `reviews/2026.json`). */
  readonly recoveryOf: string;
  readonly writtenAt: number;
  readonly base: unknown;
  readonly mine: unknown;
}

/** How to merge a recovery file into one data file. */
export interface Recoverable<T extends Versioned> {
  readonly spec: FileSpec<T>;
  /** Apply to `current` (in place) what changed from `base` to `mine`. */
  rebase(current: T, base: T, mine: T): void;
}

/**
 * What the engine needs to know of the stores above it: which files are worth a recovery file
 * (and how to merge one), and the folders, relative to the store folder, that may hold one.
 */
export interface RecoveryPlan {
  /** Files whose unsaved changes are worth a recovery file; null for the rest. */
  recoverableFor(name: string): Recoverable<Versioned> | null;
  /** Sub-folders of the store folder that hold data files ('' is the store folder itself). */
  readonly folders: readonly string[];
}

const RECOVERY_NAME = /\.recovery-[0-9TZ-]+-\d+-[0-9a-f]+\.json$/;

/** Equal as stored: the same JSON. */
export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `current` with what changed from `base` to `mine`: records removed in `mine` are removed,
 * records added are added, and of a record changed in `mine` only the changed fields are set
 * (so another window's edit of another field survives). A record changed here but removed
 * elsewhere comes back: keeping a change is safer than losing it.
 */
export function rebaseList<R extends object>(current: readonly R[], base: readonly R[], mine: readonly R[], id: (r: R) => string): R[] {
  const baseById = new Map(base.map((r) => [id(r), r]));
  const mineIds = new Set(mine.map(id));
  const out = current.filter((r) => !(baseById.has(id(r)) && !mineIds.has(id(r))));
  for (const r of mine) {
    const was = baseById.get(id(r));
    if (was && same(was, r)) continue;
    const at = out.findIndex((x) => id(x) === id(r));
    if (at < 0) out.push(r);
    else out[at] = was ? mergeFields(out[at], was, r) : r;
  }
  return out;
}

function mergeFields<R extends object>(current: R, base: R, mine: R): R {
  const out: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  const b = base as Record<string, unknown>;
  const m = mine as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(m)])) {
    if (same(b[key], m[key])) continue;
    if (key in m) out[key] = m[key];
    else delete out[key];
  }
  return out as R;
}

/** Private per-user fallback folder for one store folder, under the OS temp folder. */
export function defaultRecoveryFallbackDir(storeDir: string): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
  const key = createHash('sha256').update(path.resolve(storeDir)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `lead-desk-recovery-${user}`, key);
}

export interface RecoveryOptions extends JsonFileOptions, StoreEvents {
  /** Where recovery files go when the store folder refuses them; null for nowhere else. */
  readonly recoveryFallbackDir?: string | null;
  /** How long `close` tries once more to save before writing recovery files. Default 1.5 s. */
  readonly lastAttemptMs?: number;
}

function stampOf(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

async function writeRecovery(
  fs: StoreFs, storeDir: string, name: string, snapshot: UnsavedSnapshot<Versioned>, fallbackDir: string | null, now: number,
): Promise<string> {
  const record: RecoveryRecord = { version: 1, recoveryOf: name, writtenAt: now, base: snapshot.base, mine: snapshot.mine };
  const text = `${JSON.stringify(record)}\n`;
  const unique = `recovery-${stampOf(now)}-${process.pid}-${randomBytes(4).toString('hex')}.json`;
  const beside = path.join(storeDir, ...name.split('/'));
  const first = `${beside.slice(0, -'.json'.length)}.${unique}`;
  try {
    await writeFileAtomic(fs, first, text);
    return first;
  } catch (err) {
    if (!fallbackDir) throw err;
  }
  await fs.promises.mkdir(fallbackDir, { recursive: true, mode: 0o700 });
  const second = path.join(fallbackDir, `${name.replace(/\.json$/, '').replace(/\//g, '~')}.${unique}`);
  await writeFileAtomic(fs, second, text);
  return second;
}

/**
 * Closing: one last attempt to save each open file, then a recovery file for what is still
 * unsaved. Resolves when all is on disk somewhere (or reported lost through `onRecoveryWritten`).
 */
export async function closeFiles(
  files: Iterable<JsonFile<Versioned>>, storeDir: string, fs: StoreFs, options: RecoveryOptions, plan: RecoveryPlan,
): Promise<void> {
  const fallbackDir = options.recoveryFallbackDir === undefined ? defaultRecoveryFallbackDir(storeDir) : options.recoveryFallbackDir;
  await Promise.all([...files].map(async (file) => {
    const left = await file.close(options.lastAttemptMs);
    if (!left || !plan.recoverableFor(file.name)) return;
    try {
      const recoveryFile = await writeRecovery(fs, storeDir, file.name, left, fallbackDir, (options.now ?? Date.now)());
      options.onRecoveryWritten?.({ file: file.path, recoveryFile });
    } catch (err) {
      options.onRecoveryWritten?.({ file: file.path, recoveryFile: null, error: describeWriteFailure(`a recovery file for ${file.name}`, err) });
    }
  }));
}

/** Is this fallback folder or file ours alone (another user could plant a file in a shared temp folder)? */
async function privateToUs(fs: StoreFs, target: string, isDir: boolean): Promise<boolean> {
  if (typeof process.getuid !== 'function') return true; // Windows: the temp folder is per user
  try {
    const s = await fs.promises.stat(target);
    return s.uid === process.getuid() && (!isDir || (s.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

/**
 * Start-up: merge every recovery file a closed window left (oldest first) into its data file,
 * then remove it. One that cannot be merged now (disk still failing, a newer Lead Desk's file,
 * damaged) stays where it is for a later start; nothing is deleted unmerged.
 */
export async function mergeRecoveryFiles(storeDir: string, fs: StoreFs, options: RecoveryOptions, plan: RecoveryPlan): Promise<number> {
  const fallbackDir = options.recoveryFallbackDir === undefined ? defaultRecoveryFallbackDir(storeDir) : options.recoveryFallbackDir;
  const folders = plan.folders.map((sub) => path.join(storeDir, sub));
  if (fallbackDir && (await privateToUs(fs, fallbackDir, true))) folders.push(fallbackDir);
  const found: Array<{ readonly file: string; readonly record: RecoveryRecord }> = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = await fs.promises.readdir(folder);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => RECOVERY_NAME.test(n))) {
      const file = path.join(folder, name);
      if (folder === fallbackDir && !(await privateToUs(fs, file, false))) continue;
      try {
        const record = JSON.parse(await fs.promises.readFile(file, 'utf8')) as RecoveryRecord;
        if (record?.version === 1 && typeof record.recoveryOf === 'string') found.push({ file, record });
      } catch {
        // damaged or unreadable: left for the user, never deleted
      }
    }
  }
  found.sort((a, b) => a.record.writtenAt - b.record.writtenAt);
  let merged = 0;
  // Only what the lock and the move-aside and copy reports need: this handle must not report twice
  // what the store's own handle reports (skipped records, a newer file).
  const fileOptions: JsonFileOptions = {
    fs, lockStaleMs: options.lockStaleMs, lockMaxWaitMs: options.lockMaxWaitMs, now: options.now,
    isProcessAlive: options.isProcessAlive, onRecovered: options.onRecovered, onSetAsideCopied: options.onSetAsideCopied,
  };
  for (const { file, record } of found) {
    const kind = plan.recoverableFor(record.recoveryOf);
    if (!kind) continue;
    const base = parseVersioned(JSON.stringify(record.base), kind.spec);
    const mine = parseVersioned(JSON.stringify(record.mine), kind.spec);
    if (!base.ok || !mine.ok || base.newerVersion !== null || mine.newerVersion !== null) continue;
    const target = await JsonFile.open(storeDir, record.recoveryOf, kind.spec, fileOptions);
    try {
      await target.update((current) => kind.rebase(current, base.data, mine.data), { keepOnFailure: false });
    } catch {
      continue; // still cannot save (or a newer Lead Desk owns the file): try at the next start
    } finally {
      target.dispose();
    }
    await fs.promises.unlink(file).catch(() => {}); // if it stays, the next start applies the same changes again
    merged++;
    options.onRecoveryMerged?.({ file: target.path, recoveryFile: file });
  }
  return merged;
}
