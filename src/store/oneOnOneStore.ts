import { randomId } from '../core/randomId';
import { JsonFile, type JsonFileOptions } from './jsonFile';
import { STORE_FILES } from './paths';
import type { FileSpec } from './versionedJson';
import { FileBackedStore } from './fileBackedStore';
import { NUDGE_KINDS, type NudgeKind, type NudgeRecord } from '../core/nudges';
import { LOGIN } from '../core/login';

/** The notes of one 1:1, by its local day. */
export interface OneOnOneMeeting {
  /** `yyyy-MM-dd`, local. One set of notes per person and day. */
  readonly date: string;
  readonly notes: string;
  readonly updatedAt: number;
}

/** Something agreed in a 1:1, carried to the next ones until it is checked off. */
export interface ActionItem {
  readonly id: string;
  readonly text: string;
  readonly createdAt: number;
  /** The 1:1 (`yyyy-MM-dd`) it was agreed in. */
  readonly date: string;
  readonly doneAt?: number;
}

/** A nudge (follow-up comment) the lead posted, mentioning this person. */
export interface Nudge {
  readonly at: number;
  readonly repo: string;
  readonly number: number;
  /** The posted comment. */
  readonly url: string;
  /** What was nudged; absent on nudges recorded before Nudge… existed (follow-ups on delegated items). */
  readonly kind?: NudgeKind;
}

export interface PersonNotes {
  readonly login: string;
  /** Oldest first. */
  meetings: OneOnOneMeeting[];
  actions: ActionItem[];
  /** Oldest first; the last `MAX_NUDGES`. */
  nudges?: Nudge[];
}

export interface OneOnOnesFile {
  readonly version: 1;
  /** By lower-case login. */
  people: Record<string, PersonNotes>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function personProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const p = record as Record<keyof PersonNotes, unknown>;
  if (typeof p.login !== 'string' || !LOGIN.test(p.login)) return 'it has no login';
  if (!Array.isArray(p.meetings) || !p.meetings.every((m) => typeof m === 'object' && m !== null
    && typeof m.date === 'string' && DAY.test(m.date) && typeof m.notes === 'string' && Number.isFinite(m.updatedAt))) return 'its meetings are not readable';
  if (!Array.isArray(p.actions) || !p.actions.every((a) => typeof a === 'object' && a !== null
    && typeof a.id === 'string' && typeof a.text === 'string' && Number.isFinite(a.createdAt) && typeof a.date === 'string'
    && (a.doneAt === undefined || Number.isFinite(a.doneAt)))) return 'its action items are not readable';
  if (p.nudges !== undefined && !(Array.isArray(p.nudges) && p.nudges.every(isNudge))) return 'its nudges are not readable';
  return null;
}

/** A stored nudge this version can use (see `personProblem`). */
export function isNudge(n: unknown): n is Nudge {
  if (typeof n !== 'object' || n === null || Array.isArray(n)) return false;
  const x = n as Record<keyof Nudge, unknown>;
  return Number.isFinite(x.at) && typeof x.repo === 'string' && Number.isSafeInteger(x.number) && (x.number as number) > 0 && typeof x.url === 'string'
    // A kind this version does not know (a newer Lead Desk's) is read as none, and kept as it is.
    && (x.kind === undefined || typeof x.kind === 'string');
}

/** The kind of a stored nudge, when it is one this version knows. */
export const nudgeKind = (n: Nudge): NudgeKind | undefined => (NUDGE_KINDS.includes(n.kind as NudgeKind) ? n.kind : undefined);

export const oneOnOnesSpec: FileSpec<OneOnOnesFile> = {
  version: 1,
  empty: () => ({ version: 1, people: {} }),
  check: (f) => (typeof f.people === 'object' && f.people !== null && !Array.isArray(f.people) ? null : '"people" is not an object'),
  records: [{ field: 'people', problem: personProblem }],
};

const MAX_NOTES = 20_000;
const MAX_ACTION = 500;
const MAX_NUDGES = 50;

function checkLogin(login: string): string {
  if (!LOGIN.test(login)) throw new RangeError(`${JSON.stringify(login)} is not a GitHub login`);
  return login.toLowerCase();
}

function personIn(f: OneOnOnesFile, login: string): PersonNotes {
  const key = checkLogin(login);
  if (!Object.hasOwn(f.people, key)) f.people[key] = { login, meetings: [], actions: [] };
  return f.people[key]!;
}

/**
 * 1:1 notes and action items per teammate (`one-on-ones.json`), shared by every window. Every
 * change is a read-modify-write under the file's lock, so notes typed in two windows both stay.
 */
export class OneOnOneStore extends FileBackedStore<OneOnOnesFile> {
  private constructor(file: JsonFile<OneOnOnesFile>) {
    super(file);
  }

  static async open(dir: string, options: JsonFileOptions = {}): Promise<OneOnOneStore> {
    return new OneOnOneStore(await JsonFile.open(dir, STORE_FILES.oneOnOnes, oneOnOnesSpec, options));
  }

  /** Everything kept about `login` (empty lists when nothing is). */
  async person(login: string): Promise<PersonNotes> {
    await this.file.refresh();
    const key = checkLogin(login);
    return Object.hasOwn(this.file.data.people, key) ? this.file.data.people[key]! : { login, meetings: [], actions: [] };
  }

  /** Sets the notes of the 1:1 with `login` on `date` (empty notes remove that day's entry). */
  saveNotes(login: string, date: string, notes: string, now = Date.now()): Promise<void> {
    if (!DAY.test(date)) return Promise.reject(new RangeError('date must be yyyy-MM-dd'));
    const text = notes.slice(0, MAX_NOTES);
    return this.file.update((f) => {
      const p = personIn(f, login);
      const others = p.meetings.filter((m) => m.date !== date);
      p.meetings = text.trim() ? [...others, { date, notes: text, updatedAt: now }].sort((a, b) => a.date.localeCompare(b.date)) : others;
    });
  }

  addAction(login: string, text: string, date: string, now = Date.now()): Promise<ActionItem> {
    const trimmed = text.trim().slice(0, MAX_ACTION);
    if (!trimmed) return Promise.reject(new RangeError('an action item needs text'));
    const item: ActionItem = { id: randomId('a-', now), text: trimmed, createdAt: now, date };
    return this.file.update((f) => {
      personIn(f, login).actions.push(item);
      return item;
    });
  }

  /** Checks an action item off (or on again). False when it no longer exists. */
  setActionDone(login: string, id: string, done: boolean, now = Date.now()): Promise<boolean> {
    return this.file.update((f) => {
      const p = personIn(f, login);
      const at = p.actions.findIndex((a) => a.id === id);
      if (at < 0) return false;
      const { doneAt: _old, ...rest } = p.actions[at]!;
      p.actions[at] = done ? { ...rest, doneAt: now } : rest;
      return true;
    });
  }

  /** Every nudge kept, to whom, oldest first per person. */
  async allNudges(): Promise<NudgeRecord[]> {
    await this.file.refresh();
    return Object.values(this.file.data.people).flatMap((p) => (p.nudges ?? []).map((n): NudgeRecord => {
      const kind = nudgeKind(n);
      return { at: n.at, repo: n.repo, number: n.number, url: n.url, who: p.login, ...(kind ? { kind } : {}) };
    }));
  }

  recordNudge(login: string, nudge: Nudge): Promise<void> {
    if (!isNudge(nudge)) return Promise.reject(new RangeError('not a nudge record'));
    return this.file.update((f) => {
      const p = personIn(f, login);
      p.nudges = [...(p.nudges ?? []), nudge].slice(-MAX_NUDGES);
    });
  }
}
