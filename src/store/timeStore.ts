import * as os from 'node:os';
import type { AutoSignal } from '../core/autoMode';
import { randomId } from '../core/randomId';
import { judgeRunningEntry } from '../core/crash';
import { isMode, type Mode, type TimeEntry } from '../core/timeEntry';
import { defaultIsProcessAlive } from './engine/fileLock';
import { JsonFile, type JsonFileOptions } from './engine/jsonFile';
import { monthKey, STORE_FILES } from './paths';
import { ShardSet } from './engine/shardSet';
import {
  applyToShard, cutOut, overlaps, overlayPending, putChange, timerSpec, timeShardSpec,
  type TimeShardFile, type TimerFile, type WindowRef,
} from './timeJournal';

export interface TimeStoreOptions extends JsonFileOptions {
  /** This window's id (VS Code's `env.sessionId`), recorded as the timer's owner. */
  readonly windowId?: string;
}

/** An entry to write with `replaceEntries`; an id is made up if it has none. */
export type NewTimeEntry = Omit<TimeEntry, 'id'> & { readonly id?: string };

/** What `autoSwitch` changed, for `undoAutoSwitch` to put back. */
export interface AutoSwitchUndo {
  /** The entry that ran before, exactly as it was (running), or null if the timer was paused. */
  readonly previous: TimeEntry | null;
  /** The entry the switch started. */
  readonly started: TimeEntry;
}

/** An automatic change, as decided by one window (see core/autoMode.ts). */
export interface AutoChange {
  /** The mode the decision saw running (null: paused); the change is refused if it is not. */
  readonly from: Mode | null;
  readonly to: Mode;
  readonly signal: AutoSignal;
  readonly at: number;
  /** `autoMinutes`: refused within this of the last automatic change or the running entry's start. */
  readonly minGapMs: number;
}

const DAY = 86_400_000;
/** A window closed cleanly and opened again within this (a reload) keeps the entry running. */
export const HAND_OVER_MS = 60_000;

/** Close the running entry at `at` (never before its start) into the journal. */
function closeRunning(t: TimerFile, at: number, closedBy: NonNullable<TimeEntry['closedBy']>): TimeEntry | null {
  const running = t.running;
  if (!running) return null;
  const closed: TimeEntry = { ...running, end: Math.max(at, running.start), closedBy };
  t.pending.push(putChange(closed));
  t.running = null;
  return closed;
}

/** Apply the journal to the month shards; what could not be written stays pending. */
async function drain(shards: ShardSet<TimeShardFile>, t: { pending: TimerFile['pending'] }): Promise<void> {
  if (!t.pending.length) return;
  const done = new Set<string>();
  for (const month of [...new Set(t.pending.map((c) => c.month))].sort()) {
    const changes = t.pending.filter((c) => c.month === month);
    try {
      const shard = await shards.get(month);
      await shard.update((s) => applyToShard(s, changes), { keepOnFailure: false });
      done.add(month);
    } catch {
      // The shard reported its write failure; the journal keeps the changes for the next try.
    }
  }
  t.pending = t.pending.filter((c) => !done.has(c.month));
}

/**
 * The user's time entries and the single running timer, shared by all windows. Every change is
 * one locked transaction on `timer.json` (see timeJournal.ts), so concurrent windows serialize
 * and exactly one entry runs per user. Times are epoch ms; the caller passes `at`.
 */
export class TimeStore {
  private constructor(
    private readonly timer: JsonFile<TimerFile>,
    private readonly shards: ShardSet<TimeShardFile>,
    private readonly me: WindowRef,
    private readonly isProcessAlive: (pid: number) => boolean,
  ) {}

