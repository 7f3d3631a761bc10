import { addDays, startOfISOWeek } from 'date-fns';
import { parseLocalDate, startOfNextLocalDay, toLocalDate } from './localDate';
import type { Mode, TimeEntry } from './timeEntry';

/** A stretch of time credited to exactly one entry; segments never overlap one another. */
export interface TimeSegment {
  readonly entryId: string;
  readonly mode: Mode;
  readonly start: number;
  readonly end: number;
}

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
}

export interface WeekTotals extends ModeTotals {
  /** The Monday that starts the ISO week, `yyyy-MM-dd`. */
  readonly weekStart: string;
  /** Monday to Sunday. */
  readonly days: readonly DayTotals[];
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

/** Resolves overlaps, then cuts every segment at local midnight (DST-aware via date-fns). */
export function splitByLocalDay(entries: readonly TimeEntry[], now: number): DaySegment[] {
  const days: DaySegment[] = [];
  for (const seg of resolveOverlaps(entries, now)) {
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
export function dailyTotals(entries: readonly TimeEntry[], range: LocalDayRange, now: number): DayTotals[] {
  const rangeStart = parseLocalDate(range.first).getTime();
  const rangeEnd = startOfNextLocalDay(parseLocalDate(range.last)).getTime();
  // Entries outside the range cannot change what is credited inside it, so skip them early;
  // the history grows every day while a report covers a week.
  const relevant = entries.filter((e) => e.start < rangeEnd && effectiveEnd(e, now) > rangeStart);
  const byDate = new Map<string, { technical: number; managerial: number }>();
  for (let day = rangeStart; day < rangeEnd; day = startOfNextLocalDay(day).getTime()) {
    byDate.set(toLocalDate(day), { technical: 0, managerial: 0 });
  }
  for (const seg of splitByLocalDay(relevant, now)) {
    const totals = byDate.get(seg.date);
    if (totals) totals[seg.mode] += seg.end - seg.start;
  }
  return [...byDate].map(([date, totals]) => ({ date, ...totals }));
}

/** The ISO week (Monday to Sunday) that contains `instant`. */
export function weekTotals(entries: readonly TimeEntry[], instant: number, now: number): WeekTotals {
  const monday = startOfISOWeek(instant);
  const days = dailyTotals(entries, { first: toLocalDate(monday), last: toLocalDate(addDays(monday, 6)) }, now);
  return { weekStart: toLocalDate(monday), days, ...sumTotals(days) };
}

export function todayTotals(entries: readonly TimeEntry[], now: number): DayTotals {
  const today = toLocalDate(now);
  return dailyTotals(entries, { first: today, last: today }, now)[0]!;
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
