/**
 * The whole day in the real VS Code (issue 19 items 4–5): a calendar served over HTTP on
 * 127.0.0.1 and connected through the commands; Plan the day lists today's free blocks, the 1:1
 * panel the next meeting with the teammate, and with automatic mode "switch" the timer goes
 * Managerial at a meeting's start and back at its end — on the real clock, with a meeting a
 * minute long (the timer wakes at the boundaries, it does not poll). Named to run after
 * timer.test.ts: its "suggest" test needs no automatic change in the minute before it, and the
 * store cannot forget the last one.
 */
import assert from 'node:assert/strict';
import ical from 'ical-generator';
import * as vscode from 'vscode';
import { formatClock } from '../../src/core/clock';
import type { MorningReviewPanel } from '../../src/review';
import type { OneOnOnePanel } from '../../src/oneOnOne';
import { openStores } from '../../src/store';
import { frames, hasBridge, texts, waitFor } from './support/bridge';
import { connectFeed, disconnectAll, serveCalendar, storedCalendars, type CalendarFeed } from './support/calendarFeed';
import { leadDesk, setSetting } from './support/extension';
import { freshStart } from './support/freshStart';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

interface Event { readonly id: string; readonly summary: string; readonly start: number; readonly end: number; readonly attendees?: readonly string[] }

/** ICS text (UTC times) for the events, built with ical-generator. */
function ics(events: readonly Event[]): string {
  const calendar = ical({ prodId: '//Lead Desk tests//the whole day//EN' });
  for (const e of events) {
    calendar.createEvent({ id: e.id, summary: e.summary, start: new Date(e.start), end: new Date(e.end), attendees: (e.attendees ?? []).map((email) => ({ email })) });
  }
  return calendar.toString();
}

