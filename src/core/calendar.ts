/**
 * Meetings from the lead's calendars, as the rest of Lead Desk sees them. Reading iCalendar text
 * into them is core/calendarParse.ts (with ical.js), shipped in its own file and loaded at the
 * first read (src/calendar/calendarReader.ts).
 */

/** One occurrence of a calendar event the lead spends in a meeting. Times are epoch ms. */
export interface Meeting {
  /** The event's UID plus the occurrence's original start: stable across fetches. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Absent when the lead keeps spans only (the `calendar.keepTitles` setting false). */
  readonly title?: string;
  /** Lower-case e-mail addresses of the attendees (absent with spans only). */
  readonly attendees?: readonly string[];
  readonly tentative?: boolean;
}

/** Several meetings that overlap or touch, counted once. */
export interface MeetingSpan {
  readonly start: number;
  readonly end: number;
  /** How many meetings the span merges. */
  readonly meetings: number;
  /** Titles of those meetings, in start order (only those that kept a title). */
  readonly titles: readonly string[];
}

export interface MeetingRules {
  /** The lead's own addresses: an event one of them declined is not a meeting. */
  readonly myEmails: readonly string[];
  /** Whether tentative events (and invitations not yet answered) count as meetings. */
  readonly countTentative: boolean;
}

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** Overlapping or touching meetings become one span (a meeting is never counted twice). */
export function mergeMeetingSpans(meetings: readonly Meeting[]): MeetingSpan[] {
  const sorted = [...meetings].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const spans: { start: number; end: number; meetings: number; titles: string[] }[] = [];
  for (const meeting of sorted) {
    const last = spans[spans.length - 1];
    if (last && meeting.start <= last.end) {
      last.end = Math.max(last.end, meeting.end);
      last.meetings++;
      if (meeting.title) last.titles.push(meeting.title);
    } else {
      spans.push({ start: meeting.start, end: meeting.end, meetings: 1, titles: meeting.title ? [meeting.title] : [] });
    }
  }
  return spans;
}

/** Meetings without what `keepTitles: false` must not store: titles and attendees. */
export function spansOnly(meetings: readonly Meeting[]): Meeting[] {
  return meetings.map((m) => ({ key: m.key, start: m.start, end: m.end, ...(m.tentative ? { tentative: true } : {}) }));
}
