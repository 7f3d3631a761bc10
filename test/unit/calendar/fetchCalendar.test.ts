import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendarAddressProblem, CalendarFetchError, fetchCalendar, redirectProblem } from '../../../src/calendar/fetchCalendar';
import { CalendarParseError, parseCalendar } from '../../../src/core/calendarParse';
import { emptyFixture } from './fixtures';

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', 'UID:a', 'DTSTAMP:20240301T000000Z',
  'DTSTART:20240325T090000Z', 'DTEND:20240325T093000Z', 'SUMMARY:Standup', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const ETAG = '"v1"';

/** A real HTTP server on 127.0.0.1 serving ICS feeds, one behaviour per path. */
describe('calendar feed fetch', () => {
  let server: http.Server;
  let base: string;
  const requests: { path: string; ifNoneMatch?: string }[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push({ path: req.url ?? '', ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}) });
      switch (req.url) {
        case '/work.ics':
          if (req.headers['if-none-match'] === ETAG) { res.writeHead(304, { etag: ETAG }).end(); return; }
          res.writeHead(200, { 'content-type': 'text/calendar', etag: ETAG, 'last-modified': 'Mon, 25 Mar 2024 07:00:00 GMT' }).end(ICS);
          return;
        case '/empty.ics': res.writeHead(200, { 'content-type': 'text/calendar' }).end(emptyFixture()); return;
        case '/malformed.ics': res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in to see this calendar</body></html>'); return;
        case '/hangs.ics': res.writeHead(200, { 'content-type': 'text/calendar' }); res.write('BEGIN:VCALENDAR\r\n'); return; // never ends
        case '/huge.ics': {
          res.writeHead(200, { 'content-type': 'text/calendar' });
          const line = `${'X'.repeat(1023)}\n`;
          for (let i = 0; i < 64; i++) res.write(line);
          res.end();
          return;
        }
        case '/moved.ics': res.writeHead(301, { location: '/work.ics' }).end(); return;
        case '/to-http.ics': res.writeHead(302, { location: 'http://calendar.example.com/work.ics' }).end(); return;
        case '/to-other-host.ics': res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/work.ics` }).end(); return;
        default: res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => { requests.length = 0; });

  it('fetches a feed with its validators, then asks conditionally and reads nothing when it is unchanged', async () => {
    const first = await fetchCalendar(`${base}/work.ics`);
    assert.equal(first.status, 'fetched');
    assert.ok(first.status === 'fetched' && first.text.includes('SUMMARY:Standup'));
    assert.equal(first.status === 'fetched' && first.etag, ETAG);
    const second = await fetchCalendar(`${base}/work.ics`, { etag: ETAG });
    assert.deepEqual(second, { status: 'unchanged' });
    assert.deepEqual(requests, [{ path: '/work.ics' }, { path: '/work.ics', ifNoneMatch: ETAG }]);
  });

  it('follows a redirect on the same host, and refuses one to another host or to plain http', async () => {
    assert.equal((await fetchCalendar(`${base}/moved.ics`)).status, 'fetched');
    await assert.rejects(fetchCalendar(`${base}/to-http.ics`), (e: Error) => e instanceof CalendarFetchError && /another host/.test(e.message));
    await assert.rejects(fetchCalendar(`${base}/to-other-host.ics`), (e: Error) => e instanceof CalendarFetchError && /another host \(localhost\)/.test(e.message));
    assert.match(redirectProblem(new URL('https://calendar.example.com/a.ics'), new URL('http://calendar.example.com/a.ics')) ?? '', /from https to http/);
    assert.equal(redirectProblem(new URL('https://calendar.example.com/a.ics'), new URL('https://calendar.example.com/b.ics')), null);
  });

  it('gives up on a feed that hangs at the deadline, and on one above the size cap', async () => {
    const started = Date.now();
    await assert.rejects(fetchCalendar(`${base}/hangs.ics`, {}, { deadlineMs: 300 }), (e: Error) => e instanceof CalendarFetchError && /did not answer within/.test(e.message));
    assert.ok(Date.now() - started < 5_000);
    await assert.rejects(fetchCalendar(`${base}/huge.ics`, {}, { maxBytes: 32 * 1024 }), (e: Error) => e instanceof CalendarFetchError && /larger than/.test(e.message));
  });

  it('hands a malformed file and an empty feed to the parser, which refuses the one and reads the other as no events', async () => {
    const malformed = await fetchCalendar(`${base}/malformed.ics`);
    assert.ok(malformed.status === 'fetched');
    assert.throws(() => parseCalendar(malformed.text), CalendarParseError);
    const empty = await fetchCalendar(`${base}/empty.ics`);
    assert.ok(empty.status === 'fetched');
    assert.deepEqual(parseCalendar(empty.text).events, []);
  });

  it('never puts the secret address in an error, and accepts only https (or loopback http)', async () => {
    const secret = `${base}/calendar/ical/lead%40example.com/private-0123456789abcdef/basic.ics`;
    await assert.rejects(fetchCalendar(secret), (e: Error) => e instanceof CalendarFetchError && /answered 404/.test(e.message) && !e.message.includes('private-0123456789abcdef'));
    assert.equal(calendarAddressProblem('https://calendar.google.com/calendar/ical/x/private-y/basic.ics'), null);
    assert.equal(calendarAddressProblem('webcal://p12-caldav.icloud.com/published/2/abc'), null);
    assert.match(calendarAddressProblem('http://calendar.example.com/a.ics') ?? '', /https/);
    assert.match(calendarAddressProblem('file:///etc/passwd') ?? '', /https/);
    assert.match(calendarAddressProblem('not a url') ?? '', /not a web address/);
  });
});
