import { displayDates } from './displayDates';

/** `14:05`, local, 24-hour, in the display language's digits: one way to show a time of day everywhere (notices, status, tooltips). */
export function formatClock(instant: number | Date, locale: string): string {
  return displayDates(locale).time(instant);
}
