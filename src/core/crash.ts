import type { TimeEntry } from './timeEntry';

/**
 * Is the running entry still driven by a live window, or was it left behind by one that died?
 *
 * The store records which window (extension host: process id and host) last drove the timer,
 * as its locks record their owners. On the same host a process id answers the question at
 * once, so a window that VS Code starts again seconds after a kill does not count the time it
 * was dead. The heartbeat's age is only the fallback when the driver cannot be checked (another
 * host sharing the folder, or no driver recorded): a live but idle window sends no heartbeats.
 */

/** The window that last drove the timer, as recorded in the store. */
export interface TimerDriver {
  readonly pid: number;
  readonly host: string;
  /** Set when the window closed cleanly (reload, quit) while the entry ran. */
  readonly releasedAt?: number;
}

export interface CrashCheck {
  readonly running: TimeEntry;
  readonly driver: TimerDriver | null;
  readonly now: number;
  /** The process asking. */
  readonly here: { readonly pid: number; readonly host: string };
  readonly isProcessAlive: (pid: number) => boolean;
  /** Fallback for a driver that cannot be checked: a heartbeat older than this means dead. */
  readonly staleAfterMs: number;
  /** A window that closed cleanly and comes back within this (a reload) keeps the entry running. */
  readonly handOverMs: number;
}

export type CrashVerdict =
  /** A live window drives it (this one or another): leave it. */
  | { readonly kind: 'alive' }
  /** The driver closed cleanly moments ago (a reload): keep running, this window takes over. */
  | { readonly kind: 'handed-over' }
  /** Left behind: close it at its last heartbeat, never later. */
  | { readonly kind: 'crashed'; readonly closeAt: number };

export function judgeRunningEntry(check: CrashCheck): CrashVerdict {
  const { running, driver, now, here } = check;
  const lastSeen = Math.max(running.start, running.heartbeat ?? running.start);
  const crashed: CrashVerdict = { kind: 'crashed', closeAt: lastSeen };
  const checkable = driver !== null && typeof driver.pid === 'number' && driver.host === here.host;
  if (!checkable) return now - lastSeen >= check.staleAfterMs ? crashed : { kind: 'alive' };

  const released = typeof driver.releasedAt === 'number' ? driver.releasedAt : null;
  if (driver.pid === here.pid) {
    // Our own process: alive unless it recorded closing (a store reopened after release).
    return released === null ? { kind: 'alive' } : handOver(released, now, check.handOverMs, crashed);
  }
  if (released === null && check.isProcessAlive(driver.pid)) return { kind: 'alive' };
  if (released !== null) return handOver(released, now, check.handOverMs, crashed);
  return crashed;
}

function handOver(releasedAt: number, now: number, handOverMs: number, crashed: CrashVerdict): CrashVerdict {
  return now - releasedAt >= 0 && now - releasedAt < handOverMs ? { kind: 'handed-over' } : crashed;
}
