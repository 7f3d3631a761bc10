import { differenceInCalendarDays, getDay } from 'date-fns';

/** Working days as JavaScript numbers them (0 = Sunday … 6 = Saturday); the default week. */
export const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

export function isWorkingDay(day: number | Date, workingDays: readonly number[]): boolean {
  return workingDays.includes(getDay(day));
}

/** How many local calendar days from `first` to `last`, both included, are working days. */
export function countWorkingDays(first: number | Date, last: number | Date, workingDays: readonly number[]): number {
  const dayCount = differenceInCalendarDays(last, first) + 1;
  if (dayCount <= 0) return 0;
  const perWeek = new Set(workingDays.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6));
  // Whole weeks contribute the same count each, so only the remainder is walked.
  const wholeWeeks = Math.floor(dayCount / 7);
  let count = wholeWeeks * perWeek.size;
  const firstWeekday = getDay(first);
  for (let i = wholeWeeks * 7; i < dayCount; i++) if (perWeek.has((firstWeekday + i) % 7)) count++;
  return count;
}
