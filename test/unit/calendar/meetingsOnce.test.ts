/**
 * A meeting is counted once across windows and restarts: meetings live in calendars.json (one
 * record per occurrence, whoever reads the feed) and are credited when a report is built, never
 * written as time entries. And `calendar.keepTitles: false` keeps no title nor attendee on disk.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildBalanceReport } from '../../../src/balance/report';
import { CALENDARS_FILE, CalendarStore } from '../../../src/calendar/calendarStore';
import { readMeetings } from '../../../src/calendar/calendarReader';
import { fileSource, refreshCalendar, CALENDAR_REFRESH_MS, type LocalFileAccess } from '../../../src/calendar/calendarSync';
import { meetingCredit } from '../../../src/core/calendarTime';
import { at, inTimeZone, MINUTE } from '../core/timeZone';
import { cleanup, tempDir } from '../store/helpers';
import { LEAD, weekFixture } from './fixtures';

const RULES = { myEmails: [LEAD], countTentative: true, keepTitles: true };

function localFile(file: string): LocalFileAccess {
  return { stat: async () => { const s = fs.statSync(file); return { mtime: s.mtimeMs, size: s.size }; }, read: async () => fs.readFileSync(file, 'utf8') };
}

inTimeZone('Europe/Berlin', () => {
  describe('meetings counted once', () => {
    let dir: string;
    let file: string;
    beforeEach(() => {
      dir = tempDir('calendar-once');
      file = path.join(dir, 'work.ics');
      fs.writeFileSync(file, weekFixture());
    });
    afterEach(() => cleanup(dir));

    it('two windows reading the same calendar, and a restart, credit each meeting once and write no time', async () => {
      const now = at('2024-03-27T12:00:00+01:00');
      const one = await CalendarStore.open(dir);
      const two = await CalendarStore.open(dir);
      await one.add({ id: 'work', label: 'work.ics' });
      await two.refresh();
      // Both windows read the feed, each when it is due, then again when the lead asks.
      assert.equal((await refreshCalendar(readMeetings, one, 'work', fileSource(localFile(file)), RULES, now)).kind, 'fetched');
      await two.refresh();
      await refreshCalendar(readMeetings, two, 'work', fileSource(localFile(file)), RULES, now + CALENDAR_REFRESH_MS, true);
      fs.appendFileSync(file, '\r\n'); // the file changed: read and stored again
      await one.refresh();
      assert.equal((await refreshCalendar(readMeetings, one, 'work', fileSource(localFile(file)), RULES, now + 2 * CALENDAR_REFRESH_MS, true)).kind, 'fetched');
      one.dispose();
      two.dispose();

      // A restart: a new store reads what the windows left.
      const restarted = await CalendarStore.open(dir);
      const friday = at('2024-03-29T18:00:00+01:00');
      const week = { from: at('2024-03-25T00:00:00+01:00'), to: at('2024-04-01T00:00:00+02:00') };
      const meetings = restarted.meetingsBetween(week.from, week.to);
      assert.equal(new Set(meetings.map((m) => m.key)).size, meetings.length, 'each occurrence stored once');
      const report = buildBalanceReport([], friday, 60, 'en-GB', meetingCredit(meetings, 'meeting'));
      // Monday's standup 30m and planning + review 13:00–14:30, Wednesday's extra standup 30m, Thursday's 1:1 30m.
      assert.equal(report.meetings.weekMs, 180 * MINUTE);
      assert.equal(report.week.managerialMs, 180 * MINUTE);
      restarted.dispose();
      // Nothing but the calendars file: the meetings never became time entries.
      assert.deepEqual(fs.readdirSync(dir).filter((f) => !f.endsWith('.ics') && !f.endsWith('.lock')), [CALENDARS_FILE]);
    });

    it('keepTitles off stores spans only: no title nor attendee on disk', async () => {
      const store = await CalendarStore.open(dir);
      await store.add({ id: 'work', label: 'work.ics' });
      await refreshCalendar(readMeetings, store, 'work', fileSource(localFile(file)), { ...RULES, keepTitles: false }, at('2024-03-27T12:00:00+01:00'));
      await store.flush();
      store.dispose();
      const onDisk = fs.readFileSync(path.join(dir, CALENDARS_FILE), 'utf8');
      const stored = (JSON.parse(onDisk) as { calendars: { work: { meetings: object[] } } }).calendars.work.meetings;
      assert.equal(stored.length, 6);
      for (const words of ['Standup', 'Sprint planning', '1:1 Ana', 'ana@example.com', LEAD]) assert.ok(!onDisk.includes(words), `"${words}" is on disk`);
      assert.ok(stored.every((m) => Object.keys(m).every((k) => ['key', 'start', 'end', 'tentative'].includes(k))), JSON.stringify(stored[0]));
    });
  });
});