describe('the whole day: the calendar in the timer, Plan the day and the 1:1', function () {
  this.timeout(180_000);
  let feed: CalendarFeed;
  /** A minute boundary just before the suite: the meetings below are placed from it. */
  let base = 0;

  before(async function () {
    // Connecting goes through the quick inputs, which only the harness's bridge can type into.
    if (!hasBridge()) this.skip();
    await freshStart();
    await disconnectAll();
    base = Math.floor(Date.now() / MINUTE) * MINUTE;
    feed = await serveCalendar(ics([
      { id: 'incident-review', summary: 'Incident review', start: base - 10 * MINUTE, end: base + 40 * MINUTE },
      { id: 'architecture', summary: 'Architecture', start: base + 70 * MINUTE, end: base + 80 * MINUTE, attendees: ['sam@corp.example'] },
      { id: 'design-sync', summary: 'Design sync', start: base + 3 * 60 * MINUTE, end: base + 210 * MINUTE, attendees: ['Mira@corp.example', 'lead@corp.example'] },
    ]));
    // Every day, all day: the free blocks do not depend on the weekday or hour the suite runs at.
    await setSetting('businessHours.days', ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
    await setSetting('businessHours.start', '00:00');
    await setSetting('businessHours.end', '23:59');
    await connectFeed(feed.url);
    const store = await storedCalendars();
    try {
      assert.deepEqual(store.calendars().map((c) => [c.label, c.meetings.length, c.problem]), [['127.0.0.1', 3, undefined]]);
    } finally {
      store.dispose();
    }
  });

  after(async () => {
    if (!feed) return;
    await setSetting('timer.autoMode', undefined);
    for (const key of ['businessHours.days', 'businessHours.start', 'businessHours.end']) await setSetting(key, undefined);
    await disconnectAll();
    await feed.close();
    await vscode.commands.executeCommand('leadDesk.stopTimer');
  });

  it('"Plan the day" lists today\'s meetings and the free blocks of 30 minutes or more', async () => {
    const panel = await vscode.commands.executeCommand<MorningReviewPanel>('leadDesk.startMorningReview');
    try {
      await panel.settled();
      const plan = panel.reviewState!.sections.find((s) => s.id === 'plan')!.view;
      assert.equal(plan.status, 'ready', JSON.stringify(plan));
      const day = plan.status === 'ready' && plan.data.kind === 'plan' ? plan.data.day : undefined;
      assert.ok(day, 'a calendar is connected: the section has the day');
      assert.equal(day.meetings[0], `${formatClock(base - 10 * MINUTE, vscode.env.language)}–${formatClock(base + 40 * MINUTE, vscode.env.language)} Incident review`);
      // From the end of the meeting under way (time already past is not free) to 23:59, around the
      // two meetings to come; the ones past 23:59 (late in the day) are cut there.
      const close = new Date(base).setHours(23, 59, 0, 0);
      const gaps = [[base + 40 * MINUTE, base + 70 * MINUTE], [base + 80 * MINUTE, base + 180 * MINUTE], [base + 210 * MINUTE, close]];
      const expected = gaps
        .map(([from, to]) => [from!, Math.min(to!, close)] as const)
        .filter(([from, to]) => to - from >= 30 * MINUTE)
        .map(([from, to]) => `${formatClock(from, vscode.env.language)}–${formatClock(to, vscode.env.language)}`);
      const blocks = expected.length === 0 ? 'no free block of 30 minutes or more left today' : `in ${expected.length} block${expected.length === 1 ? '' : 's'}: ${expected.join(', ')}`;
      assert.ok(day.line.startsWith('Technical target '), day.line);
      assert.ok(day.line.endsWith(blocks), `${day.line}\n  should end with: ${blocks}`);
      const frame = await waitFor('the review webview with the day', async () => (await frames()).find((f) => f.text.includes('Today in your calendar'))?.url);
      assert.deepEqual(await texts('#section-plan .free-blocks', frame), [day.line]);
      assert.ok((await texts('#section-plan ul.meetings li', frame)).includes(day.meetings[0]!));
    } finally {
      panel.dispose();
    }
  });

  it('the 1:1 panel shows the next meeting with the teammate among its attendees', async () => {
    const panel = await vscode.commands.executeCommand<OneOnOnePanel>('leadDesk.prepareOneOnOne', 'mira');
    try {
      const view = await panel.build(Date.now());
      assert.match(view.nextMeeting ?? '', new RegExp(`${formatClock(base + 3 * 60 * MINUTE, vscode.env.language)}–${formatClock(base + 210 * MINUTE, vscode.env.language)} · Design sync$`));
      await waitFor('the 1:1 webview shows the meeting', async () => (await texts('#next-meeting .when')).includes(view.nextMeeting!), 30_000);
      assert.equal((await panel.build(base + 4 * 60 * MINUTE)).nextMeeting, null, 'none after the last one');
    } finally {
      panel.dispose();
    }
  });

  it('the status bar names the meeting under way as text, and says only "meeting" when titles are not kept', async () => {
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.startTechnical');
    const until = formatClock(base + 40 * MINUTE, vscode.env.language);
    feed.serve(ics([{ id: 'incident-review', summary: '$(bug) Incident review', start: base - 10 * MINUTE, end: base + 40 * MINUTE }]));
    await vscode.commands.executeCommand('leadDesk.refreshCalendars');
    // The title cannot draw an icon: `$(` is kept literal with a zero-width space.
    await waitFor('the meeting in the status bar', () => api.timer.statusText === `$(code) Technical · $\u200b(bug) Incident review until ${until}`);
    try {
      await setSetting('calendar.keepTitles', false);
      await vscode.commands.executeCommand('leadDesk.refreshCalendars');
      await waitFor('the meeting without its title', () => api.timer.statusText === `$(code) Technical · meeting until ${until}`);
    } finally {
      await setSetting('calendar.keepTitles', undefined);
    }
    await vscode.commands.executeCommand('leadDesk.stopTimer');
  });

  it('with automatic mode "switch", the timer goes Managerial at a meeting\'s start and back to Technical at its end', async () => {
    const api = await leadDesk();
    await setSetting('timer.autoMode', 'switch');
    // Technical for ten minutes, as another window leaves it (the switch is refused right after a change).
    await vscode.commands.executeCommand('leadDesk.stopTimer');
    const other = await openStores((await api.stores).dir);
    let started;
    try {
      const now = Date.now();
      await other.time.replaceEntries({ from: now - 10 * MINUTE, to: now }, []);
      started = await other.time.start('technical', now - 10 * MINUTE);
    } finally {
      other.dispose();
    }
    await waitFor('this window follows', () => api.timer.current?.id === started.id);
    // A meeting starting in 8 seconds, 65 seconds long: the timer wakes for meetings at most once
    // a minute (MIN_MEETING_WAKE_GAP_MS), and real meetings start and end on whole minutes.
    const start = Math.ceil((Date.now() + 8 * SECOND) / SECOND) * SECOND;
    const end = start + 65 * SECOND;
    feed.serve(ics([{ id: 'planning', summary: 'Sprint planning', start, end }]));
    await vscode.commands.executeCommand('leadDesk.refreshCalendars');
    assert.equal(api.timer.current?.mode, 'technical', 'nothing before the meeting');

    await waitFor('Managerial at the start', () => api.timer.current?.mode === 'managerial', start - Date.now() + 5 * SECOND);
    const switchedAt = Date.now();
    assert.ok(switchedAt >= start, 'not before the meeting');
    console.log(`      (switched ${switchedAt - start} ms after the start)`);
    assert.equal(api.timer.current?.auto, 'meeting');
    assert.equal(api.timer.statusText, `$(organization) Managerial · Sprint planning until ${formatClock(end, vscode.env.language)}`);

    await waitFor('Technical at the end', () => api.timer.current?.mode === 'technical', end - Date.now() + 5 * SECOND);
    assert.ok(Date.now() >= end, 'not before the end');
    assert.equal(api.timer.current?.auto, 'meeting-end');
    assert.match(api.timer.statusText, /^\$\(code\) Technical \d+m$/, 'no meeting in the status bar any more');
    const entries = await (await api.stores).time.entriesBetween(start - MINUTE, Date.now());
    const managerial = entries.find((e) => e.mode === 'managerial' && e.auto === 'meeting');
    assert.ok(managerial && managerial.end !== null && managerial.end - managerial.start >= 60 * SECOND, 'the meeting\'s time was Managerial');
  });
});
