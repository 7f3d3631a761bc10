import { addDays, lightFormat, startOfDay } from 'date-fns';

/**
 * Local calendar days as `yyyy-MM-dd` strings. Stored data keeps UTC instants; a day string is
 * only ever derived from an instant in the process's time zone (date-fns reads `process.env.TZ`).
 */
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toLocalDate(instant: number | Date): string {
  return lightFormat(instant, 'yyyy-MM-dd');
}

export function isLocalDate(value: unknown): value is string {
  return typeof value === 'string' && parseLocalDateOrNull(value) !== null;
}

/** The first instant of the local day (usually midnight; 01:00 where DST skips midnight). */
export function parseLocalDate(date: string): Date {
  const day = parseLocalDateOrNull(date);
  if (day === null) throw new RangeError(`Not a yyyy-MM-dd date: ${JSON.stringify(date)}`);
  return day;
}

export function parseLocalDateOrNull(date: string): Date | null {
  const match = LOCAL_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(2000, 0, 1);
  // setFullYear, because the Date constructor maps years 0–99 to 1900–1999.
  parsed.setFullYear(year, month - 1, day);
  // Reject roll-overs such as 2024-02-30 becoming March 1st.
  if (parsed.getFullYear() !== year || parsed.getMonth() !== month - 1 || parsed.getDate() !== day) return null;
  return startOfDay(parsed);
}

/** The first instant of the local day after `day`; 23 or 25 hours later on DST days. */
export function startOfNextLocalDay(day: number | Date): Date {
  // startOfDay again because addDays keeps the wall time, which may not exist on the next day.
  return startOfDay(addDays(startOfDay(day), 1));
}
