import * as nodeFs from 'node:fs';

/**
 * The slice of `node:fs` the store touches. It is a seam: tests pass an object that fails
 * chosen calls (EACCES, ENOSPC…) because root, which runs the tests, bypasses permissions.
 */
export interface StoreFs {
  readonly promises: Pick<typeof nodeFs.promises,
    'readFile' | 'writeFile' | 'open' | 'rename' | 'unlink' | 'mkdir' | 'stat' | 'readdir' | 'rm' | 'utimes'>;
  readonly readFileSync: typeof nodeFs.readFileSync;
  readonly rmSync: typeof nodeFs.rmSync;
}

export const nodeStoreFs: StoreFs = nodeFs;

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An errno-style error with a code, like the ones `node:fs` throws. */
export function codedError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * Failures of the disk or of other processes rather than of our code: permissions, a full or
 * read-only disk, a file where a folder should be, a lock held too long. A change that meets one
 * is kept in memory and saved later; any other error rejects the change.
 */
export function isEnvironmentalError(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && /^E[A-Z0-9]+$/.test(code);
}

const plainReasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted (permissions, or the file is marked immutable)',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file is in the place of a folder on the path',
  EISDIR: 'a folder is in the place of the file',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
  ELOCKTIMEOUT: 'another VS Code window kept the file locked',
  ELOCKLOST: 'the file lock was taken over by another window during the save',
};

/** One sentence for the user: what failed, why, and that nothing is lost yet. */
export function describeWriteFailure(fileName: string, err: unknown): string {
  const code = errorCode(err) ?? 'UNKNOWN';
  const reason = plainReasons[code] ?? (err instanceof Error ? err.message : String(err));
  return `Lead Desk could not save ${fileName}: ${reason} (${code}). ` +
    'Your change is kept in memory and saving will be retried; data saved earlier is untouched.';
}
