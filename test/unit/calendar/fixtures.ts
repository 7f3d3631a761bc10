import ical, { ICalAttendeeStatus, ICalEventRepeatingFreq, ICalEventStatus, ICalEventTransparency, type ICalCalendar } from 'ical-generator';

/**
 * ICS fixtures built with ical-generator. Without a date library, ical-generator writes a Date's
 * local fields (the process's zone) as the wall time of the event's `timezone`:
 * `wall('2024-03-25T09:00')` is "09:00 on the wall clock of whatever zone the event names". Call
 * it inside a test, after the test's zone is set (and not at an hour the process's zone skips).
 */
export function wall(local: string): Date {
  const date = new Date(`${local}:00`);
  if (date.getHours() !== Number(local.slice(11, 13))) throw new Error(`fixture: ${local} does not exist in the test's zone`);
  return date;
}

/** Europe/Berlin as its VTIMEZONE (EU rules since 1996), written out the way calendar servers export it. */
export const BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** A calendar whose events are in Europe/Berlin, with the zone defined in the file. */
export function berlinCalendar(): ICalCalendar {
  const calendar = ical({ prodId: '//Lead Desk tests//calendar fixtures//EN' });
  calendar.timezone({ name: 'Europe/Berlin', generator: () => BERLIN_VTIMEZONE });
  return calendar;
}

export const LEAD = 'lead@example.com';

/**
 * The week of 2024-03-25 (after the EU clock change of 2024-03-31 for the series' later weeks):
 * a weekly standup Mon 09:00–09:30 Berlin for 4 weeks, the 2nd excluded (EXDATE), the 3rd moved
 * to Tuesday 10:00–11:00 (RECURRENCE-ID), one extra occurrence on Wed 2024-03-27 (RDATE); a
 * planning 13:00–14:00 overlapping a review 13:30–14:30 on 2024-03-25; an all-day offsite; a
 * cancelled and a declined meeting; a free "focus" block; a tentative 1:1.
 */
export function weekFixture(): string {
  const calendar = berlinCalendar();
  const tz = 'Europe/Berlin';
  calendar.createEvent({
    id: 'standup', summary: 'Standup', timezone: tz, start: wall('2024-03-25T09:00'), end: wall('2024-03-25T09:30'),
    repeating: { freq: ICalEventRepeatingFreq.WEEKLY, count: 4, exclude: [wall('2024-04-01T09:00')] },
    attendees: [{ email: LEAD, status: ICalAttendeeStatus.ACCEPTED }, { email: 'ana@example.com' }],
  });
  calendar.createEvent({ id: 'standup', recurrenceId: wall('2024-04-08T09:00'), timezone: tz, summary: 'Standup (moved)', start: wall('2024-04-09T10:00'), end: wall('2024-04-09T11:00') });
  calendar.createEvent({ id: 'planning', summary: 'Sprint planning', timezone: tz, start: wall('2024-03-25T13:00'), end: wall('2024-03-25T14:00') });
  calendar.createEvent({ id: 'review', summary: 'Design review', timezone: tz, start: wall('2024-03-25T13:30'), end: wall('2024-03-25T14:30') });
  calendar.createEvent({ id: 'offsite', summary: 'Offsite', allDay: true, start: wall('2024-03-26T00:00'), end: wall('2024-03-27T00:00') });
  calendar.createEvent({ id: 'cancelled', summary: 'Vendor call', timezone: tz, status: ICalEventStatus.CANCELLED, start: wall('2024-03-26T15:00'), end: wall('2024-03-26T16:00') });
  calendar.createEvent({
    id: 'declined', summary: 'All hands', timezone: tz, start: wall('2024-03-26T17:00'), end: wall('2024-03-26T18:00'),
    attendees: [{ email: 'Lead@Example.com', status: ICalAttendeeStatus.DECLINED }, { email: 'ceo@example.com', status: ICalAttendeeStatus.ACCEPTED }],
  });
  calendar.createEvent({ id: 'focus', summary: 'Focus time', timezone: tz, transparency: ICalEventTransparency.TRANSPARENT, start: wall('2024-03-27T14:00'), end: wall('2024-03-27T16:00') });
  calendar.createEvent({
    id: 'one-on-one', summary: '1:1 Ana', timezone: tz, start: wall('2024-03-28T11:00'), end: wall('2024-03-28T11:30'),
    attendees: [{ email: LEAD, status: ICalAttendeeStatus.TENTATIVE }, { email: 'ana@example.com', status: ICalAttendeeStatus.ACCEPTED }],
  });
  // ical-generator has no RDATE: the one extra occurrence is added as RFC 5545 text.
  return withLineAfter(calendar.toString(), 'RRULE:FREQ=WEEKLY;COUNT=4', 'RDATE;TZID=Europe/Berlin:20240327T090000');
}

function withLineAfter(ics: string, line: string, added: string): string {
  if (!ics.includes(`${line}\r\n`)) throw new Error(`fixture: no line ${line}`);
  return ics.replace(`${line}\r\n`, `${line}\r\n${added}\r\n`);
}

/** A calendar with no events at all (a new or emptied feed). */
export function emptyFixture(): string {
  return ical({ prodId: '//Lead Desk tests//empty//EN' }).toString();
}
