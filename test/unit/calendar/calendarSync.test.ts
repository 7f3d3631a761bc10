import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CalendarStore } from '../../../src/calendar/calendarStore';
import { readMeetings } from '../../../src/calendar/calendarReader';
import { CALENDAR_REFRESH_MS, feedSource, fileSource, refreshCalendar } from '../../../src/calendar/calendarSync';
import { at, HOUR, inTimeZone } from '../core/timeZone';
import { cleanup, tempDir } from '../store/helpers';
import { LEAD, weekFixture } from './fixtures';

const RULES = { myEmails: [LEAD], countTentative: true, keepTitles: true };

inTimeZone('Europe/Berlin', () => {
  describe('calendar refresh and store', () => {
    let server: http.Server;
    let base: string;
    let dir: string;
    let body = '';
    let failing = false;
    const served: { conditional: boolean; bytes: number }[] = [];

    before(async () => {
      server = http.createServer((req, res) => {
        if (failing) { res.writeHead(503).end(); return; }
        const conditional = req.headers['if-none-match'] === '"w1"';
        served.push({ conditional, bytes: conditional ? 0 : Buffer.byteLength(body) });
        if (conditional) { res.writeHead(304).end(); return; }
        res.writeHead(200, { 'content-type': 'text/calendar', etag: '"w1"' }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => { server.closeAllConnections(); server.close(); });
    beforeEach(() => { dir = tempDir('calendar'); served.length = 0; failing = false; body = weekFixture(); });
    afterEach(() => cleanup(dir));

    it('stores the meetings, asks again only after 15 minutes and then conditionally, and keeps the last good calendar when a read fails', async () => {
      const now = at('2024-03-27T12:00:00+01:00');
      const store = await CalendarStore.open(dir);
      await store.add({ id: 'work', label: '127.0.0.1' });
      const source = feedSource(`${base}/work.ics`);
      assert.deepEqual(await refreshCalendar(readMeetings, store, 'work', source, RULES, now), { kind: 'fetched', meetings: 6 });
      assert.deepEqual(await refreshCalendar(readMeetings, store, 'work', source, RULES, now + 5 * 60_000), { kind: 'skipped' });
      assert.deepEqual(await refreshCalendar(readMeetings, store, 'work', source, RULES, now + CALENDAR_REFRESH_MS), { kind: 'unchanged' });
      assert.deepEqual(served, [{ conditional: false, bytes: Buffer.byteLength(body) }, { conditional: true, bytes: 0 }]);
      // The lead asks: read now, even within 15 minutes.
      failing = true;
      const failed = await refreshCalendar(readMeetings, store, 'work', source, RULES, now + CALENDAR_REFRESH_MS + 60_000, true);
      assert.equal(failed.kind, 'failed');
      assert.equal(failed.kind === 'failed' && failed.asOf, now + CALENDAR_REFRESH_MS);
      const monday = store.meetingsBetween(at('2024-03-25T00:00:00+01:00'), at('2024-03-26T00:00:00+01:00'));
      assert.deepEqual(monday.map((m) => m.title), ['Standup', 'Sprint planning', 'Design review']);
      // Another window (a second store on the same folder) reads the same meetings, once.
      const other = await CalendarStore.open(dir);
      assert.equal(other.meetingsBetween(0, Number.MAX_SAFE_INTEGER).length, 6);
      assert.equal(other.get('work')?.problem, 'The calendar server at 127.0.0.1 answered 503.');
      store.dispose();
      other.dispose();
    });

    it('replaces what the feed changed in the window, keeps the past the feed dropped, and stores spans only when asked', async () => {
      const now = at('2024-03-27T12:00:00+01:00');
      const store = await CalendarStore.open(dir);
      await store.add({ id: 'work', label: 'work' });
      await refreshCalendar(readMeetings, store, 'work', feedSource(`${base}/a.ics`), RULES, now);
      // Nine weeks later the feed is empty (the server still answers 304 to the old ETag): last week's meetings go, the ones before the window stay.
      body = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n';
      const later = now + 9 * 7 * 24 * HOUR;
      assert.deepEqual(await refreshCalendar(readMeetings, store, 'work', feedSource(`${base}/a.ics`), RULES, later, true), { kind: 'unchanged' });
      served.length = 0;
      await store.recordProblem('work', later, 'reset validators');
      assert.deepEqual(await refreshCalendar(readMeetings, store, 'work', feedSource(`${base}/a.ics`), RULES, later, true), { kind: 'fetched', meetings: 0 });
      // Kept: the five before the new window (it starts a week after `now`); gone: 2024-04-09's.
      assert.deepEqual(store.meetingsBetween(0, Number.MAX_SAFE_INTEGER).map((m) => m.title), ['Standup', 'Sprint planning', 'Design review', 'Standup', '1:1 Ana']);

      await store.add({ id: 'private', label: 'file' });
      const file = path.join(dir, 'private.ics');
      fs.writeFileSync(file, weekFixture());
      const local = fileSource({ stat: async () => { const s = fs.statSync(file); return { mtime: s.mtimeMs, size: s.size }; }, read: async () => fs.readFileSync(file, 'utf8') });
      await refreshCalendar(readMeetings, store, 'private', local, { ...RULES, keepTitles: false }, now);
      const bare = store.get('private')!.meetings;
      assert.equal(bare.length, 6);
      assert.ok(bare.every((m) => m.title === undefined && m.attendees === undefined));
      assert.deepEqual(await refreshCalendar(readMeetings, store, 'private', local, RULES, now, true), { kind: 'unchanged' });
      await store.remove('private');
      assert.equal(store.get('private'), undefined);
      store.dispose();
    });
  });
});
