import { addDays, endOfISOWeek, nextFriday, nextMonday } from 'date-fns';
import { displayDates } from './displayDates';
import { parseLocalDate, parseLocalDateOrNull, toLocalDate } from './localDate';

/** Due dates are local calendar days, `yyyy-MM-dd`: "due Friday" means all of Friday. */
export interface DueChoice {
  /** `Today`, `Tomorrow`, Friday's name in `locale` (`Freitag`), `Next week`. */
  readonly label: string;
  readonly date: string;
}

export type DueBucket = 'overdue' | 'today' | 'this-week' | 'later' | 'none';

/**
 * The quick picks offered when delegating: today, tomorrow, Friday (this week's, or next
 * week's from Friday on), and next week (the coming Monday).
 */
export function quickDueChoices(now: number, locale: string): DueChoice[] {
  const friday = toLocalDate(nextFriday(now));
  return [
    { label: 'Today', date: toLocalDate(now) },
    { label: 'Tomorrow', date: toLocalDate(addDays(now, 1)) },
    // date-fns' nextFriday/nextMonday are strictly after the given day, as wanted here.
    { label: displayDates(locale).weekday(parseLocalDate(friday)), date: friday },
    { label: 'Next week', date: toLocalDate(nextMonday(now)) },
  ];
}

/** Overdue once the due day has ended locally; a task due today is not overdue yet. */
export function isOverdue(due: string | null | undefined, now: number): boolean {
  return dueBucket(due, now) === 'overdue';
}

/** 'this-week' runs to the end of Sunday (ISO week); an unreadable date counts as none. */
export function dueBucket(due: string | null | undefined, now: number): DueBucket {
  const day = due ? parseLocalDateOrNull(due) : null;
  if (day === null) return 'none';
  const today = toLocalDate(now);
  // `yyyy-MM-dd` strings order like the days they name.
  const dueDate = toLocalDate(day);
  if (dueDate < today) return 'overdue';
  if (dueDate === today) return 'today';
  return dueDate <= toLocalDate(endOfISOWeek(now)) ? 'this-week' : 'later';
}
