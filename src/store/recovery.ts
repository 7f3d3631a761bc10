import { createHash, randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import type { StoreEvents } from './events';
import { JsonFile, type JsonFileOptions, type UnsavedSnapshot } from './jsonFile';
import { keepBothNotes } from '../core/oneOnOne';
import { oneOnOnesSpec, type OneOnOneMeeting, type OneOnOnesFile } from './oneOnOneStore';
import { STORE_FILES } from './paths';
import { reviewYearSpec, type ReviewYearFile } from './reviewHistoryStore';
import { describeWriteFailure, type StoreFs } from './storeFs';
import { tasksSpec, type TasksFile } from './taskStore';
import { timerSpec, type TimerFile } from './timeJournal';
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

interface Recoverable<T extends Versioned> {
  readonly spec: FileSpec<T>;
  /** Apply to `current` (in place) what changed from `base` to `mine`. */
  rebase(current: T, base: T, mine: T): void;
}

const RECOVERY_NAME = /\.recovery-[0-9TZ-]+-\d+-[0-9a-f]+\.json$/;

/** Files whose unsaved changes are worth a recovery file; null for the rest. */
function recoverableFor(name: string): Recoverable<Versioned> | null {
  if (name === STORE_FILES.tasks) {
    const r: Recoverable<TasksFile> = {
      spec: tasksSpec,
      rebase: (current, base, mine) => { current.tasks = rebaseList(current.tasks, base.tasks, mine.tasks, (t) => t.id); },
    };
    return r as unknown as Recoverable<Versioned>;
  }
  if (name === STORE_FILES.oneOnOnes) {
    // 1:1 notes are typed by hand: a window that could not save them must not lose them.
    const r: Recoverable<OneOnOnesFile> = {
      spec: oneOnOnesSpec,
      rebase: (current, base, mine) => {
        for (const [key, person] of Object.entries(mine.people)) {
          const was = base.people[key] ?? { login: person.login, meetings: [], actions: [] };
          const now = current.people[key] ?? { login: person.login, meetings: [], actions: [] };
          current.people[key] = {
            ...now, // nudges, and fields a newer Lead Desk wrote
            login: now.login,
            meetings: rebaseMeetings(now.meetings, was.meetings, person.meetings),
            actions: rebaseList(now.actions, was.actions, person.actions, (a) => a.id),
          };
        }
      },
    };
    return r as unknown as Recoverable<Versioned>;
  }
  if (name === STORE_FILES.timer) return { spec: timerSpec, rebase: rebaseTimer } as unknown as Recoverable<Versioned>;
  const year = /^reviews\/(\d{4})\.json$/.exec(name);
  if (year) {
    const r: Recoverable<ReviewYearFile> = {
      spec: reviewYearSpec(year[1]),
      rebase: (current, base, mine) => {
        current.reviews = rebaseList(current.reviews, base.reviews, mine.reviews, (x) => x.id).sort((a, b) => a.finishedAt - b.finishedAt);
      },
    };
    return r as unknown as Recoverable<Versioned>;
  }
  // The cache is fetched again from GitHub; month shards are written only from timer.json's
  // journal (their saves are never kept), so timer.json's recovery carries them.
  return null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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

/**
 * One day's notes are one text: when another window saved that day since the base, both texts
 * are kept (as a save from the editor does), and a day it changed is never deleted.
 */
function rebaseMeetings(current: readonly OneOnOneMeeting[], base: readonly OneOnOneMeeting[], mine: readonly OneOnOneMeeting[]): OneOnOneMeeting[] {
  const notesOf = (list: readonly OneOnOneMeeting[], date: string) => list.find((m) => m.date === date)?.notes ?? '';
  const changedElsewhere = (date: string) => notesOf(current, date) !== notesOf(base, date);
  const changedHere = (date: string) => mine.some((m) => m.date === date) && notesOf(mine, date) !== notesOf(base, date);
  const out = rebaseList(current, base, mine, (m) => m.date).map((m) => (changedHere(m.date) && changedElsewhere(m.date)
    ? { ...m, notes: keepBothNotes(notesOf(mine, m.date), notesOf(current, m.date)) } : m));
  const kept = current.filter((m) => !out.some((x) => x.date === m.date) && changedElsewhere(m.date));
  return [...out, ...kept].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The journal's new shard changes are appended (puts and removes by id are idempotent); the
 * running entry is taken from `mine` only if no other window changed it meanwhile, so there is
 * still one timer. A window that closed left its running entry to crash recovery, which closes
 * it at its last heartbeat.
 */
function rebaseTimer(current: TimerFile, base: TimerFile, mine: TimerFile): void {
  const known = new Set([...base.pending, ...current.pending].map((c) => JSON.stringify(c)));
  for (const c of mine.pending) if (!known.has(JSON.stringify(c))) current.pending.push(c);
  if (!same(base.running, mine.running) && same(current.running, base.running)) {
    current.running = mine.running;
    current.updatedAt = mine.updatedAt;
    current.byWindow = mine.byWindow;
  }
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
export async function closeFiles(files: Iterable<JsonFile<Versioned>>, storeDir: string, fs: StoreFs, options: RecoveryOptions): Promise<void> {
  const fallbackDir = options.recoveryFallbackDir === undefined ? defaultRecoveryFallbackDir(storeDir) : options.recoveryFallbackDir;
  await Promise.all([...files].map(async (file) => {
    const left = await file.close(options.lastAttemptMs);
    if (!left || !recoverableFor(file.name)) return;
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
export async function mergeRecoveryFiles(storeDir: string, fs: StoreFs, options: RecoveryOptions): Promise<number> {
  const fallbackDir = options.recoveryFallbackDir === undefined ? defaultRecoveryFallbackDir(storeDir) : options.recoveryFallbackDir;
  const folders = [storeDir, path.join(storeDir, STORE_FILES.timeDir), path.join(storeDir, STORE_FILES.reviewsDir)];
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
    const kind = recoverableFor(record.recoveryOf);
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