  static async open(dir: string, options: TimeStoreOptions = {}): Promise<TimeStore> {
    const shards = new ShardSet(dir, STORE_FILES.timeDir, /^\d{4}-\d{2}$/, timeShardSpec, options);
    const timer = await JsonFile.open(dir, STORE_FILES.timer, timerSpec, options, {
      prepare: (draft) => drain(shards, draft),
      // Apply the journal now and clear it (a small second write of timer.json), so the next
      // change, often a heartbeat, need not read the month again.
      afterCommit: async (saved) => {
        const next = { ...saved, pending: [...saved.pending] };
        await drain(shards, next);
        return next.pending.length === saved.pending.length ? undefined : next;
      },
    });
    const me: WindowRef = { id: options.windowId ?? `${os.hostname()}:${process.pid}`, pid: process.pid, host: os.hostname() };
    const store = new TimeStore(timer, shards, me, options.isProcessAlive ?? defaultIsProcessAlive);
    // A window that died between committing and applying a change left it pending: finish it.
    if (timer.data.pending.length) await timer.update(() => undefined);
    return store;
  }

  /** Paths of the files, for a change watcher (`time/` holds the month shards). */
  get timerPath(): string {
    return this.timer.path;
  }

  /** The running entry (end === null), as this window last read or wrote it. */
  current(): TimeEntry | null {
    return this.timer.data.running;
  }

  /** Start a new entry in `mode` at `at`, closing the running one (if any) at the same moment. */
  start(mode: Mode, at: number, note?: string): Promise<TimeEntry> {
    if (!isMode(mode)) return Promise.reject(new RangeError(`unknown mode ${String(mode)}`));
    const id = randomId(); // chosen outside the change: a replayed change must start the same entry
    return this.timer.update((t) => this.startIn(t, id, mode, at, note));
  }

  /** Switch to `mode` (no change if it already runs), or pause with null. Returns what runs after. */
  async switchTo(mode: Mode | null, at: number, note?: string): Promise<TimeEntry | null> {
    if (mode === null) {
      await this.pause(at);
      return null;
    }
    if (!isMode(mode)) throw new RangeError(`unknown mode ${String(mode)}`);
    const id = randomId();
    return this.timer.update((t) => (t.running?.mode === mode ? t.running : this.startIn(t, id, mode, at, note)));
  }

  /** Stop the running entry at `at`; returns it closed, or null if nothing ran. */
  pause(at: number): Promise<TimeEntry | null> {
    return this.timer.update((t) => {
      const closed = closeRunning(t, at, 'user');
      if (closed) this.touch(t, at);
      return closed;
    });
  }

  /** Record that the lead is active in the running entry. Writes only timer.json. */
  heartbeat(at: number): Promise<TimeEntry | null> {
    return this.timer.update((t) => {
      const running = t.running;
      if (!running) return null;
      t.running = { ...running, heartbeat: Math.max(running.heartbeat ?? running.start, at) };
      this.touch(t, at);
      return t.running;
    });
  }

  /** Append a line to the running entry's note; null if nothing runs. */
  addNote(text: string): Promise<TimeEntry | null> {
    return this.timer.update((t) => {
      const running = t.running;
      if (!running) return null;
      t.running = { ...running, note: running.note ? `${running.note}\n${text}` : text };
      return t.running;
    });
  }

  /**
   * On start: close the running entry at its last heartbeat (not now, so the time no window was
   * there is not counted) if the window that drove it is gone, and return it for the user to be
   * told; else null. A driver on this host is judged by its process id at once, however recent
   * its heartbeat; `staleAfterMs` applies only to one that cannot be checked (see core/crash.ts).
   * A driver that closed cleanly less than `handOverMs` ago (a reload) hands the entry to us.
   */
  recoverCrashed(now: number, staleAfterMs: number, handOverMs = HAND_OVER_MS): Promise<TimeEntry | null> {
    return this.timer.update((t) => {
      const running = t.running;
      if (!running) return null;
      const verdict = judgeRunningEntry({
        running, driver: t.byWindow, now, here: this.me, isProcessAlive: this.isProcessAlive, staleAfterMs, handOverMs,
      });
      if (verdict.kind === 'alive') return null;
      if (verdict.kind === 'handed-over') {
        t.byWindow = this.me;
        return null;
      }
      return closeRunning(t, verdict.closeAt, 'crash');
    });
  }

