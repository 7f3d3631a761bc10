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
 * Consecutive working days, counting back from today, with a saved review. Today without a
 * review does not break the streak — the day is not over — it just does not count yet.
 * Non-working days are skipped: they neither count nor break it.
 */
export function reviewStreak(
  reviewDates: readonly string[],
  today: string,
  workingDays: readonly number[] = MONDAY_TO_FRIDAY,
): number {
  const reviewed = new Set(reviewDates.filter(isLocalDate));
  if (reviewed.size === 0 || !workingDays.some((d) => d >= 0 && d <= 6)) return 0;
  let day = parseLocalDate(today);
  let streak = 0;
  if (isWorkingDay(day, workingDays) && reviewed.has(today)) streak++;
  // Each further counted day must be a distinct reviewed date, so the walk ends within a week
  // of the earliest review.
  for (;;) {
    day = subDays(day, 1);
    if (!isWorkingDay(day, workingDays)) continue;
    if (!reviewed.has(toLocalDate(day))) return streak;
    streak++;
  }
}
