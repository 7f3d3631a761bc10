import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { codedError, errorCode, type StoreFs } from './storeFs';

/*
 * Cross-process lock on one data file, for the read-modify-write of every update.
 *
 * proper-lockfile takes the lock by creating the folder `<file>.lock` (mkdir is atomic), keeps
 * its mtime fresh every `update` ms, and takes over a lock whose mtime is older than `stale`, so
 * a killed window's lock is recovered. We hand it an fs adapter that adds an owner record:
 *  - the lock folder is born holding `owner` ({pid, host, token}): it is prepared under a unique
 *    name and renamed into place, and renaming a folder onto a non-empty one fails;
 *  - a lock whose owner process no longer exists on this host counts as stale at once, so a
 *    killed window does not stall the others for `stale` ms;
 *  - removing a lock (stale or our own) first renames it aside and checks the token, and puts
 *    it back if it is not the lock we meant: a slow process never deletes a lock taken since;
 *  - `stillHeld()` rereads the token just before the commit rename.
 */

const HOST = os.hostname();

export interface FileLockOptions {
  readonly fs: StoreFs;
  /** A lock not refreshed for this long is taken over (proper-lockfile's minimum is 2000). */
  readonly staleMs: number;
  /** Give up (ELOCKTIMEOUT) after waiting this long; the change is then kept and retried. */
  readonly maxWaitMs: number;
  readonly isProcessAlive?: (pid: number) => boolean;
}

export interface HeldLock {
  /** False if the lock was taken over or lost since it was acquired. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

interface OwnerRecord {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

export function defaultIsProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM'; // exists, owned by someone else
  }
}

function randomToken(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** Jittered exponential backoff for a busy lock: 0..min(cap, base·2^attempt) ms ("full jitter"). */
export function lockRetryDelay(attempt: number): number {
  return Math.random() * Math.min(40, 1 << Math.min(attempt, 6));
}

export class FileLock {
  readonly lockPath: string;
  private token = '';
  private staleToken: string | null = null;
  private compromised = false;
  private held = false;
  /** The folder that becomes the lock, prepared once per acquire. */
  private staging: string | null = null;

  constructor(readonly file: string, private readonly options: FileLockOptions) {
    this.lockPath = `${file}.lock`;
  }

  /** Takes the lock, waiting up to `maxWaitMs`; a folder deleted under the file is made again first. */
  async acquire(): Promise<HeldLock> {
    try {
      return await this.acquireInFolder();
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err;
      await this.options.fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      return this.acquireInFolder();
    }
  }

