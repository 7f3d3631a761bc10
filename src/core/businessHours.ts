import { getDay, set, startOfDay } from 'date-fns';
import { startOfNextLocalDay } from './localDate';
import { MONDAY_TO_FRIDAY } from './workingDays';

/** The working week in local time. */
export interface BusinessHours {
  /** Working days, 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
  /** `HH:mm`, local. */
  readonly start: string;
  /** `HH:mm`, local, after `start`; `24:00` means the end of the day. */
  readonly end: string;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { days: MONDAY_TO_FRIDAY, start: '09:00', end: '17:00' };

export type SlaState = 'ok' | 'due-soon' | 'breached';

/** The share of the SLA after which a review is flagged as due soon. */
export const DUE_SOON_FRACTION = 0.75;

const CLOCK_TIME = /^(\d{2}):(\d{2})$/;

/**
 * Milliseconds of business time between two instants: the parts of [from, to) that fall on a
 * working day between `start` and `end` local time. Working hours are placed on each local day by
 * wall-clock time, so a DST day still has 09:00–17:00 (8 hours), and nights and weekends count 0.
 */
export function businessMsBetween(from: number, to: number, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): number {
  if (!(to > from)) return 0;
  const open = parseClockTime(hours.start);
  const close = parseClockTime(hours.end);
  if (close <= open) return 0;
  const days = new Set(hours.days);
  let total = 0;
  for (let day = startOfDay(from); day.getTime() < to; day = startOfNextLocalDay(day)) {
    if (!days.has(getDay(day))) continue;
    const windowStart = atClockTime(day, open);
    const windowEnd = atClockTime(day, close);
    total += Math.max(0, Math.min(to, windowEnd) - Math.max(from, windowStart));
  }
  return total;
}

/**
 * `from => businessMsBetween(from, now, hours)` for one `now` and many `from`, as one refresh of the
 * inbox asks it: each local day's business time up to `now` is counted once and kept, so the waits
 * of 500 reviews over two weeks cost a few day-walks instead of 500. Same answers as
 * `businessMsBetween` (the days are split at local midnight, where its windows already are).
 */
export function businessMsUntil(now: number, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): (from: number) => number {
  /** Local day start → business ms from it to `now`. */
  const fromDayStart = new Map<number, number>();
  const sinceDayStart = (day: number): number => {
    // Walk forward to a day already counted (or today), then fill the days walked, latest first.
    const walked: number[] = [];
    let d = day;
    let rest: number;
    for (;;) {
      const known = fromDayStart.get(d);
      if (known !== undefined) { rest = known; break; }
      const next = startOfNextLocalDay(new Date(d)).getTime();
      if (next >= now) { rest = businessMsBetween(d, now, hours); fromDayStart.set(d, rest); break; }
      walked.push(d);
      d = next;
    }
    for (let i = walked.length - 1; i >= 0; i--) {
      rest += businessMsBetween(walked[i]!, walked[i + 1] ?? d, hours);
      fromDayStart.set(walked[i]!, rest);
    }
    return rest;
  };
  return (from) => {
    if (!(now > from)) return 0;
    const next = startOfNextLocalDay(startOfDay(from)).getTime();
    return next >= now ? businessMsBetween(from, now, hours) : businessMsBetween(from, next, hours) + sinceDayStart(next);
  };
}

/**
 * The working hours of the local day holding `instant` ([open, close) as instants), or null when
 * it is not a working day or the hours are empty. Placed by wall-clock time, as above.
 */
export function workingHoursOn(instant: number, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): { start: number; end: number } | null {
  const day = startOfDay(instant);
  if (!hours.days.includes(getDay(day))) return null;
  const open = parseClockTime(hours.start);
  const close = parseClockTime(hours.end);
  if (close <= open) return null;
  return { start: atClockTime(day, open), end: atClockTime(day, close) };
}

/** `due-soon` from 75% of the SLA, `breached` from 100%. An SLA of 0 hours or less means none. */
export function slaState(waitingBusinessMs: number, slaHours: number): SlaState {
  if (!(slaHours > 0)) return 'ok';
  const used = waitingBusinessMs / (slaHours * 3_600_000);
  return used >= 1 ? 'breached' : used >= DUE_SOON_FRACTION ? 'due-soon' : 'ok';
}

/** Minutes after midnight for `HH:mm` (00:00–24:00). */
export function parseClockTime(value: string): number {
  const match = CLOCK_TIME.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || minutes > 24 * 60) throw new RangeError(`Not an HH:mm time: ${JSON.stringify(value)}`);
  return minutes;
}

function atClockTime(day: Date, minutesAfterMidnight: number): number {
  // 24:00 is the next day's start, which is not always 24 hours later.
  if (minutesAfterMidnight === 24 * 60) return startOfNextLocalDay(day).getTime();
  return set(day, { hours: Math.floor(minutesAfterMidnight / 60), minutes: minutesAfterMidnight % 60, seconds: 0, milliseconds: 0 }).getTime();
}
