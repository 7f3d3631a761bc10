import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type {
  NewerVersionEvent, RecordSkippedEvent, RecoveredEvent, RecoveryMergedEvent, RecoveryWrittenEvent, StoreEvents, WriteFailedEvent, WriteResumedEvent,
} from '../../../src/store/engine/events';
import type { StoreFs } from '../../../src/store/engine/storeFs';

/** A fresh real folder under the OS temp dir; removed by `cleanup`. */
export function tempDir(label = 'store'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lead-desk-${label}-`));
}

export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Records every event the store reports. */
export class EventLog implements StoreEvents {
  readonly recovered: RecoveredEvent[] = [];
  readonly writeFailed: WriteFailedEvent[] = [];
  readonly writeResumed: WriteResumedEvent[] = [];
  readonly onRecovered = (e: RecoveredEvent) => { this.recovered.push(e); };
  readonly onWriteFailed = (e: WriteFailedEvent) => { this.writeFailed.push(e); };
  readonly onWriteResumed = (e: WriteResumedEvent) => { this.writeResumed.push(e); };
  readonly newerVersion: NewerVersionEvent[] = [];
  readonly recordSkipped: RecordSkippedEvent[] = [];
  readonly recoveryWritten: RecoveryWrittenEvent[] = [];
  readonly recoveryMerged: RecoveryMergedEvent[] = [];
  readonly onNewerVersion = (e: NewerVersionEvent) => { this.newerVersion.push(e); };
  readonly onRecordSkipped = (e: RecordSkippedEvent) => { this.recordSkipped.push(e); };
  readonly onRecoveryWritten = (e: RecoveryWrittenEvent) => { this.recoveryWritten.push(e); };
  readonly onRecoveryMerged = (e: RecoveryMergedEvent) => { this.recoveryMerged.push(e); };
}

/**
 * Real fs whose mutating calls fail with `failWith` while it is set: how a read-only folder or a
 * full disk looks to the store, for a root user that permissions do not stop.
 */
export function faultyFs(): { fs: StoreFs; failWith: (code: string | null, target?: 'writes' | 'reads') => void } {
  const p = fs.promises;
  let code: string | null = null;
  let target: 'writes' | 'reads' = 'writes';
  const failIf = (kind: 'writes' | 'reads') => {
    if (code && target === kind) throw Object.assign(new Error(`${code}: injected`), { code });
  };
  const fail = () => failIf('writes');
  const readFile = (async (...a: Parameters<typeof p.readFile>) => {
    failIf('reads');
    return p.readFile(...a);
  }) as typeof p.readFile;
  const guarded = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    fail();
    return f(...a);
  };
  const storeFs: StoreFs = {
    readFileSync: fs.readFileSync,
    rmSync: fs.rmSync,
    promises: {
      readFile,
      stat: p.stat,
      readdir: p.readdir,
      writeFile: guarded(p.writeFile),
      rename: guarded(p.rename),
      unlink: guarded(p.unlink),
      mkdir: guarded(p.mkdir) as typeof p.mkdir,
      rm: guarded(p.rm),
      utimes: guarded(p.utimes),
      open: (async (file: fs.PathLike, flags?: string | number, mode?: fs.Mode) => {
        if (flags !== undefined && flags !== 'r') fail();
        return p.open(file, flags, mode);
      }) as typeof p.open,
    },
  };
  return { fs: storeFs, failWith: (c, t = 'writes') => { code = c; target = t; } };
}

/** The worker script: next to the test bundle's `test/` folder, both in /tmp builds and in dist/. */
export function workerPath(): string {
  return process.env.LEAD_DESK_STORE_WORKER ?? path.resolve(__dirname, '../../store-worker.js');
}

/** Whether this process may mount (root with CAP_SYS_ADMIN): for real EROFS and ENOSPC. */
/** Whether `chattr +i` (an immutable folder: EPERM on every write) can be used here. */
export function canChattr(): boolean {
  if (!isRoot || process.platform !== 'linux') return false;
  const probe = tempDir('chattr');
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    cleanup(probe);
  }
}

export function canMount(): boolean {
  if (!isRoot || process.platform !== 'linux') return false;
  const probe = tempDir('mountprobe');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    cleanup(probe);
  }
}

export function mount(args: string[]): void {
  execFileSync('mount', args, { stdio: 'ignore' });
}

export function umount(target: string): void {
  if (spawnSync('umount', [target], { stdio: 'ignore' }).status !== 0) spawnSync('umount', ['-l', target], { stdio: 'ignore' });
}

/** A pid that no longer exists (a child that has exited). */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every data file under the store folder parses as a versioned JSON object. */
export function assertAllFilesParse(dir: string): string[] {
  const files: string[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true }).map(String)) {
    if (!rel.endsWith('.json') || rel.includes('.corrupt-')) continue;
    const full = path.join(dir, rel);
    if (!fs.statSync(full).isFile()) continue;
    const data = JSON.parse(fs.readFileSync(full, 'utf8')) as { version?: unknown };
    if (typeof data.version !== 'number') throw new Error(`${rel} has no version`);
    files.push(rel);
  }
  return files;
}

/** Makes `dir` read-only by bind-mounting it over itself (EROFS); `undo` gets the unmount. */
export function readOnlyMount(dir: string, undo: (() => void)[]): { readonly breakIt: () => void; readonly repair: () => void } {
  return {
    breakIt: () => {
      mount(['--bind', dir, dir]);
      undo.push(() => umount(dir));
      mount(['-o', 'remount,ro,bind', dir]);
    },
    repair: () => mount(['-o', 'remount,rw,bind', dir]),
  };
}

/** Writes `filler` until its file system is full (ENOSPC). */
export function fillDisk(filler: string): void {
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(4096));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

/** Real fs whose renames onto the named data files fail with `code` while armed (a file-level EACCES). */
export function refusingRenamesOnto(names: readonly string[], code = 'EACCES'): { fs: StoreFs; arm: (on: boolean) => void } {
  let armed = false;
  const p = fs.promises;
  const storeFs: StoreFs = {
    readFileSync: fs.readFileSync,
    rmSync: fs.rmSync,
    promises: {
      ...p,
      rename: async (from: fs.PathLike, to: fs.PathLike) => {
        if (armed && names.includes(path.basename(String(to)))) throw Object.assign(new Error(`${code}: injected rename onto ${String(to)}`), { code });
        return p.rename(from, to);
      },
    } as StoreFs['promises'],
  };
  return { fs: storeFs, arm: (on) => { armed = on; } };
}