  private async acquireInFolder(): Promise<HeldLock> {
    if (this.held) throw new Error(`lock on ${this.file} is already held by this object`);
    this.token = randomToken();
    this.compromised = false;
    const started = Date.now();
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await lockfile.lock(this.file, {
            stale: this.options.staleMs,
            realpath: false,
            retries: 0,
            lockfilePath: this.lockPath,
            fs: this.adapter,
            onCompromised: () => { this.compromised = true; },
          });
          return this.heldLock();
        } catch (err) {
          // Our folder may have been renamed into place before proper-lockfile failed on a later
          // step (a racing stale-lock takeover): give it back so the next attempt starts clean.
          if (this.held) {
            await this.removeLockDir().catch(() => {});
            this.held = false;
          }
          if (errorCode(err) !== 'ELOCKED') throw err;
          if (Date.now() - started > this.options.maxWaitMs) {
            throw codedError('ELOCKTIMEOUT', `${this.lockPath} stayed locked for ${this.options.maxWaitMs} ms`);
          }
          await new Promise((resolve) => setTimeout(resolve, lockRetryDelay(attempt)));
        }
      }
    } finally {
      if (this.staging) await this.options.fs.promises.rm(this.staging, { recursive: true, force: true }).catch(() => {});
      this.staging = null;
    }
  }

  private heldLock(): HeldLock {
    let released = false;
    return {
      stillHeld: async () => !released && !this.compromised && (await this.readOwner(this.lockPath))?.token === this.token,
      release: async () => {
        if (released) return;
        released = true;
        try {
          await lockfile.unlock(this.file, { realpath: false, lockfilePath: this.lockPath, fs: this.adapter });
        } catch {
          // Compromised (proper-lockfile forgot it): remove it ourselves if it is still ours.
          await this.removeLockDir().catch(() => {});
        }
        this.held = false;
      },
    };
  }

  private async readOwner(dir: string): Promise<OwnerRecord | null> {
    try {
      const owner = JSON.parse(await this.options.fs.promises.readFile(path.join(dir, 'owner'), 'utf8')) as OwnerRecord;
      return typeof owner?.token === 'string' ? owner : null;
    } catch {
      return null;
    }
  }

  /** The callback-style fs proper-lockfile calls; see the comment at the top. */
  private readonly adapter = {
    mkdir: (p: string, cb: (err: Error | null) => void) => { this.createLockDir(p).then(() => cb(null), cb); },
    stat: (p: string, cb: (err: Error | null, stat?: unknown) => void) => { this.statLockDir(p).then((s) => cb(null, s), cb); },
    utimes: (p: string, a: Date, m: Date, cb: (err: Error | null) => void) => {
      this.options.fs.promises.utimes(p, a, m).then(() => cb(null), cb);
    },
    rmdir: (_p: string, cb: (err: Error | null) => void) => { this.removeLockDir().then(() => cb(null), cb); },
    // Called by proper-lockfile's exit handler for locks still held when the process exits.
    rmdirSync: (p: string) => {
      const owner = this.readOwnerSync(p);
      if (owner?.token === this.token) this.options.fs.rmSync(p, { recursive: true, force: true });
    },
  };

  private readOwnerSync(dir: string): OwnerRecord | null {
    try {
      return JSON.parse(this.options.fs.readFileSync(path.join(dir, 'owner'), 'utf8')) as OwnerRecord;
    } catch {
      return null;
    }
  }

  private async createLockDir(lockPath: string): Promise<void> {
    const fsp = this.options.fs.promises;
    if (!this.staging) {
      const staging = `${lockPath}.${this.token}.new`;
      await fsp.mkdir(staging);
      this.staging = staging;
      const owner: OwnerRecord = { pid: process.pid, host: HOST, token: this.token };
      await fsp.writeFile(path.join(staging, 'owner'), JSON.stringify(owner));
    }
    try {
      await fsp.rename(this.staging, lockPath);
    } catch (err) {
      // The lock exists: ENOTEMPTY/EEXIST on POSIX; EPERM/EACCES on Windows, where they may
      // also be real, so look. Anything else is a real failure.
      const code = errorCode(err);
      const held = code === 'ENOTEMPTY' || code === 'EEXIST' ||
        ((code === 'EPERM' || code === 'EACCES') && await fsp.stat(lockPath).then(() => true, () => false));
      if (held) throw codedError('EEXIST', `${lockPath} exists`);
      throw err;
    }
    this.staging = null;
    this.held = true;
  }

  private async statLockDir(lockPath: string): Promise<unknown> {
    const stat = await this.options.fs.promises.stat(lockPath);
    if (this.held) return stat; // proper-lockfile checking its own lock's mtime
    const owner = await this.readOwner(lockPath);
    this.staleToken = owner?.token ?? null;
    const alive = this.options.isProcessAlive ?? defaultIsProcessAlive;
    if (owner && owner.host === HOST && owner.pid !== process.pid && !alive(owner.pid)) {
      return { ...stat, mtime: new Date(0) }; // owner is gone: stale now, not in `stale` ms
    }
    return stat;
  }

  /** Remove the lock folder: ours (release) or the stale one seen by `statLockDir`. */
  private async removeLockDir(): Promise<void> {
    const fsp = this.options.fs.promises;
    const ours = this.held;
    const expected = ours ? this.token : this.staleToken;
    const aside = `${this.lockPath}.${randomToken()}.${ours ? 'released' : 'stale'}`;
    try {
      await fsp.rename(this.lockPath, aside);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return;
      throw err;
    }
    const found = (await this.readOwner(aside))?.token ?? null;
    // Releasing, an unreadable record is still ours: our lock is born with it.
    if (found !== expected && !(ours && found === null)) {
      // Someone took the lock between our check and the rename: give it back.
      await fsp.rename(aside, this.lockPath).catch(() => {});
      if (!ours) throw codedError('ELOCKED', `${this.lockPath} was taken over meanwhile`);
      return;
    }
    if (ours) this.held = false;
    await fsp.rm(aside, { recursive: true, force: true }).catch(() => {});
  }
}
