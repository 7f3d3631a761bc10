import { spansOnly, type MeetingRules } from '../core/calendar';
import type { CalendarReader } from './calendarReader';
import type { CalendarStore } from './calendarStore';
import { fetchCalendar, type FetchResult, type FetchValidators } from './fetchCalendar';

/** A feed is asked at most this often, unless the lead asks. */
export const CALENDAR_REFRESH_MS = 15 * 60_000;
/** Meetings are read from this far back (the 8-week trend)… */
export const CALENDAR_HISTORY_MS = 8 * 7 * 86_400_000;
/** …to this far ahead (Plan the day, the next 1:1). */
export const CALENDAR_AHEAD_MS = 14 * 86_400_000;

/** Where a calendar's text comes from: a feed (its address from SecretStorage) or a local file. */
export type CalendarSource = (validators: FetchValidators) => Promise<FetchResult>;

export function feedSource(address: string): CalendarSource {
  return (validators) => fetchCalendar(address, validators);
}

/** How a local file is read (the extension: `vscode.workspace.fs`, which reads on the lead's side). */
export interface LocalFileAccess {
  stat(): Promise<{ readonly mtime: number; readonly size: number }>;
  read(): Promise<string>;
}

/** A local `.ics` file: its modification time stands for an ETag, so an unchanged file is not parsed again. */
export function fileSource(file: LocalFileAccess): CalendarSource {
  return async (validators) => {
    const stat = await file.stat();
    const stamp = `mtime:${stat.mtime}:${stat.size}`;
    if (validators.etag === stamp) return { status: 'unchanged' };
    return { status: 'fetched', text: await file.read(), etag: stamp };
  };
}

export interface RefreshRules extends MeetingRules {
  /** The `calendar.keepTitles` setting: false stores spans only. */
  readonly keepTitles: boolean;
}

export type RefreshOutcome =
  | { readonly kind: 'skipped' | 'unchanged' | 'gone' }
  | { readonly kind: 'fetched'; readonly meetings: number }
  | { readonly kind: 'failed'; readonly problem: string; readonly asOf: number | undefined };

/**
 * Reads one calendar if it is due (or `force`), and stores what it read. A failure keeps the last
 * good meetings and reports when they were read. An unchanged feed costs one conditional request
 * and no parsing. `read` parses the text (the extension: lazyCalendarReader, which loads ical.js at the
 * first parse).
 */
export async function refreshCalendar(
  read: CalendarReader, store: CalendarStore, id: string, source: CalendarSource, rules: RefreshRules, now: number, force = false,
): Promise<RefreshOutcome> {
  const calendar = store.get(id);
  if (!calendar) return { kind: 'gone' };
  if (!force && calendar.checkedAt !== undefined && now - calendar.checkedAt < CALENDAR_REFRESH_MS && now >= calendar.checkedAt) return { kind: 'skipped' };
  try {
    // Validators only while the stored meetings came from them: after a failure, read it whole.
    const validators = calendar.problem === undefined && calendar.fetchedAt !== undefined
      ? { ...(calendar.etag ? { etag: calendar.etag } : {}), ...(calendar.lastModified ? { lastModified: calendar.lastModified } : {}) }
      : {};
    const result = await source(validators);
    if (result.status === 'unchanged') {
      await store.recordUnchanged(id, now);
      return { kind: 'unchanged' };
    }
    const windowStart = now - CALENDAR_HISTORY_MS;
    const expanded = read(result.text, { start: windowStart, end: now + CALENDAR_AHEAD_MS }, rules);
    const meetings = rules.keepTitles ? expanded : spansOnly(expanded);
    await store.recordFetched(id, {
      meetings, windowStart, at: now, ...(result.etag ? { etag: result.etag } : {}), ...(result.lastModified ? { lastModified: result.lastModified } : {}),
    });
    return { kind: 'fetched', meetings: meetings.length };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    await store.recordProblem(id, now, problem);
    return { kind: 'failed', problem, asOf: calendar.fetchedAt };
  }
}
