import { subDays } from 'date-fns';
import { isLocalDate, parseLocalDate, toLocalDate } from './localDate';
import { isWorkingDay, MONDAY_TO_FRIDAY } from './workingDays';

/** Item ids seen in each Morning Review section (notifications, runs, incidents, …). */
export type SeenIds<Section extends string = string> = Partial<Record<Section, readonly string[]>>;

/**
 * What changed since the last review: per section of `current`, the ids not seen last time, in
 * their current order. A section that did not exist last time is all new.
 */
export function diffSeen<Section extends string>(
  previousSeen: SeenIds<Section>,
  current: SeenIds<Section>,
): Record<Section, string[]> {
  const changed = {} as Record<Section, string[]>;
  for (const section of Object.keys(current) as Section[]) {
    const seen = new Set(previousSeen[section] ?? []);
    changed[section] = [...new Set(current[section] ?? [])].filter((id) => !seen.has(id));
  }
  return changed;
}

/**
 * Days in a row with a saved review, counting back from today. Working days make the chain: a
 * missed working day breaks it. A non-working day never breaks it, and counts when the lead did
 * review on it (a review on a Saturday is a review; it must not read "Streak: 0"). Today without
 * a review does not break the streak either — the day is not over — it just does not count yet.
 */
export function reviewStreak(
  reviewDates: readonly string[],
  today: string,
  workingDays: readonly number[] = MONDAY_TO_FRIDAY,
): number {
  const reviewed = new Set(reviewDates.filter(isLocalDate));
  if (reviewed.size === 0) return 0;
  const hasWorkingDay = workingDays.some((d) => d >= 0 && d <= 6);
  let day = parseLocalDate(today);
  let streak = reviewed.has(today) ? 1 : 0;
  // Each further step either counts a distinct reviewed date or skips a non-working day, so the
  // walk ends within a week of the earliest review. With no working day at all, every day is
  // treated as one (nothing else could ever end the chain).
  for (;;) {
    day = subDays(day, 1);
    const date = toLocalDate(day);
    if (reviewed.has(date)) {
      streak++;
      continue;
    }
    if (hasWorkingDay && !isWorkingDay(day, workingDays)) continue;
    return streak;
  }
}
