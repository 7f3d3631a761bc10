/**
 * The balance over time: technical share and hours per ISO week for the last weeks, and the
 * managerial time broken down by the tag in each entry's note (meetings from a calendar as their
 * own row). Pure: unit tested in plain Node.
 */
import { addDays, startOfISOWeek } from 'date-fns';
import { parseLocalDate, toLocalDate } from './localDate';
import type { TimeEntry } from './timeEntry';
import { creditedSegments, effectiveEnd, isMeeting, spansWithin, type MeetingCredit } from './timeline';

/** How many weeks the trend shows, this one included. */
export const TREND_WEEKS = 8;

/** Less than this in a week (seconds on a Monday morning) has no share worth drawing: "0m". */
const MIN_SHARE_MS = 60_000;

export interface TrendWeek {
  /** The Monday that starts the week, `yyyy-MM-dd`. */
  readonly weekStart: string;
  readonly technicalMs: number;
  readonly managerialMs: number;
  /** Technical share of the week's time, 0–100; null for a week with less than a minute tracked. */
  readonly technicalPercent: number | null;
  /** Time in entries the timer started by itself ({@link Settings.autoMode} (switch)). */
  readonly automaticMs: number;
  /** The part of `managerialMs` that meetings from a connected calendar make up. */
  readonly meetingMs: number;
  readonly isThisWeek: boolean;
}

/** `[from, to)` in epoch ms: the Monday `weeks - 1` weeks before this week's, to next Monday (local). */
export function trendRange(now: number, weeks = TREND_WEEKS): { from: number; to: number } {
  const monday = startOfISOWeek(now);
  return {
    from: parseLocalDate(toLocalDate(addDays(monday, -7 * (weeks - 1)))).getTime(),
    to: parseLocalDate(toLocalDate(addDays(monday, 7))).getTime(),
  };
}

/**
 * Oldest week first, this week last; weeks without time are there, as zeros. Overlaps are
 * resolved as everywhere else, then each stretch is cut at the local Mondays between them
 * (week edges are day edges, so this equals summing the days, without a date per segment).
 */
export function weeklyTrend(entries: readonly TimeEntry[], now: number, meetings?: MeetingCredit, weeks = TREND_WEEKS): TrendWeek[] {
  const firstMonday = addDays(startOfISOWeek(now), -7 * (weeks - 1));
  const starts: string[] = [];
  const edges: number[] = [];
  for (let i = 0; i <= weeks; i++) {
    const day = toLocalDate(addDays(firstMonday, 7 * i));
    starts.push(day);
    edges.push(parseLocalDate(day).getTime());
  }
  const from = edges[0]!;
  const to = edges[weeks]!;
  const relevant = entries.filter((e) => e.start < to && effectiveEnd(e, now) > from);
  const automatic = new Set(relevant.filter((e) => e.auto !== undefined).map((e) => e.id));
  const totals = starts.slice(0, weeks).map(() => ({ technical: 0, managerial: 0, automatic: 0, meetings: 0 }));
  const credit = meetings && { ...meetings, spans: spansWithin(meetings, from, to, now) };
  let week = 0;
  // Segments come sorted by start, so the week index only moves forward.
  for (const seg of creditedSegments(relevant, now, credit)) {
    let start = Math.max(seg.start, from);
    const end = Math.min(seg.end, to);
    while (week > 0 && edges[week]! > start) week--;
    while (start < end) {
      while (edges[week + 1]! <= start) week++;
      const stop = Math.min(end, edges[week + 1]!);
      const t = totals[week]!;
      t[seg.mode] += stop - start;
      if (isMeeting(seg)) t.meetings += stop - start;
      else if (automatic.has(seg.entryId)) t.automatic += stop - start;
      start = stop;
    }
  }
  const thisWeek = toLocalDate(startOfISOWeek(now));
  return totals.map((t, i) => {
    const total = t.technical + t.managerial;
    return {
      weekStart: starts[i]!,
      technicalMs: t.technical,
      managerialMs: t.managerial,
      technicalPercent: total >= MIN_SHARE_MS ? (t.technical * 100) / total : null,
      automaticMs: t.automatic,
      meetingMs: t.meetings,
      isThisWeek: starts[i] === thisWeek,
    };
  });
}

/** What an entry without a tag counts as in the managerial breakdown. */
export const UNTAGGED = 'other';
/** What meetings from a connected calendar count as in the managerial breakdown (tags start with `#`). */
export const MEETINGS_TAG = 'meetings';

// `#` then a letter or digit, then letters, digits and `: _ - / .` (`#1:1`, `#review`, `#hiring/eng`).
const TAG = /(?:^|[\s([,;])#([\p{L}\p{N}][\p{L}\p{N}:_\-/.]*)/u;

/**
 * The tag of a note: its first `#word`, lower-cased, without trailing punctuation
 * (`"#1:1 with Mira"` → `#1:1`, `"Prep #Hiring."` → `#hiring`); null when it has none.
 */
export function noteTag(note: string | undefined): string | null {
  if (!note) return null;
  const match = TAG.exec(note);
  if (!match) return null;
  const tag = match[1]!.replace(/[:_\-/.]+$/u, '').toLowerCase();
  return tag ? `#${tag}` : null;
}

export interface TagTotal {
  /** `#review`, or `other` for managerial time without a tag. */
  readonly tag: string;
  /** Managerial time with this tag in each of the ranges asked for, in their order. */
  readonly ms: readonly number[];
}

/**
 * Managerial time per note tag, in each of `ranges` (say, this week and the 8 weeks), after
 * overlaps are resolved so the parts add up to the managerial totals. Sorted by the time in the
 * last range, largest first; `other` comes last.
 */
export function managerialByTag(
  entries: readonly TimeEntry[], ranges: readonly { from: number; to: number }[], now: number, meetings?: MeetingCredit,
): TagTotal[] {
  const low = Math.min(...ranges.map((r) => r.from));
  const high = Math.max(...ranges.map((r) => r.to));
  const relevant = entries.filter((e) => e.start < high && effectiveEnd(e, now) > low);
  const tags = new Map(relevant.map((e) => [e.id, noteTag(e.note) ?? UNTAGGED]));
  const credit = meetings && { ...meetings, spans: spansWithin(meetings, low, high, now) };
  const totals = new Map<string, number[]>();
  for (const seg of creditedSegments(relevant, now, credit)) {
    if (seg.mode !== 'managerial') continue;
    const tag = isMeeting(seg) ? MEETINGS_TAG : tags.get(seg.entryId) ?? UNTAGGED;
    const row = totals.get(tag) ?? ranges.map(() => 0);
    ranges.forEach((r, i) => { row[i]! += Math.max(0, Math.min(seg.end, r.to) - Math.max(seg.start, r.from)); });
    totals.set(tag, row);
  }
  const last = ranges.length - 1;
  return [...totals]
    .filter(([, ms]) => ms.some((x) => x > 0))
    .map(([tag, ms]) => ({ tag, ms }))
    .sort((a, b) => Number(a.tag === UNTAGGED) - Number(b.tag === UNTAGGED) || b.ms[last]! - a.ms[last]! || a.tag.localeCompare(b.tag));
}
