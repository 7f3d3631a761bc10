/**
 * Calendar text → meetings: the entry point of dist/calendarParser.js, its own file so that
 * ical.js and the zone table (about 85 KB) load at the first calendar read, not at activation.
 * Only plain meetings cross back: the extension never holds ical.js's objects.
 */
import type { Meeting, MeetingRules, TimeWindow } from '../core/calendar';
import { expandMeetings, parseCalendar } from '../core/calendarParse';

/** Parses iCalendar text and expands it into the meetings of `window`; throws CalendarParseError. */
export function readMeetings(text: string, window: TimeWindow, rules: MeetingRules): Meeting[] {
  return expandMeetings(parseCalendar(text), window, rules);
}

export type CalendarReader = typeof readMeetings;
