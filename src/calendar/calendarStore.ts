import type { Meeting } from '../core/calendar';
import { FileBackedStore, JsonFile, type FileSpec, type JsonFileOptions } from '../store';

/** The lead's connected calendars and their last good meetings, shared by every window. */
export const CALENDARS_FILE = 'calendars.json';

export interface StoredCalendar {
  /** Random, also the SecretStorage key of a feed's address (which never enters this file). */
  readonly id: string;
  /** What the lead sees: the host of a feed, or a file's name. */
  readonly label: string;
  /** A local `.ics` file's path; absent for a feed (its address is a secret, kept in SecretStorage). */
  readonly path?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** When the feed was last asked (successfully or not). */
  readonly checkedAt?: number;
  /** When the meetings below were last read successfully: "calendar as of HH:MM". */
  readonly fetchedAt?: number;
  /** Why the last attempt failed; absent after a success. */
  readonly problem?: string;
  /** The meetings read, past ones kept after the feed drops them. */
  readonly meetings: readonly Meeting[];
}

export interface CalendarsFile {
  readonly version: 1;
  calendars: Record<string, StoredCalendar>;
}

function meetingProblem(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return 'it is not an object';
  const m = item as Record<keyof Meeting, unknown>;
  if (typeof m.key !== 'string' || !Number.isFinite(m.start) || !Number.isFinite(m.end) || (m.end as number) <= (m.start as number)) return 'it has no key or times';
  if (m.title !== undefined && typeof m.title !== 'string') return 'its title is not text';
  if (m.attendees !== undefined && !(Array.isArray(m.attendees) && m.attendees.every((a) => typeof a === 'string'))) return 'its attendees are not addresses';
  return null;
}

function calendarProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'it is not an object';
  const c = record as Record<keyof StoredCalendar, unknown>;
  if (typeof c.id !== 'string' || !c.id || typeof c.label !== 'string') return 'it has no id or label';
  if (c.path !== undefined && typeof c.path !== 'string') return 'its path is not text';
  if (!Array.isArray(c.meetings)) return 'it has no meetings list';
  return null;
}

export const calendarsSpec: FileSpec<CalendarsFile> = {
  version: 1,
  empty: () => ({ version: 1, calendars: {} }),
  check: (f) => (typeof f.calendars === 'object' && f.calendars !== null && !Array.isArray(f.calendars) ? null : '"calendars" is not an object'),
  records: [{ field: 'calendars', problem: calendarProblem, parts: [{ field: 'meetings', problem: meetingProblem }] }],
};

export class CalendarStore extends FileBackedStore<CalendarsFile> {
  private constructor(file: JsonFile<CalendarsFile>) {
    super(file);
  }

  static async open(dir: string, options: JsonFileOptions = {}): Promise<CalendarStore> {
    return new CalendarStore(await JsonFile.open(dir, CALENDARS_FILE, calendarsSpec, options));
  }

  calendars(): StoredCalendar[] {
    return Object.values(this.file.data.calendars);
  }

  get(id: string): StoredCalendar | undefined {
    return Object.hasOwn(this.file.data.calendars, id) ? this.file.data.calendars[id] : undefined;
  }

  /** Every stored meeting of every calendar that overlaps [start, end), sorted by start. */
  meetingsBetween(start: number, end: number): Meeting[] {
    return this.calendars().flatMap((c) => c.meetings.filter((m) => m.end > start && m.start < end)).sort((a, b) => a.start - b.start);
  }

  add(calendar: Pick<StoredCalendar, 'id' | 'label' | 'path'>): Promise<void> {
    return this.file.update((f) => {
      f.calendars[calendar.id] = { ...calendar, meetings: [] };
    });
  }

  remove(id: string): Promise<void> {
    return this.file.update((f) => {
      delete f.calendars[id];
    });
  }

  /**
   * A successful read: the meetings in `window` are replaced by `meetings` (a meeting moved or
   * cancelled since goes), those before it are kept (feeds drop the past), so a meeting is stored
   * once however often the feed is read, from however many windows.
   */
  recordFetched(id: string, read: { meetings: readonly Meeting[]; windowStart: number; at: number; etag?: string; lastModified?: string }): Promise<void> {
    return this.file.update((f) => {
      const old = Object.hasOwn(f.calendars, id) ? f.calendars[id] : undefined;
      if (!old) return;
      const kept = old.meetings.filter((m) => m.start < read.windowStart);
      const { problem: _problem, etag: _etag, lastModified: _lastModified, ...rest } = old;
      f.calendars[id] = {
        ...rest, checkedAt: read.at, fetchedAt: read.at, meetings: [...kept, ...read.meetings.filter((m) => m.start >= read.windowStart)],
        ...(read.etag ? { etag: read.etag } : {}), ...(read.lastModified ? { lastModified: read.lastModified } : {}),
      };
    });
  }

  /** The feed answered "not modified": the stored meetings stay as they are. */
  recordUnchanged(id: string, at: number): Promise<void> {
    return this.file.update((f) => {
      const old = Object.hasOwn(f.calendars, id) ? f.calendars[id] : undefined;
      if (!old) return;
      const { problem: _problem, ...rest } = old;
      f.calendars[id] = { ...rest, checkedAt: at, fetchedAt: at };
    });
  }

  /** A failed read: the last good meetings stay. */
  recordProblem(id: string, at: number, problem: string): Promise<void> {
    return this.file.update((f) => {
      const old = Object.hasOwn(f.calendars, id) ? f.calendars[id] : undefined;
      if (old) f.calendars[id] = { ...old, checkedAt: at, problem };
    });
  }
}
