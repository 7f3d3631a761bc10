import { addDays, startOfISOWeek } from 'date-fns';
import type { MeetingSpan } from './calendar';
import { parseLocalDate, startOfNextLocalDay, toLocalDate } from './localDate';
import type { Mode, TimeEntry } from './timeEntry';

/** Where a stretch of credited time comes from: the lead's timer or a calendar meeting. */
export type TimeSource = 'timer' | 'calendar';

/** A stretch of time credited to exactly one entry; segments never overlap one another. */
export interface TimeSegment {
  readonly entryId: string;
  readonly mode: Mode;
  readonly start: number;
  readonly end: number;
  /** `calendar` for a meeting credited at report time; absent or `timer` for the timer's time. */
  readonly source?: TimeSource;
}

export interface SourcedSegment extends TimeSegment {
  readonly source: TimeSource;
}

/** Who wins time that the timer and a meeting both claim (the `calendar.overlap` setting). */
export type OverlapRule = 'meeting' | 'timer';

/**
 * The connected calendars' meetings, merged into spans (`mergeMeetingSpans`), and who wins an
 * overlap with the timer. Every total below takes it: meetings are credited when a report is
 * built, never written as time entries.
 */
export interface MeetingCredit {
  readonly spans: readonly MeetingSpan[];
  readonly overlap: OverlapRule;
}

/** The entry id of time credited to a meeting span (spans are derived, never written as entries). */
export const MEETING_ENTRY_ID = 'calendar';

/** A segment that lies within one local calendar day. */
export interface DaySegment extends TimeSegment {
  /** Local day, `yyyy-MM-dd`. */
  readonly date: string;
}

/** Milliseconds per mode. */
export interface ModeTotals {
  readonly technical: number;
  readonly managerial: number;
}

export interface DayTotals extends ModeTotals {
  readonly date: string;
  /** The part of `managerial` that meetings from a connected calendar make up. */
  readonly meetings: number;
}

export interface WeekTotals extends ModeTotals {
  /** The Monday that starts the ISO week, `yyyy-MM-dd`. */
  readonly weekStart: string;
  /** Monday to Sunday. */
  readonly days: readonly DayTotals[];
  /** The part of `managerial` that meetings make up. */
  readonly meetings: number;
}

/** Local days from `first` to `last`, both included, as `yyyy-MM-dd`. */
export interface LocalDayRange {
  readonly first: string;
  readonly last: string;
}

/** Where an entry ends for accounting: running entries run up to `now`, never below their start. */
export function effectiveEnd(entry: TimeEntry, now: number): number {
  return Math.max(entry.start, entry.end ?? now);
}

/**
 * Makes entries non-overlapping. Two windows racing or a clock jump can leave entries that
 * overlap; the later-started entry wins the shared span (it is the most recent decision the lead
 * made), and an earlier entry resumes after a later one ends inside it. Zero-length and inverted
 * entries vanish. Result is sorted by start.
 */
