import { rebaseList, same, type RecoveryPlan, type Recoverable } from './engine/recovery';
import type { Versioned } from './engine/versionedJson';
import { keepBothNotes } from '../core/oneOnOne';
import { oneOnOnesSpec, type OneOnOneMeeting, type OneOnOnesFile } from './oneOnOneStore';
import { STORE_FILES } from './paths';
import { reviewYearSpec, type ReviewYearFile } from './reviewHistoryStore';
import { tasksSpec, type TasksFile } from './taskStore';
import { timerSpec, type TimerFile } from './timeJournal';

/*
 * Which of the stores' files get a recovery file when a window closes with unsaved changes, and
 * how each merges into the file as the next start finds it (the engine, engine/recovery.ts,
 * writes, finds and applies them).
 */

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
  // Month shards are written only from timer.json's journal (their saves are never kept), so
  // timer.json's recovery carries them.
  return null;
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

/** The stores' recovery plan: their recoverable files, and the folders that hold data files. */
export const STORE_RECOVERY: RecoveryPlan = {
  recoverableFor,
  folders: ['', STORE_FILES.timeDir, STORE_FILES.reviewsDir],
};