  /**
   * This window is closing cleanly (reload, quit): if it drove the running entry, record when,
   * so a window opening moments later takes the entry over instead of judging it crashed.
   */
  release(at: number): Promise<void> {
    return this.timer.update((t) => {
      const driver = t.byWindow;
      if (t.running && driver && driver.pid === this.me.pid && driver.host === this.me.host) {
        t.byWindow = { ...driver, releasedAt: at };
      }
    });
  }

  /** When some window last made an automatic change or a suggestion, or null. */
  get lastAutoAt(): number | null {
    const at = this.timer.data.lastAutoAt;
    return typeof at === 'number' ? at : null;
  }

  /**
   * Make an automatic switch if it still applies: the timer runs what the decision saw, and no
   * automatic change (in any window) nor a switch came within `minGapMs`. Checked and made in
   * one locked transaction, so when several windows decide at once exactly one switches.
   * Returns what is needed to undo it, or null when refused.
   */
  autoSwitch(change: AutoChange): Promise<AutoSwitchUndo | null> {
    if (!isMode(change.to)) return Promise.reject(new RangeError(`unknown mode ${String(change.to)}`));
    const id = randomId();
    return this.timer.update((t) => {
      if (!this.autoAllowed(t, change)) return null;
      const previous = t.running;
      const started = this.startIn(t, id, change.to, change.at, undefined, change.signal);
      t.lastAutoAt = change.at;
      return { previous, started };
    });
  }

  /**
   * Claim the right to show a suggestion ("suggest" mode) under the same rules as `autoSwitch`:
   * true for exactly one of several windows, and it counts as the automatic change of its period.
   */
  claimSuggestion(change: AutoChange): Promise<boolean> {
    return this.timer.update((t) => {
      if (!this.autoAllowed(t, change)) return false;
      t.lastAutoAt = change.at;
      return true;
    });
  }

  /**
   * Undo an automatic switch: the entry it started is dropped and the previous one runs again
   * exactly as before (same id, start, note and heartbeat), as if the switch never happened.
   * False (nothing changed) if the timer changed since the switch, here or in another window.
   */
  undoAutoSwitch(undo: AutoSwitchUndo, at: number): Promise<boolean> {
    return this.timer.update((t) => {
      if (t.running?.id !== undo.started.id) return false;
      const previous = undo.previous;
      if (previous) t.pending.push({ month: monthKey(previous.start), remove: previous.id });
      t.running = previous;
      this.touch(t, at);
      return true;
    });
  }

  /** Until when the lead's GitHub status was set to heads-down by some window, or null. */
  get headsDownUntil(): number | null {
    const until = this.timer.data.headsDownUntil;
    return typeof until === 'number' ? until : null;
  }

  /** Record (or forget, with null) that the lead's GitHub status is heads-down. */
  markHeadsDown(until: number | null): Promise<void> {
    return this.timer.update((t) => { t.headsDownUntil = until; });
  }

  /**
   * If a heads-down status is recorded and technical time no longer runs, forget it and return
   * true: the caller clears the GitHub status. One window wins, so it is cleared once.
   */
  takeHeadsDown(): Promise<boolean> {
    return this.timer.update((t) => {
      if (typeof t.headsDownUntil !== 'number' || t.running?.mode === 'technical') return false;
      t.headsDownUntil = null;
      return true;
    });
  }

