/** The numbers the Time Balance panel shows, built on the host. Pure: unit tested in plain Node. */
import { addDays, format, startOfISOWeek } from 'date-fns';
import { balanceAgainstTarget, type Balance } from '../core/balance';
import { parseLocalDate, toLocalDate } from '../core/localDate';
import type { Mode, TimeEntry } from '../core/timeEntry';
import { splitByLocalDay, sumTotals, weekTotals } from '../core/timeline';

export interface DayBar {
  /** `yyyy-MM-dd`. */
  readonly date: string;
  /** `Mon 6`. */
  readonly label: string;
  readonly technicalMs: number;
  readonly managerialMs: number;
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
  readonly entries: readonly EntryRow[];
  /** `10:42`. */
  readonly updated: string;
}

/** The ISO week (Monday 00:00 to the next Monday 00:00, local) containing `now`. */
export function weekRange(now: number): { from: number; to: number } {
  const monday = startOfISOWeek(now);
  return { from: monday.getTime(), to: parseLocalDate(toLocalDate(addDays(monday, 7))).getTime() };
}

export function buildBalanceReport(entries: readonly TimeEntry[], now: number, targetPercent: number): BalanceReport {
  const target = Number.isFinite(targetPercent) ? targetPercent : 60;
  const week = weekTotals(entries, now, now);
  const todayDate = toLocalDate(now);
  const days = week.days.map((d): DayBar => ({
    date: d.date,
    label: format(parseLocalDate(d.date), 'EEE d'),
    technicalMs: d.technical,
    managerialMs: d.managerial,
    isToday: d.date === todayDate,
  }));
  const todayTotals = week.days.find((d) => d.date === todayDate) ?? { technical: 0, managerial: 0 };
  const notes = new Map(entries.map((e) => [e.id, e]));
  const rows = splitByLocalDay(entries, now)
    .filter((seg) => seg.date === todayDate)
    .map((seg): EntryRow => {
      const entry = notes.get(seg.entryId);
      const running = entry !== undefined && entry.end === null && seg.end >= now;
      return {
        entryId: seg.entryId,
        start: format(seg.start, 'HH:mm'),
        end: running ? null : format(seg.end, 'HH:mm'),
        mode: seg.mode,
        durationMs: seg.end - seg.start,
        note: entry?.note ?? '',
      };
    });
  const first = parseLocalDate(week.weekStart);
  const last = addDays(first, 6);
  return {
    todayLabel: format(now, 'EEEE d MMMM'),
    weekLabel: `${format(first, first.getMonth() === last.getMonth() ? 'd' : 'd MMM')} – ${format(last, 'd MMM yyyy')}`,
    days,
    targetPercent: Math.min(100, Math.max(0, target)),
    today: balanceAgainstTarget(todayTotals, target),
    week: balanceAgainstTarget(sumTotals(week.days), target),
    entries: rows,
    updated: format(now, 'HH:mm'),
  };
}
