import { randomId } from '../core/randomId';
import { JsonFile, type JsonFileOptions } from './engine/jsonFile';
import { STORE_FILES } from './paths';
import type { FileSpec } from './engine/versionedJson';
import { FileBackedStore } from './engine/fileBackedStore';
import { NUDGE_KINDS, type NudgeKind, type NudgeRecord } from '../core/nudges';
import { LOGIN } from '../core/login';
import { keepBothNotes, MAX_NOTES_LENGTH } from '../core/oneOnOne';

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

/** What a save of one day's notes left in the file. */
export interface SavedNotes {
  /** The day's notes as stored now ('' when there are none). */
  readonly notes: string;
  /** What another window had saved since the editor's base, kept with these notes; null when nothing was. */
  readonly theirs: string | null;
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

/** Why a person's record cannot be used at all; its meetings, action items and nudges are checked one by one (`oneOnOnesSpec`). */
function personProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const p = record as Record<keyof PersonNotes, unknown>;
  if (typeof p.login !== 'string' || !LOGIN.test(p.login)) return 'it has no login';
  if (!Array.isArray(p.meetings)) return 'its meetings are not a list';
  if (!Array.isArray(p.actions)) return 'its action items are not a list';
  if (p.nudges !== undefined && !Array.isArray(p.nudges)) return 'its nudges are not a list';
  return null;
}

function meetingProblem(m: unknown): string | null {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'it is not an object';
  const x = m as Record<keyof OneOnOneMeeting, unknown>;
  if (typeof x.date !== 'string' || !DAY.test(x.date)) return 'its date is not yyyy-MM-dd';
  if (typeof x.notes !== 'string') return 'its notes are not text';
  return Number.isFinite(x.updatedAt) ? null : 'its updatedAt is not a time';
}

function actionProblem(a: unknown): string | null {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return 'it is not an object';
  const x = a as Record<keyof ActionItem, unknown>;
  if (typeof x.id !== 'string' || typeof x.text !== 'string') return 'it has no id or no text';
  if (!Number.isFinite(x.createdAt) || typeof x.date !== 'string') return 'its createdAt or date is not readable';
  return x.doneAt === undefined || Number.isFinite(x.doneAt) ? null : 'its doneAt is not a time';
}

/**
 * A person created under the key of one set aside as unreadable: keep everything of the old
 * record, with the new meetings, action items and nudges added (one day's notes written in
 * both are both kept).
 */
function mergePeople(setAside: unknown, usable: unknown): unknown {
  const old = typeof setAside === 'object' && setAside !== null && !Array.isArray(setAside) ? setAside as Record<string, unknown> : {};
  const now = usable as PersonNotes;
  // A field that is not a list (a sync tool wrote an object) is put back as the list of what it
  // holds: the next read checks those item by item, and sets aside only the unreadable ones.
  const list = (field: string): unknown[] => {
    const value = old[field];
    if (Array.isArray(value)) return value;
    if (value === undefined || value === null) return [];
    return typeof value === 'object' ? Object.values(value) : [value];
  };
  const meetings = list('meetings').map((m) => {
    const same = meetingProblem(m) === null ? now.meetings.find((n) => n.date === (m as OneOnOneMeeting).date) : undefined;
    return same ? { ...same, notes: keepBothNotes(same.notes, (m as OneOnOneMeeting).notes) } : m;
  });
  const known = new Set(list('meetings').filter((m) => meetingProblem(m) === null).map((m) => (m as OneOnOneMeeting).date));
  const ids = new Set(list('actions').map((a) => (a as { id?: unknown } | null)?.id));
  return {
    ...old,
    ...now,
    meetings: [...meetings, ...now.meetings.filter((m) => !known.has(m.date))],
    actions: [...list('actions'), ...now.actions.filter((a) => !ids.has(a.id))],
    ...(now.nudges || old.nudges !== undefined ? { nudges: [...list('nudges'), ...(now.nudges ?? [])] } : {}),
  };
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
  records: [{
    field: 'people',
    problem: personProblem,
    parts: [
      { field: 'meetings', problem: meetingProblem },
      { field: 'actions', problem: actionProblem },
      { field: 'nudges', problem: (n) => (isNudge(n) ? null : 'it is not a nudge record') },
    ],
    merge: mergePeople,
  }],
};

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

  /**
   * What of `login`'s record this version could not read (set aside, kept in the file): the whole
   * record, and how many meetings, action items or nudges. Null when everything was read.
   */
  async unreadable(login: string): Promise<{ readonly record: boolean; readonly items: number } | null> {
    await this.file.refresh();
    const key = checkLogin(login);
    const setAside = this.file.setAside;
    if (!setAside) return null;
    const people = setAside.records.people;
    const record = !!people && !Array.isArray(people) && Object.hasOwn(people, key);
    const items = setAside.parts.filter((p) => p.key === key).reduce((n, p) => n + p.items.length, 0);
    return record || items ? { record, items } : null;
  }

  /**
   * Sets the notes of the 1:1 with `login` on `date` (empty notes remove that day's entry).
   * `base` is the text the editor started from: when another window saved something else since,
   * both texts are kept (this one, a marker, then the other) and `theirs` says what was kept
   * besides. Without `base`, the notes replace the day's notes.
   */
  saveNotes(login: string, date: string, notes: string, now = Date.now(), base?: string): Promise<SavedNotes> {
    if (!DAY.test(date)) return Promise.reject(new RangeError('date must be yyyy-MM-dd'));
    const mine = notes.slice(0, MAX_NOTES_LENGTH);
    // Under the lock, on the file as it is now: the conflict check sees every window's save.
    return this.file.update((f): SavedNotes => {
      const p = personIn(f, login);
      // A file written by another tool may hold a day twice: the save replaces all of them, so keeps all.
      const stored = p.meetings.filter((m) => m.date === date).reduce((all, m) => keepBothNotes(all, m.notes), '');
      const text = base === undefined || stored === base ? mine : keepBothNotes(mine, stored);
      const others = p.meetings.filter((m) => m.date !== date);
      p.meetings = text.trim() ? [...others, { date, notes: text, updatedAt: now }].sort((a, b) => a.date.localeCompare(b.date)) : others;
      return { notes: text.trim() ? text : '', theirs: text === mine ? null : stored };
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
