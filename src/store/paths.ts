/**
 * Names of the store's files, relative to the store folder (the extension's globalStorageUri).
 * A change watcher on that folder uses `isStoreDataFile` to ignore locks, temp files and
 * moved-aside copies.
 */
export const STORE_FILES = {
  timer: 'timer.json',
  tasks: 'tasks.json',
  /** Red/green state of default-branch workflows (red-build alerts). */
  alerts: 'alerts.json',
  /** 1:1 notes and action items, per teammate. */
  oneOnOnes: 'one-on-ones.json',
  /** One file per local month: `time/2026-11.json`. */
  timeDir: 'time',
  /** One file per local year: `reviews/2026.json`. */
  reviewsDir: 'reviews',
} as const;

/**
 * Files an older Lead Desk kept that nothing reads any more, removed when the stores open:
 * `cache.json` held GitHub responses (they live in `response-cache.json` now, refetched if lost).
 */
export const RETIRED_FILES: readonly string[] = ['cache.json'];

export function timeShardName(month: string): string {
  return `${STORE_FILES.timeDir}/${month}.json`;
}

export function reviewShardName(year: string): string {
  return `${STORE_FILES.reviewsDir}/${year}.json`;
}

/** `yyyy-MM` of the local month an instant falls in. */
export function monthKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** `yyyy` of the local year an instant falls in. */
export function yearKey(at: number): string {
  return String(new Date(at).getFullYear());
}

const dataFile = /^(?:(?:timer|tasks|alerts|one-on-ones)\.json|time\/\d{4}-\d{2}\.json|reviews\/\d{4}\.json)$/;

/** True for a file that holds data (path relative to the store folder, `/` or `\` separated). */
export function isStoreDataFile(relativePath: string): boolean {
  return dataFile.test(relativePath.replace(/\\/g, '/'));
}
