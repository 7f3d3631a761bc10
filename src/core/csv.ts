import { meetingTitles } from './calendarTime';
import { format } from './dateFormat';
import type { TimeEntry } from './timeEntry';
import { isMeeting, splitByLocalDay, type DaySegment, type MeetingCredit } from './timeline';

/**
 * Header of the time export. `auto` is what made the timer start the entry by itself
 * (`edits`, `morning-review`, … with {@link Settings.autoMode} (switch)), empty when the lead
 * did. `source` is `timer`, or `calendar` for a meeting (its note: the meetings' titles, when
 * kept). New columns come last so the earlier ones keep their places in existing spreadsheets.
 */
export const TIME_CSV_COLUMNS = ['date', 'start', 'end', 'mode', 'minutes', 'note', 'auto', 'source'] as const;

/** Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell per RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * A cell a spreadsheet would evaluate is prefixed with `'` first, so a note like `=HYPERLINK(…)`
 * arrives as text.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Records joined with CRLF, the RFC 4180 line end, and ended by one. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/**
 * The time export: one row per entry per local day, after overlaps are resolved, so the rows
 * add up to the totals the balance report shows. Running entries count up to `now`.
 * `start` and `end` are local ISO 8601 with offset, unambiguous across DST changes;
 * `minutes` has at most two decimals.
 */
export function timeEntriesToCsv(entries: readonly TimeEntry[], now: number, meetings?: MeetingCredit): string {
  return daySegmentsToCsv(splitByLocalDay(entries, now, meetings), entries, meetings);
}

/** The time export of segments already split by day (and clipped to a range): see {@link timeEntriesToCsv}. */
export function daySegmentsToCsv(segments: readonly DaySegment[], entries: readonly TimeEntry[], meetings?: MeetingCredit): string {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const rows = segments.map((seg) => {
    const meeting = isMeeting(seg);
    const entry = meeting ? undefined : byId.get(seg.entryId);
    return [
      seg.date,
      localTimestamp(seg.start),
      localTimestamp(seg.end),
      seg.mode,
      String(Math.round((seg.end - seg.start) / 600) / 100),
      meeting ? meetingTitles(meetings?.spans ?? [], seg.start, seg.end) : entry?.note ?? '',
      entry?.auto ?? '',
      meeting ? 'calendar' : 'timer',
    ];
  });
  return toCsv([TIME_CSV_COLUMNS, ...rows]);
}

function localTimestamp(instant: number): string {
  return format(instant, "yyyy-MM-dd'T'HH:mm:ssxxx");
}
