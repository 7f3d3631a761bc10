import * as path from 'node:path';
import { Low } from 'lowdb';
import { moveAside } from './atomicWrite';
import type { StoreEvents } from './events';
import { FileLock, type HeldLock } from './fileLock';
import { watchFile } from './fileWatch';
import { applyAll, settleChanges, type Applied, type Change } from './changeBatch';
import { SaveRetry } from './saveRetry';
import { codedError, isEnvironmentalError, nodeStoreFs, type StoreFs } from './storeFs';
import { fileStamp, NewerVersionError, serialize, VersionedJsonAdapter, type FileSpec, type SetAside, type Versioned } from './versionedJson';

/*
 * One versioned JSON file shared by every VS Code window (process) of the user.
 *
 * Every `update(change)` is a cross-process read-modify-write: take the file's lock, read the
 * file afresh (another window may have written it), move it aside if it is unusable, apply the
 * change, write it atomically (temp + fsync + rename), release. Changes queued while a
 * transaction runs go into the next one together (one lock and one write for many changes).
 *
 * A change is a function of the data it is given, and may run more than once: after a failed
 * save it is kept (reads see it) and replayed on the then-current file by the next save, so it
 * merges with what other windows wrote in between instead of overwriting it.
 */

export interface JsonFileOptions extends StoreEvents {
  readonly fs?: StoreFs;
  /** A lock not refreshed for this long is taken over. Default 10 s. */
  readonly lockStaleMs?: number;
  /** How long to wait for a busy lock before keeping the change and retrying later. Default 20 s. */
  readonly lockMaxWaitMs?: number;
  /** First and longest delay between attempts to save kept changes. Default 1 s and 60 s. */
  readonly retryFirstMs?: number;
  readonly retryMaxMs?: number;
  /** Clock for moved-aside file names (tests). */
  readonly now?: () => number;
  readonly isProcessAlive?: (pid: number) => boolean;
  /** Every file opened with these options joins this set, so that one `close` reaches them all. */
  readonly openFiles?: Set<JsonFile<Versioned>>;
}

/** What a file still held in memory when it was closed: the content as last read, and with the changes. */
export interface UnsavedSnapshot<T> {
  readonly base: T;
  readonly mine: T;
}

/** Steps a file kind runs under its lock (the timer uses them to keep month shards in step). */
export interface FileHooks<T> {
  /** After the fresh read, before the changes. */
  prepare?(draft: T): Promise<void>;
  /**
   * After a successful save, still under the lock. May return a follow-up content, which is
   * saved too. Errors are ignored (report them yourself): the first save stands.
   */
  afterCommit?(saved: T): Promise<T | undefined>;
}

export interface UpdateOptions {
  /** Keep the change in memory and retry it if the save fails (default true); if false, reject. */
  readonly keepOnFailure?: boolean;
}

export class JsonFile<T extends Versioned> {
  readonly path: string;
  private readonly fs: StoreFs;
  private readonly lock: FileLock;
  /** What readers see: the content last read or saved, plus changes not saved yet. */
  private readonly low: Low<T>;
  private saved: T;
  private savedStamp: string | null = null;
  private generation = 0;
  private unsaved: Change<T>[] = [];
  private queue: Change<T>[] = [];
  private running: Promise<void> | null = null;
  private readonly retry: SaveRetry;
  private disposed = false;
  /** Schema version of the file when a newer Lead Desk wrote it (read-only here), else null. */
  private newer: number | null = null;
  private newerReported = false;
  private readonly skippedReported = new Set<string>();
  private setAsideNow: SetAside | null = null;
  private readonly changeListeners = new Set<() => void>();
  private watcher: { dispose(): void } | undefined;

  private constructor(
    dir: string,
    /** Path relative to the store folder, `/`-separated: `timer.json`, `time/2026-11.json`. */
    readonly name: string,
    private readonly spec: FileSpec<T>,
    private readonly options: JsonFileOptions,
    private readonly hooks: FileHooks<T>,
  ) {
    this.path = path.join(dir, ...name.split('/'));
    this.fs = options.fs ?? nodeStoreFs;
    this.lock = new FileLock(this.path, {
      fs: this.fs,
      staleMs: options.lockStaleMs ?? 10_000,
      maxWaitMs: options.lockMaxWaitMs ?? 20_000,
      isProcessAlive: options.isProcessAlive,
    });
    this.saved = spec.empty();
    this.low = new Low<T>(this.adapter(), this.saved);
    this.retry = new SaveRetry(this.path, name, options, () => this.pump(true), options.retryFirstMs, options.retryMaxMs);
    options.openFiles?.add(this as unknown as JsonFile<Versioned>);
  }

