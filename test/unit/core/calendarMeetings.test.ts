import assert from 'node:assert/strict';
import { mergeMeetingSpans, spansOnly, type Meeting } from '../../../src/core/calendar';
import { CalendarParseError, expandMeetings, parseCalendar } from '../../../src/core/calendarParse';
import { emptyFixture, LEAD, weekFixture } from '../calendar/fixtures';
import { at, HOUR, inTimeZone, MINUTE } from './timeZone';

const RULES = { myEmails: [LEAD], countTentative: true };
const SPRING = { start: at('2024-03-01T00:00:00Z'), end: at('2024-05-01T00:00:00Z') };

function titled(meetings: readonly Meeting[]): string[] {
  return meetings.map((m) => `${new Date(m.start).toISOString()}–${new Date(m.end).toISOString().slice(11)} ${m.title ?? ''}`);
}

/**
 * An Outlook export: Windows zone names. The first event's zone has no VTIMEZONE in the file
 * (as some published Outlook links do); the second one's VTIMEZONE is Outlook's own.
 */
const OUTLOOK = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:Microsoft Exchange Server 2010', 'METHOD:PUBLISH',
  'BEGIN:VTIMEZONE', 'TZID:Pacific Standard Time',
  'BEGIN:STANDARD', 'DTSTART:16010101T020000', 'TZOFFSETFROM:-0700', 'TZOFFSETTO:-0800', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11', 'END:STANDARD',
  'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:-0800', 'TZOFFSETTO:-0700', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3', 'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT', 'UID:040000008200E00074C5B7101A82E00800000000', 'SUMMARY:Architecture sync', 'DTSTAMP:20240301T120000Z',
  'DTSTART;TZID=W. Europe Standard Time:20240325T090000', 'DTEND;TZID=W. Europe Standard Time:20240325T100000',
  'RRULE:FREQ=WEEKLY;COUNT=2', 'CLASS:PUBLIC', 'TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:040000008200E00074C5B7101A82E00800000001', 'SUMMARY:US sync', 'DTSTAMP:20240301T120000Z',
  'DTSTART;TZID=Pacific Standard Time:20240308T090000', 'DTEND;TZID=Pacific Standard Time:20240308T093000',
  'RRULE:FREQ=WEEKLY;COUNT=2', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

