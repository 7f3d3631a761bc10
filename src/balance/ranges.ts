/** The date ranges the CSV export offers, and the CSV for one of them. Pure: unit tested in plain Node. */
import { addDays, addMonths, startOfISOWeek, startOfMonth } from 'date-fns';
import { daySegmentsToCsv } from '../core/csv';
import { parseLocalDate, toLocalDate } from '../core/localDate';
import type { TimeEntry } from '../core/timeEntry';
import { splitByLocalDay, type MeetingCredit } from '../core/timeline';
import { TREND_WEEKS } from '../core/trend';

export type ExportRangeId = 'today' | 'thisWeek' | 'lastWeek' | 'thisMonth' | 'last30Days' | 'last8Weeks' | 'custom';

export interface ExportRange {
  readonly id: ExportRangeId;
  readonly label: string;
  /** Local days, `yyyy-MM-dd`, both included. */
  readonly first: string;
  readonly last: string;
  /** [from, to) in epoch ms: the start of `first` to the start of the day after `last`. */
  readonly from: number;
  readonly to: number;
}

function range(id: ExportRangeId, label: string, first: Date, last: Date): ExportRange {
  const firstDay = toLocalDate(first);
  const lastDay = toLocalDate(last);
  return { id, label, first: firstDay, last: lastDay, from: parseLocalDate(firstDay).getTime(), to: parseLocalDate(toLocalDate(addDays(parseLocalDate(lastDay), 1))).getTime() };
}

/**
 * Today, this week and last week (Monday to Sunday), this month, the last 30 days (today
 * included), and the 8 weeks of the balance trend (this week and the 7 before it).
 */
export function exportRanges(now: number): ExportRange[] {
  const today = parseLocalDate(toLocalDate(now));
  const monday = startOfISOWeek(today);
  const firstOfMonth = startOfMonth(today);
  return [
    range('today', 'Today', today, today),
    range('thisWeek', 'This week', monday, addDays(monday, 6)),
    range('lastWeek', 'Last week', addDays(monday, -7), addDays(monday, -1)),
    range('thisMonth', 'This month', firstOfMonth, addDays(addMonths(firstOfMonth, 1), -1)),
    range('last30Days', 'Last 30 days', addDays(today, -29), today),
    range('last8Weeks', 'Last 8 weeks', addDays(monday, -7 * (TREND_WEEKS - 1)), addDays(monday, 6)),
  ];
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A local day typed by the lead, `yyyy-MM-dd`, checked to be a real date; null if not. */
export function parseDayInput(text: string): Date | null {
  const trimmed = text.trim();
  if (!DAY_PATTERN.test(trimmed)) return null;
  try {
    const day = parseLocalDate(trimmed);
    return toLocalDate(day) === trimmed ? day : null;
  } catch {
    return null; // 2024-02-30 and the like
  }
}

/** Why a typed day cannot be used, or null when it can (for the input box's validation). */
export function dayInputProblem(text: string, notBefore?: string): string | null {
  const day = parseDayInput(text);
  if (!day) return 'A day as YYYY-MM-DD, for example 2026-11-02';
  if (notBefore !== undefined && toLocalDate(day) < notBefore) return `Not before the first day, ${notBefore}`;
  return null;
}

/** Any range of local days, both included, as typed by the lead; null unless both are days and in order. */
export function customRange(first: string, last: string): ExportRange | null {
  const a = parseDayInput(first);
  const b = parseDayInput(last);
  if (!a || !b || toLocalDate(a) > toLocalDate(b)) return null;
  return range('custom', 'Custom range', a, b);
}

/**
 * The CSV of the time inside `range`, meetings included. Overlaps are resolved (and meetings
 * credited) over all the entries first, as the balance report does, and the day segments are
 * then cut at the range's edges (local midnights), so an entry that began the evening before
 * contributes only its part inside the range.
 */
export function rangeCsv(entries: readonly TimeEntry[], range: ExportRange, now: number, meetings?: MeetingCredit): { csv: string; rows: number } {
  const inside = splitByLocalDay(entries, now, meetings)
    .map((seg) => ({ ...seg, start: Math.max(seg.start, range.from), end: Math.min(seg.end, range.to) }))
    .filter((seg) => seg.end > seg.start);
  return { csv: daySegmentsToCsv(inside, entries, meetings), rows: inside.length };
}