  /**
   * Read the file (without the lock: saves are atomic renames, so a read sees a whole file).
   * An unusable file is moved aside and an outdated one migrated, both under the lock.
   */
  static async open<T extends Versioned>(
    dir: string, name: string, spec: FileSpec<T>, options: JsonFileOptions = {}, hooks: FileHooks<T> = {},
  ): Promise<JsonFile<T>> {
    const file = new JsonFile(dir, name, spec, options, hooks);
    await file.fs.promises.mkdir(path.dirname(file.path), { recursive: true }).catch(() => {});
    const adapter = file.adapter();
    let data: T | null = null;
    try {
      data = await adapter.read();
    } catch (err) {
      // Unreadable (EACCES…): start empty in memory. Saves read the file again under the lock
      // first, so they fail too and report it; the file is never overwritten unread.
      if (!isEnvironmentalError(err)) throw err;
    }
    file.noteRead(adapter);
    file.setSaved(data ?? spec.empty(), adapter.stamp);
    if (adapter.newerVersion === null && (adapter.unusable !== null || adapter.migratedFrom !== null)) await file.update(() => undefined);
    return file;
  }

  /** The current content. Treat it as read-only; change it through `update`. */
  get data(): T {
    return this.low.data;
  }

  /** Identity (inode, size, mtime) of the file as last read or saved here; null if absent. */
  get stamp(): string | null {
    return this.savedStamp;
  }

  /** Changes that are only in memory because saving them failed. */
  get unsavedChanges(): number {
    return this.unsaved.length;
  }

  /** What the last read or save set aside as unreadable (kept in the file, never shown), or null. */
  get setAside(): SetAside | null {
    return this.setAsideNow;
  }

  /** The file's schema version if a newer Lead Desk wrote it: read-only here. Else null. */
  get newerVersion(): number | null {
    return this.newer;
  }

  /**
   * Apply `change` under the lock to the file as it is on disk now, and save. Resolves with the
   * change's result once saved, or once kept in memory after a failed save (`onWriteFailed`
   * says so). Rejects if the change throws (nothing of it is saved). The change may run more
   * than once (see above); it must not itself wait for an update of this file.
   */
  update<R>(change: (draft: T) => R, options: UpdateOptions = {}): Promise<Awaited<R>> {
    if (this.disposed) return Promise.reject(new Error(`${this.name} is closed`));
    return new Promise((resolve, reject) => {
      this.queue.push({ apply: change, keep: options.keepOnFailure ?? true, settled: false, resolve: resolve as (v: unknown) => void, reject });
      this.pump(false);
    });
  }

  /** Try now to save the changes kept after a failed save. True when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    while (this.running) await this.running;
    if (this.unsaved.length) {
      this.pump(true);
      while (this.running) await this.running;
    }
    return this.unsaved.length === 0;
  }

  /** Reread the file if another process changed it. True if the content was reloaded. */
  async refresh(): Promise<boolean> {
    while (this.running) await this.running;
    const generation = this.generation;
    const stamp = await fileStamp(this.fs, this.path).catch(() => this.savedStamp);
    if (stamp === this.savedStamp) return false;
    const adapter = this.adapter();
    let data: T | null;
    try {
      data = await adapter.read();
    } catch {
      return false;
    }
    this.noteRead(adapter);
    if (adapter.unusable !== null && adapter.newerVersion === null) {
      await this.update(() => undefined).catch(() => {}); // move it aside under the lock
      return true;
    }
    if (generation !== this.generation) return false; // a save meanwhile has newer content
    this.setSaved(data ?? this.spec.empty(), adapter.stamp);
    if (this.unsaved.length) this.low.data = (await this.applyInMemory(this.unsaved, new Map())).draft;
    return true;
  }

