import ICAL from 'ical.js';
import type { Meeting, MeetingRules, TimeWindow } from './calendar';
import { zonedWallTimeToInstant } from './calendarZones';

/** The calendar text is not iCalendar (or not a VCALENDAR): the last good calendar stays. */
export class CalendarParseError extends Error {
  override readonly name = 'CalendarParseError';
}

/** A parsed calendar, ready to expand into any window. */
export interface ParsedCalendar {
  /** Events grouped by UID: the series (if any) with its overrides related to it. */
  readonly events: readonly ICAL.Event[];
  /** Overrides whose RECURRENCE-ID the series may not reach inside a window (they are checked on their own). */
  readonly overrides: readonly ICAL.Event[];
}

/** A daily series from years ago is walked from its start; past this many steps a series stops. */
const MAX_STEPS_PER_SERIES = 50_000;

/** Parses iCalendar text (RFC 5545) with ical.js. Throws {@link CalendarParseError} when it is not one. */
export function parseCalendar(text: string): ParsedCalendar {
  if (!text.trim()) throw new CalendarParseError('Not an iCalendar file: it is empty');
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw new CalendarParseError(`Not an iCalendar file: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (root.name !== 'vcalendar') throw new CalendarParseError(`Not an iCalendar file: it starts with ${root.name.toUpperCase()}, not VCALENDAR`);
  const series = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Component[] = [];
  const singles: ICAL.Event[] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    const uid = String(component.getFirstPropertyValue('uid') ?? '');
    if (component.hasProperty('recurrence-id')) exceptions.push(component);
    else if (uid && !series.has(uid)) series.set(uid, eventOf(component));
    else singles.push(eventOf(component));
  }
  const overrides: ICAL.Event[] = [];
  for (const component of exceptions) {
    const master = series.get(String(component.getFirstPropertyValue('uid') ?? ''));
    const exception = eventOf(component);
    if (master) {
      master.relateException(exception);
      overrides.push(exception);
    } else {
      // An override whose series is not in the feed (shared single occurrence): an event on its own.
      singles.push(exception);
    }
  }
  return { events: [...series.values(), ...singles], overrides };
}

/**
 * An event with no exceptions related yet: left to itself, ical.js relates every override in the
 * file to every event, whatever its UID.
 */
function eventOf(component: ICAL.Component): ICAL.Event {
  return new ICAL.Event(component, { strictExceptions: true, exceptions: [] });
}

/**
 * The meetings that overlap `window`: every occurrence of every series (RRULE, RDATE, EXDATE,
 * overrides), without all-day events, cancelled ones, ones marked free (TRANSP:TRANSPARENT), ones
 * the lead declined and, unless counted, tentative ones. Sorted by start.
 */
export function expandMeetings(calendar: ParsedCalendar, window: TimeWindow, rules: MeetingRules): Meeting[] {
  const myEmails = new Set(rules.myEmails.map((e) => e.trim().toLowerCase()).filter(Boolean));
  const meetings: Meeting[] = [];
  const seen = new Set<string>();
  // ical.js builds new objects on every property read: what the occurrences of an event share
  // (its zone, status, attendees, title) is read once per event, not once per occurrence.
  const factsByEvent = new Map<ICAL.Event, EventFacts>();
  const factsOf = (event: ICAL.Event): EventFacts => {
    let facts = factsByEvent.get(event);
    if (!facts) factsByEvent.set(event, facts = readFacts(event, myEmails, rules.countTentative));
    return facts;
  };
  const add = (event: ICAL.Event, start: ICAL.Time, end: ICAL.Time, recurrenceId: ICAL.Time | undefined): void => {
    const meeting = toMeeting(factsOf(event), start, end, recurrenceId, window);
    if (meeting && !seen.has(meeting.key)) {
      seen.add(meeting.key);
      meetings.push(meeting);
    }
  };
  const addOnItsOwn = (event: ICAL.Event, recurrenceId: ICAL.Time | undefined): void => {
    const facts = factsOf(event);
    add(event, facts.declaredStart, facts.hasEnd ? facts.declaredEnd : event.endDate, recurrenceId);
  };
  for (const event of calendar.events) {
    if (!event.isRecurring()) {
      addOnItsOwn(event, event.isRecurrenceException() ? event.recurrenceId : undefined);
      continue;
    }
    const seriesStart = factsOf(event).declaredStart;
    const seriesLength = instantOf(event.endDate, seriesStart) - instantOf(seriesStart, seriesStart);
    // A series without overrides: each occurrence lasts the series' duration, as ical.js's
    // getOccurrenceDetails would say, without its per-occurrence lookups (two strings, a zone
    // conversion and the duration computed again each time).
    const duration = Object.keys(event.exceptions).length === 0 && event.rangeExceptions.length === 0 ? event.duration : undefined;
    const iterator = event.iterator();
    for (let step = 0, next = iterator.next(); next && step < MAX_STEPS_PER_SERIES; step++, next = iterator.next()) {
      // Occurrences of a series share their start's zone: the wall time decides the order.
      const at = instantOf(next, seriesStart);
      if (at >= window.end) break;
      // Wholly before the window, unless an override moved it (overrides are checked below).
      if (at + Math.max(0, seriesLength) <= window.start) continue;
      if (duration) {
        const end = next.clone();
        end.addDuration(duration);
        add(event, next, end, next);
        continue;
      }
      const details = event.getOccurrenceDetails(next);
      add(details.item, details.startDate, details.endDate, details.recurrenceId);
    }
  }
  // An occurrence moved into the window from after it: the walk above stopped before its original time.
  for (const override of calendar.overrides) addOnItsOwn(override, override.recurrenceId);
  return meetings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** What every occurrence of one event shares. */
interface EventFacts {
  /** DTSTART as written: its TZID is the zone of the event's floating times. */
  readonly declaredStart: ICAL.Time;
  /** DTEND as written when there is one (else DTSTART): the zone of its floating end times. */
  readonly declaredEnd: ICAL.Time;
  readonly hasEnd: boolean;
  /** Cancelled, marked free, declined by the lead, or tentative and not counted. */
  readonly notAMeeting: boolean;
  readonly uid: string;
  readonly title: string;
  readonly attendees: readonly string[];
  readonly tentative: boolean;
}

function readFacts(event: ICAL.Event, myEmails: ReadonlySet<string>, countTentative: boolean): EventFacts {
  const component = event.component;
  const declaredStart = event.startDate;
  const hasEnd = component.hasProperty('dtend');
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  const free = String(component.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT';
  const attendees: string[] = [];
  let myAnswer: string | undefined;
  for (const attendee of component.getAllProperties('attendee')) {
    const address = String(attendee.getFirstValue() ?? '').replace(/^mailto:/i, '').trim().toLowerCase();
    if (!address) continue;
    attendees.push(address);
    if (myEmails.has(address)) myAnswer = String(attendee.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase();
  }
  const tentative = status === 'TENTATIVE' || myAnswer === 'TENTATIVE' || myAnswer === 'NEEDS-ACTION';
  return {
    declaredStart,
    declaredEnd: hasEnd ? event.endDate : declaredStart,
    hasEnd,
    notAMeeting: status === 'CANCELLED' || free || myAnswer === 'DECLINED' || (tentative && !countTentative),
    uid: String(component.getFirstPropertyValue('uid') ?? ''),
    title: event.summary ? String(event.summary) : '',
    attendees,
    tentative,
  };
}

function toMeeting(facts: EventFacts, start: ICAL.Time, end: ICAL.Time, recurrenceId: ICAL.Time | undefined, window: TimeWindow): Meeting | undefined {
  // All-day events (holidays, "working from home", out of office) are not meetings.
  if (start.isDate || facts.notAMeeting) return undefined;
  const startMs = instantOf(start, facts.declaredStart);
  const endMs = instantOf(end, facts.declaredEnd);
  if (!(endMs > startMs) || endMs <= window.start || startMs >= window.end) return undefined;
  const original = recurrenceId ? instantOf(recurrenceId, facts.declaredStart) : startMs;
  return {
    key: `${facts.uid}@${original}`,
    start: startMs,
    end: endMs,
    ...(facts.title ? { title: facts.title } : {}),
    ...(facts.attendees.length > 0 ? { attendees: [...facts.attendees] } : {}),
    ...(facts.tentative ? { tentative: true } : {}),
  };
}

/**
 * The instant of a time ical.js read. A zone defined in the file (VTIMEZONE) or UTC is exact.
 * A TZID the file does not define leaves the time floating; `declared` is the property it came
 * from, whose TZID names an IANA or Windows zone (Outlook) converted here; a time with no zone
 * at all is the lead's own local time, as RFC 5545 says of floating times.
 */
function instantOf(time: ICAL.Time, declared: ICAL.Time): number {
  if (time.zone && time.zone.tzid !== 'floating') return time.toUnixTime() * 1000;
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
  const tzid = declaredZone(time) ?? declaredZone(declared);
  const zoned = tzid ? zonedWallTimeToInstant(wall, tzid) : undefined;
  return zoned ?? new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second).getTime();
}

/** The TZID ical.js keeps on a time whose zone the file did not define (not in its typings). */
function declaredZone(time: ICAL.Time): string | undefined {
  const tzid = (time as unknown as { timezone?: unknown }).timezone;
  return typeof tzid === 'string' && tzid ? tzid : undefined;
}
