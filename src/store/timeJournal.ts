import { isMode, type TimeEntry } from '../core/timeEntry';
import { monthKey } from './paths';
import type { FileSpec } from './engine/versionedJson';

/*
 * Time data is two kinds of file: `timer.json` (small: the running entry) and one shard per
 * local month (`time/2026-11.json`: the closed entries that started in it). A change that spans
 * both (a mode switch closes an entry into its month and starts the next) must not be half
 * done by a crash, so `timer.json` doubles as a journal: the transaction commits the new
 * running entry together with the shard changes in `pending` (one atomic rename), then, still
 * under the lock, applies them to the shards and clears `pending` (a second small write). If a
 * crash or a failed shard write leaves something pending, whoever next holds the timer lock
 * applies it first (puts and removes by id are idempotent). Readers overlay `pending` on the
 * shards, so they see a change from its commit on.
 */

/** The window (extension host) that last changed the timer. */
export interface WindowRef {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
  /** When that window closed cleanly (reload, quit) with the entry still running. */
  readonly releasedAt?: number;
}

/** A change to one month shard, journalled in `timer.json` until applied. */
export type ShardChange =
  | { readonly month: string; readonly put: TimeEntry }
  | { readonly month: string; readonly remove: string };

export interface TimerFile {
  readonly version: 1;
  /** The one running entry of the user (end === null), or null when the timer is paused. */
  running: TimeEntry | null;
  updatedAt: number | null;
  byWindow: WindowRef | null;
  /** Committed shard changes not yet confirmed applied, oldest first. */
  pending: ShardChange[];
  /**
   * Set while a window has put the lead's GitHub status to "heads-down" (until then, epoch ms),
   * so whichever window pauses the timer clears it, not only the window that set it.
   */
  headsDownUntil?: number | null;
  /**
   * When some window last made an automatic mode change or showed a suggestion (epoch ms), so
   * that across windows there is at most one per {@link Settings.autoMinutes}.
   */
  lastAutoAt?: number | null;
}

export interface TimeShardFile {
  readonly version: 1;
  readonly month: string;
  /** Closed entries whose start falls in `month` (local time), sorted by start. */
  entries: TimeEntry[];
}

function entryProblem(e: unknown): string | null {
  const entry = e as Partial<TimeEntry> | null;
  if (typeof entry !== 'object' || entry === null) return 'an entry is not an object';
  if (typeof entry.id !== 'string' || typeof entry.start !== 'number' || !isMode(entry.mode)) {
    return `entry ${JSON.stringify(entry.id)} lacks an id, a start or a mode`;
  }
  // Every other field the balance, the CSV export and the timer read (Trust #9).
  if (entry.end !== null && !(Number.isFinite(entry.end) && (entry.end as number) >= entry.start)) return `entry ${JSON.stringify(entry.id)} has no end, or one before its start`;
  if ((entry.heartbeat !== undefined && !Number.isFinite(entry.heartbeat)) || (entry.note !== undefined && typeof entry.note !== 'string')
    || (entry.closedBy !== undefined && !['user', 'crash', 'idle'].includes(entry.closedBy))) return `entry ${JSON.stringify(entry.id)} has a malformed heartbeat, note or closedBy`;
  // Any short string: a newer version may know more signals, and its entries must stay readable.
  if (entry.auto !== undefined && !(typeof entry.auto === 'string' && entry.auto.length <= 40)) return `entry ${JSON.stringify(entry.id)} has a malformed auto`;
  return null;
}

export const timerSpec: FileSpec<TimerFile> = {
  version: 1,
  empty: () => ({ version: 1, running: null, updatedAt: null, byWindow: null, pending: [] }),
  check: (t) => {
    if (!Array.isArray(t.pending)) return '"pending" is not a list';
    if (t.lastAutoAt !== undefined && t.lastAutoAt !== null && !Number.isFinite(t.lastAutoAt)) return '"lastAutoAt" is not a time';
    for (const c of t.pending as unknown[]) {
      const change = c as Partial<{ month: unknown; put: unknown; remove: unknown }> | null;
      if (typeof change?.month !== 'string' || !/^\d{4}-\d{2}$/.test(change.month)) return 'a pending change has no month';
      const problem = 'put' in change ? entryProblem(change.put) : typeof change.remove === 'string' ? null : 'a pending change is empty';
      if (problem) return problem;
    }
    return t.running === null || t.running === undefined ? null : entryProblem(t.running);
  },
};

export function timeShardSpec(month: string): FileSpec<TimeShardFile> {
  return {
    version: 1,
    compact: true, // hundreds of entries a month: machine data, kept small and quick to write
    empty: () => ({ version: 1, month, entries: [] }),
    check: (s) => (Array.isArray(s.entries) ? null : '"entries" is not a list'),
    // A malformed entry is skipped (and kept on disk), not the whole month moved aside.
    records: [{ field: 'entries', problem: entryProblem, id: (e) => (e as TimeEntry).id }],
  };
}

export function putChange(entry: TimeEntry): ShardChange {
  return { month: monthKey(entry.start), put: entry };
}

/** Apply changes in order: a put replaces the entry with that id or inserts it by start. */
export function applyToShard(shard: TimeShardFile, changes: readonly ShardChange[]): void {
  for (const change of changes) {
    if (change.month !== shard.month) continue;
    const id = 'put' in change ? change.put.id : change.remove;
    const at = shard.entries.findIndex((e) => e.id === id);
    if (at >= 0) shard.entries.splice(at, 1);
    if (!('put' in change)) continue;
    const entry = change.put;
    let i = shard.entries.length;
    while (i > 0 && shard.entries[i - 1].start > entry.start) i--;
    shard.entries.splice(i, 0, entry);
  }
}

/** Overlay journalled changes on entries read from shards (keyed by id). */
export function overlayPending(byId: Map<string, { month: string; entry: TimeEntry }>, pending: readonly ShardChange[]): void {
  for (const change of pending) {
    if ('put' in change) {
      byId.set(change.put.id, { month: change.month, entry: change.put });
    } else if (byId.get(change.remove)?.month === change.month) {
      byId.delete(change.remove);
    }
  }
}

export function overlaps(e: TimeEntry, from: number, to: number): boolean {
  return e.start < to && (e.end === null || e.end > from || (e.end === e.start && e.start >= from));
}

/** Shard changes that cut `[from, to)` out of a closed entry (parts outside the range stay). */
export function cutOut(e: TimeEntry, from: number, to: number): ShardChange[] {
  if (e.end === null || !(e.start < to && e.end > from)) return [];
  const changes: ShardChange[] = [{ month: monthKey(e.start), remove: e.id }];
  if (e.start < from) changes.push(putChange({ ...e, end: from }));
  if (e.end > to) changes.push(putChange({ ...e, id: `${e.id}~${to.toString(36)}`, start: to }));
  return changes;
}