function suite(): void {
  describe('calendar meetings', () => {
    it('expands a weekly series with an EXDATE, an RDATE and a moved occurrence, across the clock change', () => {
      const meetings = expandMeetings(parseCalendar(weekFixture()), SPRING, RULES).filter((m) => m.key.startsWith('standup@'));
      assert.deepEqual(titled(meetings), [
        '2024-03-25T08:00:00.000Z–08:30:00.000Z Standup', // 09:00 CET
        '2024-03-27T08:00:00.000Z–08:30:00.000Z Standup', // RDATE
        // 2024-04-01 excluded; 2024-04-08 moved to Tuesday 10:00 CEST
        '2024-04-09T08:00:00.000Z–09:00:00.000Z Standup (moved)',
        '2024-04-15T07:00:00.000Z–07:30:00.000Z Standup', // 09:00 CEST, after 2024-03-31
      ]);
    });

    it('leaves out all-day, cancelled, free and declined events, and tentative ones when asked', () => {
      const calendar = parseCalendar(weekFixture());
      const week = { start: at('2024-03-25T00:00:00+01:00'), end: at('2024-04-01T00:00:00+02:00') };
      const titles = expandMeetings(calendar, week, RULES).map((m) => m.title);
      assert.deepEqual(titles, ['Standup', 'Sprint planning', 'Design review', 'Standup', '1:1 Ana']);
      assert.deepEqual(expandMeetings(calendar, week, { ...RULES, countTentative: false }).map((m) => m.title), ['Standup', 'Sprint planning', 'Design review', 'Standup']);
      // Declined only by the lead's own address (any case): without it, "All hands" is a meeting.
      assert.ok(expandMeetings(calendar, week, { ...RULES, myEmails: ['someone.else@example.com'] }).some((m) => m.title === 'All hands'));
      assert.ok(!expandMeetings(calendar, week, { ...RULES, myEmails: ['  LEAD@example.COM '] }).some((m) => m.title === 'All hands'));
    });

    it('keeps an occurrence moved into the window from after it, and only the part of the series in the window', () => {
      const calendar = parseCalendar(weekFixture());
      const tuesday = { start: at('2024-04-09T00:00:00+02:00'), end: at('2024-04-09T10:30:00+02:00') };
      assert.deepEqual(expandMeetings(calendar, tuesday, RULES).map((m) => m.title), ['Standup (moved)']);
      const monday = { start: at('2024-04-08T00:00:00+02:00'), end: at('2024-04-09T00:00:00+02:00') };
      assert.deepEqual(expandMeetings(calendar, monday, RULES), []);
    });

    it('reads Outlook Windows zone names, with and without their VTIMEZONE, on both sides of a clock change', () => {
      const meetings = expandMeetings(parseCalendar(OUTLOOK), SPRING, RULES);
      assert.deepEqual(titled(meetings), [
        '2024-03-08T17:00:00.000Z–17:30:00.000Z US sync', // 09:00 PST
        '2024-03-15T16:00:00.000Z–16:30:00.000Z US sync', // 09:00 PDT (US clocks changed 2024-03-10)
        '2024-03-25T08:00:00.000Z–09:00:00.000Z Architecture sync', // 09:00 CET
        '2024-04-01T07:00:00.000Z–08:00:00.000Z Architecture sync', // 09:00 CEST
      ]);
    });

    it('reads floating times as the lead\'s own local time', () => {
      const floating = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', 'UID:f', 'DTSTAMP:20240301T000000Z',
        'DTSTART:20240325T090000', 'DTEND:20240325T093000', 'SUMMARY:Floating', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
      const [meeting] = expandMeetings(parseCalendar(floating), SPRING, RULES);
      assert.equal(meeting?.start, new Date(2024, 2, 25, 9, 0).getTime());
      assert.equal(meeting?.end, new Date(2024, 2, 25, 9, 30).getTime());
    });

    it('merges overlapping and touching meetings into one span, counting each meeting once', () => {
      const week = { start: at('2024-03-25T00:00:00+01:00'), end: at('2024-03-26T00:00:00+01:00') };
      const spans = mergeMeetingSpans(expandMeetings(parseCalendar(weekFixture()), week, RULES));
      assert.deepEqual(spans, [
        { start: at('2024-03-25T09:00:00+01:00'), end: at('2024-03-25T09:30:00+01:00'), meetings: 1, titles: ['Standup'] },
        { start: at('2024-03-25T13:00:00+01:00'), end: at('2024-03-25T14:30:00+01:00'), meetings: 2, titles: ['Sprint planning', 'Design review'] },
      ]);
      const touching = mergeMeetingSpans([
        { key: 'b', start: 2 * HOUR, end: 3 * HOUR }, { key: 'a', start: HOUR, end: 2 * HOUR }, { key: 'c', start: 3 * HOUR + MINUTE, end: 4 * HOUR },
      ]);
      assert.deepEqual(touching.map((s) => [s.start, s.end, s.meetings]), [[HOUR, 3 * HOUR, 2], [3 * HOUR + MINUTE, 4 * HOUR, 1]]);
    });

    it('drops titles and attendees for spans only', () => {
      const meetings = expandMeetings(parseCalendar(weekFixture()), SPRING, RULES);
      const bare = spansOnly(meetings);
      assert.equal(bare.length, meetings.length);
      for (const m of bare) assert.deepEqual(Object.keys(m).filter((k) => k !== 'tentative'), ['key', 'start', 'end']);
    });

    it('reads an empty feed as no meetings and rejects a malformed file', () => {
      assert.deepEqual(expandMeetings(parseCalendar(emptyFixture()), SPRING, RULES), []);
      for (const bad of ['<html>Sign in</html>', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2024', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana\r\nEND:VCARD', '']) {
        assert.throws(() => parseCalendar(bad), CalendarParseError, JSON.stringify(bad));
      }
    });
  });
}

inTimeZone('America/New_York', suite);
inTimeZone('Asia/Tokyo', suite);
