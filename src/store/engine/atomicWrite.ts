import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { errorCode, type StoreFs } from './storeFs';

/**
 * Replace `file` with `text` so that a reader, a crash or a kill sees the old content or the
 * new, never a mix: write a temp file with a unique name in the same folder, fsync it, rename it
 * over the file (atomic on one file system). The existing file is never truncated or rewritten
 * in place, so a failed save (full disk, read-only) leaves it as it was.
 * `beforeRename` is the last check (is the lock still ours?); if it fails nothing is replaced.
 */
export async function writeFileAtomic(
  fs: StoreFs, file: string, text: string, beforeRename?: () => Promise<void>,
): Promise<void> {
  const fsp = fs.promises;
  const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  let handle: Awaited<ReturnType<typeof fsp.open>> | undefined;
  try {
    handle = await fsp.open(temp, 'wx', 0o600);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await beforeRename?.();
    await fsp.rename(temp, file);
  } catch (err) {
    await handle?.close().catch(() => {});
    await fsp.unlink(temp).catch(() => {});
    throw err;
  }
  await fsyncDir(fs, path.dirname(file));
}

/** Make the rename itself durable. Best effort: not every platform can open a folder. */
async function fsyncDir(fs: StoreFs, dir: string): Promise<void> {
  try {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows (EISDIR/EPERM) and some network file systems: the file's own fsync must do.
  }
}

/** `2026-11-26T10-15-00-123Z`: sortable, and legal in file names everywhere. */
function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/**
 * Move a damaged file out of the way as `NAME.corrupt-<timestamp>.json` (never over an existing
 * file) and return the new path. The caller holds the file's lock.
 */
export async function moveAside(fs: StoreFs, file: string, at: number): Promise<string> {
  const target = await freeName(fs, file, 'corrupt', at);
  await fs.promises.rename(file, target);
  return target;
}

/**
 * Keep `text` (the file as read) as `NAME.set-aside-<timestamp>.json`, before a write changes
 * records that were set aside as unreadable. The caller holds the file's lock.
 */
export async function keepCopy(fs: StoreFs, file: string, text: string, at: number): Promise<string> {
  const target = await freeName(fs, file, 'set-aside', at);
  await writeFileAtomic(fs, target, text);
  return target;
}

/** `NAME.<tag>-<timestamp>[-n].json` next to `file`, not taken yet. */
async function freeName(fs: StoreFs, file: string, tag: string, at: number): Promise<string> {
  const dir = path.dirname(file);
  const base = path.basename(file, '.json');
  for (let n = 0; ; n++) {
    const target = path.join(dir, `${base}.${tag}-${stamp(at)}${n ? `-${n}` : ''}.json`);
    const taken = await fs.promises.stat(target).then(() => true, (err: unknown) => {
      if (errorCode(err) === 'ENOENT') return false;
      throw err;
    });
    if (!taken) return target;
  }
}

const leftover = /\.(?:\d+-[0-9a-f]+\.tmp|lock\.\d+-[0-9a-f]+\.(?:new|stale|released))$/;

/**
 * Delete temp files and lock-staging folders that a killed process left behind. Only old ones:
 * a recent one may belong to a save in progress in another window.
 */
export async function sweepLeftovers(fs: StoreFs, dir: string, olderThanMs = 60_000): Promise<number> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter((n) => leftover.test(n))) {
    const full = path.join(dir, name);
    try {
      const stat = await fs.promises.stat(full);
      if (Date.now() - stat.mtimeMs < olderThanMs) continue;
      await fs.promises.rm(full, { recursive: true, force: true });
      removed++;
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}
