/*
 * Reading a calendar: parse and expand a feed of 2,000 events with 50 weekly/daily series over
 * 8 weeks (the window the store keeps), and the refresh of an unchanged feed against a real
 * HTTP server on 127.0.0.1 (one conditional request, 0 bytes parsed).
 * Goal: parse + expand within 100 ms. Prints one JSON line.
 *
 *   node dist/bench/calendar.js [runs=20]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import ical, { ICalEventRepeatingFreq } from 'ical-generator';
import { mergeMeetingSpans } from '../src/core/calendar';
import { expandMeetings, parseCalendar } from '../src/core/calendarParse';
import { fetchCalendar } from '../src/calendar/fetchCalendar';

const RUNS = Number(process.argv[2] ?? 20);
const DAY = 86_400_000;
const windowStart = Date.UTC(2024, 0, 1);
const windowEnd = windowStart + 8 * 7 * DAY;

function feed(): string {
  const calendar = ical({ prodId: '//Lead Desk bench//EN' });
  for (let i = 0; i < 50; i++) {
    const start = new Date(windowStart - 30 * DAY + i * 3_600_000);
    calendar.createEvent({
      id: `series-${i}`, summary: `Series ${i}`, start, end: new Date(start.getTime() + 1_800_000),
      repeating: { freq: i % 5 === 0 ? ICalEventRepeatingFreq.DAILY : ICalEventRepeatingFreq.WEEKLY, until: new Date(windowEnd + 60 * DAY) },
      attendees: [{ email: 'lead@example.com' }, { email: `mate${i}@example.com` }],
    });
  }
  for (let i = 0; i < 1_950; i++) {
    const start = new Date(windowStart - 14 * DAY + ((i * 7_919_000) % (10 * 7 * DAY)));
    calendar.createEvent({ id: `single-${i}`, summary: `Meeting ${i}`, start, end: new Date(start.getTime() + 2_700_000) });
  }
  return calendar.toString();
}

async function main(): Promise<void> {
  const text = feed();
  const times: number[] = [];
  let meetings = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const expanded = expandMeetings(parseCalendar(text), { start: windowStart, end: windowEnd }, { myEmails: ['lead@example.com'], countTentative: true });
    mergeMeetingSpans(expanded);
    times.push(performance.now() - t0);
    meetings = expanded.length;
  }
  const sorted = [...times].sort((a, b) => a - b);
  let requests = 0;
  let bytesServed = 0;
  const server = http.createServer((req, res) => {
    requests++;
    if (req.headers['if-none-match'] === '"b1"') { res.writeHead(304).end(); return; }
    bytesServed += Buffer.byteLength(text);
    res.writeHead(200, { etag: '"b1"' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.ics`;
  await fetchCalendar(url);
  const before = { requests, bytesServed };
  const unchanged = await fetchCalendar(url, { etag: '"b1"' });
  server.close();
  console.log(JSON.stringify({
    bench: 'calendar', events: 2_000, series: 50, weeks: 8, feedBytes: Buffer.byteLength(text), meetings,
    firstMs: Math.round(times[0]! * 10) / 10, medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10, goalMs: 100,
    unchangedRefresh: { requests: requests - before.requests, bytesParsed: unchanged.status === 'unchanged' ? 0 : -1, bytesServed: bytesServed - before.bytesServed },
  }));
}

void main();
