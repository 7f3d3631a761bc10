/**
 * The calendar in the real VS Code (issue 19): connect a feed served by a real HTTP server on
 * 127.0.0.1 (ICS built with ical-generator) through the Connect Calendar… pick and password box;
 * the Time Balance then shows the meeting's minutes as managerial, from the calendar; the idle
 * prompt asks only about the time away no meeting covers. The meeting is placed relative to the
 * real clock (the extension reads it) and every expectation is computed from the same instants,
 * in the zone the run was started with (`--env TZ=…`).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ical from 'ical-generator';
import * as vscode from 'vscode';
import type { IdleSpan } from '../../src/core/idle';
import { formatDuration } from '../../src/core/timeline';
import type { TimeEntry } from '../../src/core/timeEntry';
import { openStores } from '../../src/store';
import { click, hasBridge, press, query, quickInputTitled, texts, type, waitFor } from './support/bridge';
import { leadDesk } from './support/extension';
import { freshStart } from './support/freshStart';

const MINUTE = 60_000;

/** Local midnight starting the ISO week (Monday) of `instant`. */
function mondayOf(instant: number): number {
  const day = new Date(instant);
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return day.getTime();
}

/** Minutes of `mode` in `[from, to)` (running entries up to `to`). */
function minutesOf(entries: readonly TimeEntry[], mode: TimeEntry['mode'], from: number, to: number): number {
  return entries.filter((e) => e.mode === mode).reduce((sum, e) => sum + Math.max(0, Math.min(e.end ?? to, to) - Math.max(e.start, from)), 0) / MINUTE;
}

describe('calendar', () => {
  let server: http.Server;
  let address: string;
  /** The meeting: 30 minutes that ended 10 minutes ago, on whole minutes. */
  let meeting: { start: number; end: number };
  let requests = 0;

  before(async function () {
    if (!hasBridge()) this.skip();
    await freshStart();
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    meeting = { start: now - 40 * MINUTE, end: now - 10 * MINUTE };
    const calendar = ical({ prodId: '//Lead Desk tests//integration//EN' });
    calendar.createEvent({ id: 'sync', summary: 'Sprint sync', start: new Date(meeting.start), end: new Date(meeting.end) });
    calendar.createEvent({ id: 'later', summary: 'Retro', start: new Date(now + 60 * MINUTE), end: new Date(now + 90 * MINUTE) });
    const body = calendar.toString();
    server = http.createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/work.ics`;
  });

  after(async function () {
    if (!server) return;
    // Disconnect, so the suites after this one see no meetings.
    const done = vscode.commands.executeCommand('leadDesk.disconnectCalendar');
    await quickInputTitled('Disconnect Calendar');
    await type('127.0.0.1');
    await press('Enter');
    await done;
    server.closeAllConnections();
    server.close();
    await vscode.commands.executeCommand('leadDesk.stopTimer');
  });

  it('connects a calendar through the pick and the password box, and reads it', async () => {
    const connected = vscode.commands.executeCommand<string | undefined>('leadDesk.connectCalendar');
    await quickInputTitled('Connect Calendar');
    await type('Calendar address');
    await press('Enter');
    await waitFor('address input, a password box, focused', async () => (await query('.quick-input-widget input[type="password"]:focus')).length > 0);
    await type(address);
    await press('Enter');
    assert.ok(await connected, 'a calendar id');
    assert.ok(requests >= 1, 'read at once');
    await waitFor('the connected notice', async () => {
      await vscode.commands.executeCommand('notifications.showList');
      return (await texts('.notification-list-item-message')).some((t) => /Calendar "127\.0\.0\.1" connected: 2 meetings/.test(t));
    });
    await vscode.commands.executeCommand('notifications.hideList');
    // The address is a secret: it is in no setting.
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('leadDesk')).includes(address));
  });

  it('shows the meeting\'s minutes in the Time Balance as managerial time from the calendar', async () => {
    await vscode.commands.executeCommand('leadDesk.showBalance');
    const now = Date.now();
    const midnight = new Date(now).setHours(0, 0, 0, 0);
    // Just after midnight, only the part of the meeting after it is today's.
    const todayMinutes = Math.round((meeting.end - Math.max(meeting.start, midnight)) / MINUTE);
    if (todayMinutes >= 1) {
      const row = await waitFor('the meeting row in today\'s entries', async () => (await texts('#entries tbody tr.source-calendar'))[0]);
      assert.match(row, /Managerial/);
      assert.match(row, /meeting/);
      assert.match(row, /Sprint sync/);
      assert.ok(row.includes(formatDuration(todayMinutes * MINUTE)), row);
      const split = await waitFor('today\'s split', async () => (await texts('#total-today .split'))[0]);
      assert.ok(split.includes(`(meetings ${formatDuration(todayMinutes * MINUTE)})`), split);
    }
    // This week's meeting time in the trend table (its last row; a Monday just after midnight holds only today's part).
    const weekMinutes = Math.round((meeting.end - Math.max(meeting.start, mondayOf(now))) / MINUTE);
    const thisWeek = await waitFor('this week\'s meetings in the trend', async () => (await texts('#trend tbody tr.this-week td.meetings'))[0]);
    assert.equal(thisWeek, weekMinutes >= 1 ? formatDuration(weekMinutes * MINUTE) : '—');
    // The meeting still ahead is not counted.
    assert.ok(!(await texts('#entries tbody tr')).some((r) => r.includes('Retro')));
    const api = await leadDesk();
    api.panels().balance?.dispose();
  });

  it('asks about the time away only where no meeting covers it', async () => {
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.stopTimer');
    await vscode.commands.executeCommand('notifications.clearAll');
    const from = meeting.start - 20 * MINUTE;
    const back = meeting.end + 5 * MINUTE;
    const other = await openStores((await api.stores).dir);
    try {
      await other.time.replaceEntries({ from, to: Date.now() }, []);
      await other.time.start('technical', from);
    } finally {
      other.dispose();
    }
    await waitFor('the timer follows the back-dated entry', () => api.timer.current?.start === from);
    // Away from 10 minutes before the meeting to 5 minutes after it: 15 minutes no meeting covers.
    const span: IdleSpan = { start: meeting.start - 10 * MINUTE, end: back, reason: 'idle' };
    const done = api.timer.onBackFromAway(span);
    const question = await waitFor('the question', async () => {
      await vscode.commands.executeCommand('notifications.showList');
      return (await texts('.notification-list-item-message')).find((t) => t.includes('You were away for'));
    });
    assert.match(question, /You were away for 15m while the technical timer ran, besides 30m in meetings/);
    await waitFor('the "Drop it" button', () => click('.notification-list-item .monaco-button:has-text("Drop it")'));
    await done;
    await vscode.commands.executeCommand('notifications.hideList');
    const check = await openStores((await api.stores).dir);
    try {
      const entries = await check.time.entriesBetween(from, back);
      // Kept: the 10 minutes before the lead left. Gone: the 15 minutes away they dropped, and the
      // meeting's 30 minutes (counted as the meeting, without asking).
      assert.ok(Math.abs(minutesOf(entries, 'technical', from, back) - 10) < 0.1, JSON.stringify(entries));
      assert.equal(minutesOf(entries, 'technical', meeting.start, meeting.end), 0);
    } finally {
      check.dispose();
    }
    assert.equal(api.timer.current?.mode, 'technical', 'the timer runs on after the span');
  });
});
