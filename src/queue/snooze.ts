/** Which snooze dates the queue accepts. Pure: unit tested in plain Node. */
import { addDays, differenceInCalendarDays } from 'date-fns';
import { parseLocalDateOrNull, toLocalDate } from '../core/localDate';

/** A snooze longer than this is a forgotten review, not a postponed one. */
export const MAX_SNOOZE_DAYS = 90;

/** Tomorrow and the last day allowed, as `yyyy-MM-dd` in the local calendar. */
export function snoozeBounds(now: number): { min: string; max: string } {
  return { min: toLocalDate(addDays(now, 1)), max: toLocalDate(addDays(now, MAX_SNOOZE_DAYS)) };
}

/**
 * The instant a snooze until `date` ends (the start of that local day), or `null` when the date
 * is malformed, not after today, or more than `MAX_SNOOZE_DAYS` away.
 */
export function snoozeUntil(date: string, now: number): number | null {
  const day = parseLocalDateOrNull(date);
  if (day === null) return null;
  const days = differenceInCalendarDays(day, now);
  return days >= 1 && days <= MAX_SNOOZE_DAYS ? day.getTime() : null;
}
