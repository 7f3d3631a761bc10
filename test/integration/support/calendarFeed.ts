/**
 * A calendar feed for the integration tests: a real HTTP server on 127.0.0.1 serving ICS text
 * (built by the test with ical-generator), connected and disconnected the way the lead does it,
 * through Lead Desk's own commands and quick inputs (so the address goes to SecretStorage).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { CalendarStore } from '../../../src/calendar/calendarStore';
import { press, query, quickInputTitled, type, waitFor } from './bridge';
import { leadDesk } from './extension';

export interface CalendarFeed {
  readonly url: string;
  /** What the feed serves from now on. */
  serve(ics: string): void;
  close(): Promise<void>;
}

export async function serveCalendar(ics: string): Promise<CalendarFeed> {
  let body = ics;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/lead.ics`,
    serve: (text) => { body = text; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The calendars as every window reads them (calendars.json), opened apart from the extension's own store. */
export async function storedCalendars(): Promise<CalendarStore> {
  return CalendarStore.open((await (await leadDesk()).stores).dir);
}

/** "Lead Desk: Connect Calendar…" → "Calendar address (ICS link)" → the address, typed into the password box. */
export async function connectFeed(url: string): Promise<void> {
  const done = vscode.commands.executeCommand('leadDesk.connectCalendar');
  await quickInputTitled('Connect Calendar');
  await type('Calendar address');
  await press('Enter');
  await waitFor('the address box', async () => (await query('.quick-input-widget input[type="password"]:focus')).length > 0);
  await type(url);
  await press('Enter');
  await done;
}

/** Disconnects every connected calendar, one "Disconnect Calendar" pick at a time. */
export async function disconnectAll(): Promise<void> {
  const store = await storedCalendars();
  try {
    for (let left = store.calendars().length; left > 0; left--) {
      const done = vscode.commands.executeCommand('leadDesk.disconnectCalendar');
      await quickInputTitled('Disconnect Calendar');
      await press('Enter');
      await done;
      await waitFor('the calendar forgotten', async () => { await store.refresh(); return store.calendars().length < left; });
    }
  } finally {
    store.dispose();
  }
}