  /**
   * Calls `listener` whenever the content changes: after a save in this window, and shortly
   * after another window saves the file (watched while anyone listens).
   */
  onDidChange(listener: () => void): { dispose(): void } {
    this.changeListeners.add(listener);
    this.watcher ??= watchFile(this.path, () => void this.refresh().catch(() => false));
    return {
      dispose: () => {
        this.changeListeners.delete(listener);
        if (this.changeListeners.size) return;
        this.watcher?.dispose();
        this.watcher = undefined;
      },
    };
  }

  /** Stop retrying in the background. Changes still unsaved stay unsaved. */
  dispose(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.changeListeners.clear();
    this.disposed = true;
    this.retry.dispose();
    this.options.openFiles?.delete(this as unknown as JsonFile<Versioned>);
  }

  /**
   * The window is closing: try once more (for at most `lastAttemptMs`) to save what is kept in
   * memory, then stop. Returns what is still unsaved, for a recovery file, or null.
   */
  async close(lastAttemptMs = 1_500): Promise<UnsavedSnapshot<T> | null> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), lastAttemptMs);
      timer.unref?.();
    });
    const saved = await Promise.race([this.flush(), timedOut]);
    clearTimeout(timer);
    this.dispose();
    if (saved || !this.unsaved.length) return null;
    // Changes that change nothing (a migration or journal replay on a read-only file) need no recovery.
    if (serialize(this.saved, this.spec) === serialize(this.low.data, this.spec)) return null;
    return { base: structuredClone(this.saved), mine: structuredClone(this.low.data) };
  }

  /** Report what a read found: records skipped (once each) and a newer file (once). */
  private noteRead(adapter: VersionedJsonAdapter<T>): void {
    this.setAsideNow = adapter.setAside;
    for (const line of adapter.skipped) {
      if (this.skippedReported.has(line)) continue;
      this.skippedReported.add(line);
      this.options.onRecordSkipped?.({ file: this.path, line });
    }
    this.newer = adapter.newerVersion;
    if (this.newer === null || this.newerReported) return;
    this.newerReported = true;
    this.options.onNewerVersion?.({
      file: this.path,
      fileVersion: this.newer,
      supportedVersion: this.spec.version,
      message: `${this.name} was saved by a newer version of Lead Desk (schema ${this.newer}; this window writes ${this.spec.version}). ` +
        'This window will not change it: its changes stay in memory. Reload the window or update Lead Desk.',
    });
  }

  private adapter(): VersionedJsonAdapter<T> {
    const adapter = new VersionedJsonAdapter(this.fs, this.path, this.spec);
    adapter.now = this.options.now ?? Date.now;
    adapter.onCopied = (copy, lines) => this.options.onSetAsideCopied?.({
      file: this.path, copy, lines,
      message: `${this.name} held records Lead Desk could not read, and a change had to touch them (${lines[0]}${lines.length > 1 ? `, and ${lines.length - 1} more` : ''}). ` +
        `The file as it was is kept at ${copy}; nothing was deleted.`,
    });
    return adapter;
  }

  private setSaved(data: T, stamp: string | null): void {
    const changed = stamp !== this.savedStamp;
    this.saved = data;
    this.savedStamp = stamp;
    this.low.data = data;
    this.generation++;
    if (changed) for (const listener of [...this.changeListeners]) {
      try {
        listener();
      } catch {
        // a listener's trouble is its own
      }
    }
  }

  private pump(retryUnsaved: boolean): void {
    if (this.running) return; // the running transaction's end picks the queue up
    if (!this.queue.length && !(retryUnsaved && this.unsaved.length)) return;
    const fresh = this.queue.splice(0);
    this.running = this.transact(fresh).catch((err: unknown) => {
      for (const c of fresh) if (!c.settled) {
        c.settled = true;
        c.reject(err);
      }
    }).finally(() => {
      this.running = null;
      this.pump(false);
    });
  }

  private async transact(fresh: Change<T>[]): Promise<void> {
    const changes = [...this.unsaved, ...fresh];
    const failed = new Map<Change<T>, unknown>();
    let held: HeldLock | undefined;
    let applied: Applied<T> | undefined;
    let failure: unknown;
    const newer: { base?: T; stamp?: string | null } = {};
    try {
      held = await this.lock.acquire();
      const lock = held;
      const adapter = this.adapter();
      adapter.beforeRename = async () => {
        if (!(await lock.stillHeld())) throw codedError('ELOCKLOST', `lost the lock on ${this.path}`);
      };
      const db = new Low<T>(adapter, this.spec.empty());
      applied = await this.applyUnderLock(db, changes, failed, newer);
      await db.write();
      // A write that merged records set aside as unreadable: readers see the merge.
      if (adapter.written) db.data = adapter.written;
      this.setAsideNow = adapter.setAside;
      this.setSaved(db.data, adapter.stamp);
      try {
        const followUp = await this.hooks.afterCommit?.(db.data);
        if (followUp) {
          db.data = followUp;
          await db.write();
          if (adapter.written) db.data = adapter.written;
          this.setSaved(db.data, adapter.stamp);
        }
      } catch {
        // the change itself is saved; the hook reports its own trouble
      }
    } catch (err) {
      failure = err;
    } finally {
      await held?.release().catch(() => {});
    }

    if (failure === undefined) {
      this.unsaved = [];
      settleChanges(changes, applied!, failed);
      this.retry.saved();
      return;
    }
    if (failure instanceof NewerVersionError) {
      // Read-only: show the newer file with this window's changes on top, keep them in memory,
      // and do not retry on a timer (the file stays newer until this window reloads); the next
      // change, `flush` or `close` looks again.
      if (newer.base) this.setSaved(newer.base, newer.stamp ?? null);
      for (const c of changes) if (!c.keep && !failed.has(c)) failed.set(c, failure);
      const inMemory = await this.applyInMemory(changes.filter((c) => !failed.has(c)), failed);
      this.unsaved = changes.filter((c) => !failed.has(c));
      this.low.data = inMemory.draft;
      settleChanges(changes, inMemory, failed);
      return;
    }
    if (!isEnvironmentalError(failure)) {
      this.unsaved = this.unsaved.filter((c) => !failed.has(c));
      for (const c of fresh) if (!failed.has(c)) failed.set(c, failure);
      settleChanges(fresh, { draft: this.low.data, results: new Map() }, failed);
      return;
    }
    // The disk or another process refused: keep what may be kept, in memory, and retry.
    for (const c of changes) if (!c.keep && !failed.has(c)) failed.set(c, failure);
    const kept = changes.filter((c) => !failed.has(c));
    // The draft from under the lock is the view, unless it holds changes that were not kept.
    const inMemory = applied && kept.length === changes.length ? applied : await this.applyInMemory(kept, failed);
    this.unsaved = kept.filter((c) => !failed.has(c));
    this.low.data = inMemory.draft;
    settleChanges(changes, inMemory, failed);
    this.retry.failed(failure, this.unsaved.length);
  }

  /**
   * Under the lock: read the file afresh (moving it aside if unusable), prepare, apply. A file
   * a newer Lead Desk wrote is neither moved nor written: NewerVersionError, with what was read.
   */
  private applyUnderLock(
    db: Low<T>, changes: Change<T>[], failed: Map<Change<T>, unknown>, newer: { base?: T; stamp?: string | null },
  ): Promise<Applied<T>> {
    const adapter = db.adapter as VersionedJsonAdapter<T>;
    return applyAll(async () => {
      db.data = this.spec.empty();
      await db.read();
      this.noteRead(adapter);
      if (adapter.newerVersion !== null) {
        newer.base = structuredClone(db.data);
        newer.stamp = adapter.stamp;
        throw new NewerVersionError(this.path, adapter.newerVersion, this.spec.version);
      }
      if (adapter.unusable !== null) {
        const movedTo = await moveAside(this.fs, this.path, (this.options.now ?? Date.now)());
        this.options.onRecovered?.({ file: this.path, movedTo, reason: adapter.unusable });
        adapter.text = null;
        adapter.unusable = null;
      }
      await this.hooks.prepare?.(db.data);
      return db.data;
    }, changes, failed);
  }

  private applyInMemory(changes: Change<T>[], failed: Map<Change<T>, unknown>): Promise<Applied<T>> {
    return applyAll(async () => structuredClone(this.saved), changes, failed);
  }
}
