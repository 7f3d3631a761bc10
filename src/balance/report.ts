/** The numbers the Time Balance panel shows, built on the host. Pure: unit tested in plain Node. */
import { addDays, startOfISOWeek } from 'date-fns';
import { format } from '../core/dateFormat';
import { balanceAgainstTarget, type Balance } from '../core/balance';
import { parseLocalDate, startOfNextLocalDay, toLocalDate } from '../core/localDate';
import { meetingTitles } from '../core/calendarTime';
import type { Mode, TimeEntry } from '../core/timeEntry';
import { effectiveEnd, isMeeting, MEETING_ENTRY_ID, spansWithin, splitByLocalDay, sumTotals, weekTotals, type MeetingCredit, type TimeSource } from '../core/timeline';
import { managerialByTag, trendRange, weeklyTrend, type TrendWeek } from '../core/trend';
import { formatClock } from '../core/clock';

export interface DayBar {
  /** `yyyy-MM-dd`. */
  readonly date: string;
  /** `Mon 6`. */
  readonly label: string;
  readonly technicalMs: number;
  readonly managerialMs: number;
  /** The part of `managerialMs` that meetings from a connected calendar make up. */
  readonly meetingMs: number;
  readonly isToday: boolean;
}

/** One stretch of today's time, after overlaps are resolved (so the rows add up to the total). */
export interface EntryRow {
  readonly entryId: string;
  /** `HH:mm`, the host's local time. */
  readonly start: string;
  /** `HH:mm`, or `null` while the entry runs. */
  readonly end: string | null;
  readonly mode: Mode;
  readonly durationMs: number;
  readonly note: string;
  /** What made the timer start this entry by itself (`edits`, `review-queue`…), or null. */
  readonly auto: string | null;
  /** `calendar` for a meeting (its note: the meetings' titles, when kept). */
  readonly source: TimeSource;
}

/** One week of the trend, as the chart draws it. */
export interface TrendBar extends TrendWeek {
  /** `17 Nov`. */
  readonly label: string;
}

/** Managerial time with one note tag: this week and over the whole trend. */
export interface TagRow {
  readonly tag: string;
  readonly weekMs: number;
  readonly trendMs: number;
}

export interface BalanceReport {
  /** `Wednesday 8 May`. */
  readonly todayLabel: string;
  /** `6 – 12 May 2024`. */
  readonly weekLabel: string;
  /** Monday to Sunday. */
  readonly days: readonly DayBar[];
  readonly targetPercent: number;
  readonly today: Balance;
  readonly week: Balance;
  /** Meeting time today and this week (part of the managerial time). */
  readonly meetings: { readonly todayMs: number; readonly weekMs: number };
  readonly entries: readonly EntryRow[];
  /** The last 8 weeks, oldest first, this week last. */
  readonly trend: readonly TrendBar[];
  /** `6 Oct – 30 Nov 2025`. */
  readonly trendLabel: string;
  /** Managerial time by the first `#tag` of each entry's note; untagged time is `other`, last. */
  readonly tags: readonly TagRow[];
  /** `10:42`. */
  readonly updated: string;
}

/** The ISO week (Monday 00:00 to the next Monday 00:00, local) containing `now`. */
export function weekRange(now: number): { from: number; to: number } {
  const monday = startOfISOWeek(now);
  return { from: monday.getTime(), to: parseLocalDate(toLocalDate(addDays(monday, 7))).getTime() };
}

/**
 * What the panel reads from the store: the 8 weeks of the trend, which hold this week too. The
 * store opens only the month shards the range needs (see TimeStore.entriesBetween).
 */
export function reportRange(now: number): { from: number; to: number } {
  return trendRange(now);
}

/**
 * `entries` should cover `reportRange(now)`; entries outside it are ignored. `meetings`: the
 * connected calendars' meetings, credited as managerial time by their overlap rule.
 */
export function buildBalanceReport(entries: readonly TimeEntry[], now: number, targetPercent: number, meetings?: MeetingCredit): BalanceReport {
  const target = Number.isFinite(targetPercent) ? targetPercent : 60;
  const week = weekTotals(entries, now, now, meetings);
  const todayDate = toLocalDate(now);
  const days = week.days.map((d): DayBar => ({
    date: d.date,
    label: format(parseLocalDate(d.date), 'EEE d'),
    technicalMs: d.technical,
    managerialMs: d.managerial,
    meetingMs: d.meetings,
    isToday: d.date === todayDate,
  }));
  const todayTotals = week.days.find((d) => d.date === todayDate) ?? { technical: 0, managerial: 0, meetings: 0 };
  const notes = new Map(entries.map((e) => [e.id, e]));
  // Only entries that touch today can hold today's segments (the report gets 8 weeks of them).
  const dayStart = parseLocalDate(todayDate).getTime();
  const dayEnd = startOfNextLocalDay(dayStart).getTime();
  const touchingToday = entries.filter((e) => e.start < dayEnd && effectiveEnd(e, now) > dayStart);
  const todaySpans = spansWithin(meetings, dayStart, dayEnd, now);
  const rows = splitByLocalDay(touchingToday, now, meetings && { ...meetings, spans: todaySpans })
    .filter((seg) => seg.date === todayDate)
    .map((seg): EntryRow => {
      if (isMeeting(seg)) {
        const running = seg.end >= now;
        return {
          entryId: MEETING_ENTRY_ID, start: formatClock(seg.start), end: running ? null : formatClock(seg.end), mode: seg.mode,
          durationMs: seg.end - seg.start, note: meetingTitles(todaySpans, seg.start, seg.end), auto: null, source: 'calendar',
        };
      }
      const entry = notes.get(seg.entryId);
      const running = entry !== undefined && entry.end === null && seg.end >= now;
      return {
        entryId: seg.entryId,
        start: formatClock(seg.start),
        end: running ? null : formatClock(seg.end),
        mode: seg.mode,
        durationMs: seg.end - seg.start,
        note: entry?.note ?? '',
        auto: entry?.auto ?? null,
        source: 'timer',
      };
    });
  const trend = weeklyTrend(entries, now, meetings).map((w): TrendBar => ({ ...w, label: format(parseLocalDate(w.weekStart), 'd MMM') }));
  const trendFirst = parseLocalDate(trend[0]!.weekStart);
  const trendLast = addDays(parseLocalDate(trend[trend.length - 1]!.weekStart), 6);
  const tags = managerialByTag(entries, [weekRange(now), trendRange(now)], now, meetings)
    .map((t): TagRow => ({ tag: t.tag, weekMs: t.ms[0]!, trendMs: t.ms[1]! }));
  const first = parseLocalDate(week.weekStart);
  const last = addDays(first, 6);
  return {
    todayLabel: format(now, 'EEEE d MMMM'),
    weekLabel: `${format(first, first.getMonth() === last.getMonth() ? 'd' : 'd MMM')} – ${format(last, 'd MMM yyyy')}`,
    days,
    targetPercent: Math.min(100, Math.max(0, target)),
    today: balanceAgainstTarget(todayTotals, target),
    week: balanceAgainstTarget(sumTotals(week.days), target),
    meetings: { todayMs: todayTotals.meetings, weekMs: week.meetings },
    entries: rows,
    trend,
    trendLabel: `${format(trendFirst, trendFirst.getFullYear() === trendLast.getFullYear() ? 'd MMM' : 'd MMM yyyy')} – ${format(trendLast, 'd MMM yyyy')}`,
    tags,
    updated: formatClock(now),
  };
}