export function resolveOverlaps(entries: readonly TimeEntry[], now: number): TimeSegment[] {
  // Ties on start go to the greater id, so the result does not depend on input order.
  const ordered = entries
    .map((entry) => ({ entry, start: entry.start, end: effectiveEnd(entry, now) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || compareIds(a.entry.id, b.entry.id));

  // Walk from the latest start back. `covered` holds the union claimed so far as disjoint
  // intervals with the earliest last, so each new span only touches the end of the array.
  const covered: { start: number; end: number }[] = [];
  const segments: TimeSegment[] = [];
  for (let i = ordered.length - 1; i >= 0; i--) {
    const { entry, start, end } = ordered[i]!;
    let cursor = start;
    let claimedEnd = end;
    while (covered.length > 0 && covered[covered.length - 1]!.start < end) {
      const taken = covered.pop()!;
      if (taken.start > cursor) segments.push(segment(entry, cursor, taken.start));
      cursor = Math.max(cursor, taken.end);
      claimedEnd = Math.max(claimedEnd, taken.end);
    }
    if (cursor < end) segments.push(segment(entry, cursor, end));
    covered.push({ start, end: claimedEnd });
  }
  return segments.sort((a, b) => a.start - b.start);
}

/**
 * Credits meeting spans next to the timer's (non-overlapping, sorted) segments, at report time:
 * nothing is written, so a meeting is counted once however many windows report it or however
 * often the calendar is read. `meeting`: a span takes its time from whatever the timer tracked
 * (counted once, as managerial). `timer`: only the parts of a span the timer did not track are
 * added. Result sorted by start, non-overlapping.
 */
export function creditMeetings(segments: readonly TimeSegment[], spans: readonly MeetingSpan[], rule: OverlapRule): SourcedSegment[] {
  const timer: SourcedSegment[] = segments.map((s) => ({ ...s, source: 'timer' }));
  const meetings: SourcedSegment[] = spans.map((s) => ({ entryId: MEETING_ENTRY_ID, mode: 'managerial', start: s.start, end: s.end, source: 'calendar' }));
  const [winners, losers] = rule === 'meeting' ? [meetings, timer] : [timer, meetings];
  const result = [...winners];
  for (const loser of losers) result.push(...subtract(loser, winners));
  return result.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The parts of `segment` that no interval of `cover` (sorted, non-overlapping) touches. */
function subtract(segment: SourcedSegment, cover: readonly SourcedSegment[]): SourcedSegment[] {
  const parts: SourcedSegment[] = [];
  let cursor = segment.start;
  for (const c of cover) {
    if (c.end <= cursor) continue;
    if (c.start >= segment.end) break;
    if (c.start > cursor) parts.push({ ...segment, start: cursor, end: c.start });
    cursor = Math.max(cursor, c.end);
    if (cursor >= segment.end) break;
  }
  if (cursor < segment.end) parts.push({ ...segment, start: cursor, end: segment.end });
  return parts;
}

/**
 * The meeting spans' parts in [from, min(to, now)): a meeting counts once it has happened (the
 * part of one under way, up to now), like a running entry. Sorted, as merged spans are.
 */
export function spansWithin(credit: MeetingCredit | undefined, from: number, to: number, now: number): MeetingSpan[] {
  if (!credit) return [];
  const end = Math.min(to, now);
  return credit.spans
    .filter((s) => s.start < end && s.end > from)
    .map((s) => (s.start >= from && s.end <= end ? s : { ...s, start: Math.max(s.start, from), end: Math.min(s.end, end) }));
}

/**
 * What the balance counts: the timer's entries with overlaps resolved, and, with `meetings`, the
 * meetings that happened by `now` credited as managerial time by their overlap rule.
 */
export function creditedSegments(entries: readonly TimeEntry[], now: number, meetings?: MeetingCredit): TimeSegment[] {
  const segments = resolveOverlaps(entries, now);
  const spans = spansWithin(meetings, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, now);
  return spans.length === 0 ? segments : creditMeetings(segments, spans, meetings!.overlap);
}

/** Whether a segment is a meeting's (credited from a calendar), not the timer's. */
export const isMeeting = (segment: TimeSegment): boolean => segment.source === 'calendar';

/** Resolves overlaps (and credits meetings), then cuts every segment at local midnight (DST-aware via date-fns). */
export function splitByLocalDay(entries: readonly TimeEntry[], now: number, meetings?: MeetingCredit): DaySegment[] {
  const days: DaySegment[] = [];
  for (const seg of creditedSegments(entries, now, meetings)) {
    let start = seg.start;
    while (start < seg.end) {
      const end = Math.min(seg.end, startOfNextLocalDay(start).getTime());
      days.push({ ...seg, start, end, date: toLocalDate(start) });
      start = end;
    }
  }
  return days;
}

/** Totals for every local day in the range, days without time included (as zeros). */
export function dailyTotals(entries: readonly TimeEntry[], range: LocalDayRange, now: number, meetings?: MeetingCredit): DayTotals[] {
  const rangeStart = parseLocalDate(range.first).getTime();
  const rangeEnd = startOfNextLocalDay(parseLocalDate(range.last)).getTime();
  // Entries outside the range cannot change what is credited inside it, so skip them early;
  // the history grows every day while a report covers a week.
  const relevant = entries.filter((e) => e.start < rangeEnd && effectiveEnd(e, now) > rangeStart);
  const credit = meetings && { ...meetings, spans: spansWithin(meetings, rangeStart, rangeEnd, now) };
  const byDate = new Map<string, { technical: number; managerial: number; meetings: number }>();
  for (let day = rangeStart; day < rangeEnd; day = startOfNextLocalDay(day).getTime()) {
    byDate.set(toLocalDate(day), { technical: 0, managerial: 0, meetings: 0 });
  }
  for (const seg of splitByLocalDay(relevant, now, credit)) {
    const totals = byDate.get(seg.date);
    if (!totals) continue;
    totals[seg.mode] += seg.end - seg.start;
    if (isMeeting(seg)) totals.meetings += seg.end - seg.start;
  }
  return [...byDate].map(([date, totals]) => ({ date, ...totals }));
}

/** The ISO week (Monday to Sunday) that contains `instant`. */
export function weekTotals(entries: readonly TimeEntry[], instant: number, now: number, meetings?: MeetingCredit): WeekTotals {
  const monday = startOfISOWeek(instant);
  const days = dailyTotals(entries, { first: toLocalDate(monday), last: toLocalDate(addDays(monday, 6)) }, now, meetings);
  return { weekStart: toLocalDate(monday), days, ...sumTotals(days), meetings: days.reduce((sum, d) => sum + d.meetings, 0) };
}

export function todayTotals(entries: readonly TimeEntry[], now: number, meetings?: MeetingCredit): DayTotals {
  const today = toLocalDate(now);
  return dailyTotals(entries, { first: today, last: today }, now, meetings)[0]!;
}

export function sumTotals(totals: readonly ModeTotals[]): ModeTotals {
  let technical = 0;
  let managerial = 0;
  for (const t of totals) {
    technical += t.technical;
    managerial += t.managerial;
  }
  return { technical, managerial };
}

/**
 * `2h 05m`, `45m`, `0m`. Rounds down: the status bar should not claim a minute not yet spent.
 * Minutes are padded after hours so the status bar text does not jitter in width.
 */
export function formatDuration(ms: number): string {
  const totalMinutes = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 60_000) : 0;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours === 0 ? `${minutes}m` : `${hours}h ${String(minutes).padStart(2, '0')}m`;
}

function segment(entry: TimeEntry, start: number, end: number): TimeSegment {
  return { entryId: entry.id, mode: entry.mode, start, end };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
