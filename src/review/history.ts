/** The review history as the header shows it: the last ten reviews and the streak. Pure. */
import { toLocalDate } from '../core/localDate';
import { reviewStreak } from '../core/morningReview';
import { isWorkingDay } from '../core/workingDays';
import type { MorningReview } from '../store/reviewHistoryStore';
import { dayAndTime } from './format';
import type { HistoryRow } from './protocol';

export const HISTORY_ROWS = 10;
/** Enough reviews for any streak a person keeps up (the streak walks back one working day at a time). */
export const STREAK_LOOKBACK = 400;

export interface HistoryView {
  readonly streak: number;
  readonly rows: HistoryRow[];
  readonly lastReview: string | null;
}

/** `reviews` newest first, as `ReviewHistoryStore.list` returns them. */
export function historyView(reviews: readonly MorningReview[], now: number, workingDays: readonly number[], locale: string): HistoryView {
  const streak = reviewStreak(reviews.map((r) => toLocalDate(r.finishedAt)), toLocalDate(now), workingDays);
  const rows = reviews.slice(0, HISTORY_ROWS).map((r): HistoryRow => {
    const sections = Object.values(r.sections);
    return {
      id: r.id,
      when: dayAndTime(r.finishedAt, locale),
      checked: sections.filter((s) => s.checked).length,
      notes: sections.filter((s) => typeof s.notes === 'string' && s.notes.trim() !== '').length,
    };
  });
  return { streak, rows, lastReview: reviews[0] ? dayAndTime(reviews[0].finishedAt, locale) : null };
}

/** Whether a review was finished on the local day of `now`. */
export function reviewedToday(latest: MorningReview | null, now: number): boolean {
  return latest !== null && toLocalDate(latest.finishedAt) === toLocalDate(now);
}

/** Whether a reminder is due at `now`: pure, for tests. */
export function reminderDue(opts: { reminderTime: string; workingDays: readonly number[]; now: number; reviewedToday: boolean; remindedOn: string | undefined }): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(opts.reminderTime);
  if (!m || opts.reviewedToday || opts.remindedOn === toLocalDate(opts.now)) return false;
  if (!isWorkingDay(opts.now, opts.workingDays)) return false;
  const at = new Date(opts.now);
  at.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return opts.now >= at.getTime();
}