  /**
   * Make `[from, to)` hold exactly `entries` (clipped to it), for idle decisions: closed
   * entries are cut at the range's edges, and a running entry that started before `to` gets
   * its part before `from` closed (closedBy 'idle') and runs on from `to`.
   */
  async replaceEntries(range: { readonly from: number; readonly to: number }, entries: readonly NewTimeEntry[]): Promise<void> {
    const { from, to } = range;
    if (!(from < to)) throw new RangeError('replaceEntries: the range is empty');
    const fresh: TimeEntry[] = [];
    for (const e of entries) {
      if (!isMode(e.mode) || e.end === null) throw new RangeError('replaceEntries: entries must be closed and have a mode');
      const start = Math.max(e.start, from);
      const end = Math.min(e.end, to);
      if (start < end) fresh.push({ ...e, id: e.id ?? randomId(), start, end });
    }
    await this.timer.update(async (t) => {
      for (const e of await this.collect(t, from, to)) t.pending.push(...cutOut(e, from, to));
      for (const e of fresh) t.pending.push(putChange(e));
      const running = t.running;
      if (running && running.start < to) {
        const heartbeat = Math.max(running.heartbeat ?? running.start, to);
        if (running.start < from) {
          t.pending.push(putChange({ ...running, end: from, closedBy: 'idle' }));
          t.running = { ...running, id: `${running.id}~${to.toString(36)}`, start: to, heartbeat };
        } else {
          t.running = { ...running, start: to, heartbeat };
        }
      }
    });
  }

  /**
   * Entries overlapping `[from, to)`, sorted by start; the running one last-started with
   * `end: null`. Looks in the month shards from one month before `from` up to `to`.
   */
  async entriesBetween(from: number, to: number): Promise<TimeEntry[]> {
    await this.timer.refresh();
    const closed = await this.collect(this.timer.data, from, to, true);
    const running = this.timer.data.running;
    if (running && overlaps(running, from, to)) closed.push(running);
    return closed.sort((a, b) => a.start - b.start);
  }

  /** Reread timer.json if another window changed it. */
  refresh(): Promise<boolean> {
    return this.timer.refresh();
  }

  get unsavedChanges(): number {
    return this.timer.unsavedChanges;
  }

  flush(): Promise<boolean> {
    return this.timer.flush();
  }

  dispose(): void {
    this.timer.dispose();
    this.shards.dispose();
  }

  /** Close what runs and start `mode`, at the same instant. */
  private startIn(t: TimerFile, id: string, mode: Mode, at: number, note: string | undefined, auto?: AutoSignal): TimeEntry {
    // Windows' clocks and call times differ a little: never end an entry before it started.
    const begin = t.running ? Math.max(at, t.running.start) : at;
    closeRunning(t, begin, 'user');
    const running: TimeEntry = { id, mode, start: begin, end: null, heartbeat: begin, ...(note ? { note } : {}), ...(auto ? { auto } : {}) };
    t.running = running;
    this.touch(t, at);
    return running;
  }

  /** The store's half of the auto-mode rules, checked under the lock (see core/autoMode.ts). */
  private autoAllowed(t: TimerFile, change: AutoChange): boolean {
    if ((t.running?.mode ?? null) !== change.from || t.running?.mode === change.to) return false;
    const last = typeof t.lastAutoAt === 'number' ? t.lastAutoAt : null;
    if (last !== null && change.at - last < change.minGapMs) return false;
    return !(t.running && change.at - t.running.start < change.minGapMs);
  }

  private touch(t: TimerFile, at: number): void {
    t.updatedAt = at;
    t.byWindow = this.me;
  }

  /** Closed entries overlapping the range: the shards, with the journal laid over them. */
  private async collect(t: TimerFile, from: number, to: number, rereadTimer = false): Promise<TimeEntry[]> {
    const low = Number.isFinite(from) ? monthKey(from - 31 * DAY) : '';
    const high = Number.isFinite(to) ? monthKey(to) : '\uffff';
    const months = new Set((await this.shards.keys()).filter((m) => m >= low && m <= high));
    for (const c of t.pending) if (c.month >= low && c.month <= high) months.add(c.month);
    const byId = new Map<string, { month: string; entry: TimeEntry }>();
    for (const month of [...months].sort()) {
      const shard = await this.shards.get(month);
      await shard.refresh();
      for (const entry of shard.data.entries) byId.set(entry.id, { month, entry });
    }
    // Read the shards first, then the journal: what the journal says is never older.
    if (rereadTimer) await this.timer.refresh();
    overlayPending(byId, rereadTimer ? this.timer.data.pending : t.pending);
    return [...byId.values()].map((v) => v.entry).filter((e) => e.end !== null && overlaps(e, from, to));
  }
}
