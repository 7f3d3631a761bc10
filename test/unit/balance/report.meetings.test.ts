/**
 * Meetings from a calendar in the balance (issue 19, item 3): credited as managerial time when a
 * report is built, by the `calendar.overlap` rule, in the day and week totals, the 8-week trend,
 * the tag breakdown, the CSV, the Time Balance report and the standup; and the idle prompt's
 * span cut by the meetings in it.
 */
import assert from 'node:assert/strict';
import { buildBalanceReport } from '../../../src/balance/report';
import { rangeCsv, exportRanges } from '../../../src/balance/ranges';
import type { Meeting } from '../../../src/core/calendar';
import { meetingCredit } from '../../../src/core/calendarTime';
import { splitByMeetings } from '../../../src/core/idle';
import { standupMarkdown, type StandupInput } from '../../../src/core/standup';
import type { TimeEntry } from '../../../src/core/timeEntry';
import { dailyTotals, todayTotals, weekTotals, type OverlapRule } from '../../../src/core/timeline';
import { managerialByTag, MEETINGS_TAG, weeklyTrend } from '../../../src/core/trend';
import { at, HOUR, inTimeZone, MINUTE } from '../core/timeZone';

const meeting = (key: string, start: number, end: number, title?: string): Meeting => ({ key, start, end, ...(title ? { title } : {}) });

for (const zone of ['Europe/Berlin', 'America/Los_Angeles']) {
  inTimeZone(zone, () => {
    // Wall times of the zone the suite runs in: the same day and hours in both zones.
    const local = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00`).getTime();
    const DAY = '2026-11-18'; // a Wednesday
    const day = (hhmm: string) => local(DAY, hhmm);
    /** Technical 09:00–12:00 and managerial 14:00–15:00 on the timer. */
    const entries = (): TimeEntry[] => [
      { id: 'code', mode: 'technical', start: day('09:00'), end: day('12:00') },
      { id: 'talk', mode: 'managerial', start: day('14:00'), end: day('15:00'), note: '#hiring panel' },
    ];
    /** Standup 10:00–10:30 (under technical time), planning 12:30–13:30 overlapping review 13:00–13:45 (off the timer). */
    const meetings = (): Meeting[] => [
      meeting('standup', day('10:00'), day('10:30'), 'Standup'),
      meeting('planning', day('12:30'), day('13:30'), 'Sprint planning'),
      meeting('review', day('13:00'), day('13:45'), 'Design review'),
    ];
    const credit = (rule: OverlapRule = 'meeting') => meetingCredit(meetings(), rule);

    describe('meetings in the day and week totals', () => {
      it('meeting wins: technical time under a meeting counts once, as the meeting; meetings off the timer are added', () => {
        const [totals] = dailyTotals(entries(), { first: DAY, last: DAY }, day('18:00'), credit('meeting'));
        assert.deepEqual(totals, { date: DAY, technical: 150 * MINUTE, managerial: HOUR + 105 * MINUTE, meetings: 105 * MINUTE });
      });

      it('timer wins: only meeting time the timer did not track is added', () => {
        const [totals] = dailyTotals(entries(), { first: DAY, last: DAY }, day('18:00'), credit('timer'));
        assert.deepEqual(totals, { date: DAY, technical: 3 * HOUR, managerial: HOUR + 75 * MINUTE, meetings: 75 * MINUTE });
      });

      it('without a calendar, the totals are the timer\'s alone', () => {
        const [totals] = dailyTotals(entries(), { first: DAY, last: DAY }, day('18:00'));
        assert.deepEqual(totals, { date: DAY, technical: 3 * HOUR, managerial: HOUR, meetings: 0 });
      });

      it('counts a meeting once it has happened: not one still ahead, one under way up to now', () => {
        const now = day('13:15');
        const totals = todayTotals(entries(), now, credit());
        // Standup 30m, then planning and review merged: 12:30 to now.
        assert.equal(totals.meetings, 75 * MINUTE);
        assert.equal(todayTotals([], day('09:59'), credit()).meetings, 0);
      });

      it('the same meeting in two calendars (work and personal) counts once', () => {
        const twice = meetingCredit([...meetings(), ...meetings().map((m) => ({ ...m, key: `personal-${m.key}` }))], 'meeting');
        assert.equal(todayTotals([], day('18:00'), twice).meetings, 105 * MINUTE);
      });

      it('totals the week with its meetings', () => {
        const week = weekTotals(entries(), day('18:00'), day('18:00'), credit());
        assert.equal(week.meetings, 105 * MINUTE);
        assert.equal(week.managerial, HOUR + 105 * MINUTE);
        assert.equal(week.days.find((d) => d.date === DAY)?.meetings, 105 * MINUTE);
      });
    });

    describe('meetings in the trend, the tags and the CSV', () => {
      it('shows each week\'s meeting time in the 8-week trend, as part of the managerial hours', () => {
        const weeks = weeklyTrend(entries(), day('18:00'), credit());
        const thisWeek = weeks[weeks.length - 1]!;
        assert.equal(thisWeek.meetingMs, 105 * MINUTE);
        assert.equal(thisWeek.managerialMs, HOUR + 105 * MINUTE);
        assert.equal(thisWeek.technicalMs, 150 * MINUTE);
        assert.ok(weeks.slice(0, -1).every((w) => w.meetingMs === 0));
      });

      it('gives meetings their own row in the managerial breakdown', () => {
        const tags = managerialByTag(entries(), [{ from: day('00:00'), to: day('23:59') }], day('18:00'), credit());
        assert.deepEqual(tags.map((t) => [t.tag, t.ms[0]! / MINUTE]), [[MEETINGS_TAG, 105], ['#hiring', 60]]);
      });

      it('exports meetings with source "calendar" and their titles; the timer\'s rows say "timer"', () => {
        const now = day('18:00');
        const today = exportRanges(now)[0]!;
        const { csv, rows } = rangeCsv(entries(), today, now, credit());
        const lines = csv.trimEnd().split('\r\n');
        assert.equal(lines[0], 'date,start,end,mode,minutes,note,auto,source');
        assert.equal(rows, 5);
        const cells = lines.slice(1).map((l) => l.split(','));
        assert.deepEqual(cells.map((c) => [c[3], c[4], c[7]]), [
          ['technical', '60', 'timer'], ['managerial', '30', 'calendar'], ['technical', '90', 'timer'], ['managerial', '75', 'calendar'], ['managerial', '60', 'timer'],
        ]);
        assert.equal(cells[1]![5], 'Standup');
        assert.equal(lines[4]!.split(',')[5], 'Sprint planning; Design review');
      });

      it('exports a meeting kept as a span only (keepTitles off) without a note', () => {
        const now = day('18:00');
        const spansOnly = meetingCredit([meeting('x', day('16:00'), day('16:30'))], 'meeting');
        const { csv } = rangeCsv([], exportRanges(now)[0]!, now, spansOnly);
        assert.match(csv.trimEnd().split('\r\n')[1]!, /,managerial,30,,,calendar$/);
      });
    });

    describe('meetings in the Time Balance report', () => {
      it('shows meeting time as a distinct part of the managerial bar and lists today\'s meetings as rows', () => {
        const now = day('18:00');
        const report = buildBalanceReport(entries(), now, 60, 'en-GB', credit());
        const today = report.days.find((d) => d.isToday)!;
        assert.equal(today.meetingMs, 105 * MINUTE);
        assert.equal(today.managerialMs, HOUR + 105 * MINUTE);
        assert.deepEqual(report.meetings, { todayMs: 105 * MINUTE, weekMs: 105 * MINUTE });
        assert.equal(report.today.managerialMs, HOUR + 105 * MINUTE);
        const calendarRows = report.entries.filter((r) => r.source === 'calendar');
        assert.deepEqual(calendarRows.map((r) => [r.start, r.end, r.note]), [['10:00', '10:30', 'Standup'], ['12:30', '13:45', 'Sprint planning; Design review']]);
        assert.equal(report.entries.reduce((sum, r) => sum + r.durationMs, 0), report.today.totalMs, 'the rows add up to the total');
        assert.equal(report.tags[0]?.tag, MEETINGS_TAG);
      });

      it('shows a meeting under way as running, up to now', () => {
        const report = buildBalanceReport([], day('13:00'), 60, 'en-GB', credit());
        const running = report.entries.filter((r) => r.end === null);
        assert.deepEqual(running.map((r) => [r.start, r.durationMs / MINUTE]), [['12:30', 30]]);
      });
    });

    describe('meetings in the standup notes', () => {
      const input = (overrides: Partial<StandupInput>): StandupInput => ({
        now: local('2026-11-19', '09:30'), day: DAY, technicalTarget: 60, entries: entries(), activity: null, githubNotice: null, waiting: [],
        delegated: { done: [], overdue: [], reassigned: [] }, plan: null, running: null, ...overrides,
      });

      it('says how long yesterday\'s meetings took and how many there were, without their titles', () => {
        const four = meetingCredit([...meetings(), meeting('one', day('16:00'), day('16:25'), '1:1 Ana')], 'meeting');
        const md = standupMarkdown(input({ meetings: four }), 'en-GB');
        assert.match(md, /^- Technical 2h 30m · Managerial 3h 10m — 44% technical \(target 60%\)$/m);
        assert.match(md, /^- 2h 10m in 4 meetings$/m);
        assert.ok(!/Sprint planning|Design review|1:1 Ana/.test(md), 'meeting titles stay on the lead\'s machine');
      });

      it('says nothing of meetings without a calendar', () => {
        assert.ok(!/meeting/.test(standupMarkdown(input({}), 'en-GB')));
      });
    });

    describe('the idle prompt and meetings', () => {
      it('asks only about the parts of a span away that no meeting covers', () => {
        const span = { start: day('12:00'), end: day('14:30'), reason: 'idle' as const };
        const { open, inMeetings } = splitByMeetings(span, meetings());
        assert.deepEqual(open.map((p) => [p.start, p.end]), [[day('12:00'), day('12:30')], [day('13:45'), day('14:30')]]);
        assert.deepEqual(inMeetings.map((p) => [p.start, p.end]), [[day('12:30'), day('13:45')]]);
        assert.ok([...open, ...inMeetings].every((p) => p.reason === 'idle'));
      });

      it('asks nothing when a meeting covers the whole span, and everything when none does', () => {
        const span = { start: day('12:40'), end: day('13:20'), reason: 'sleep' as const };
        assert.deepEqual(splitByMeetings(span, meetings()).open, []);
        assert.deepEqual(splitByMeetings(span, []), { open: [span], inMeetings: [] });
      });
    });
  });
}

// An instant that is not a wall time of the suite's zone: the credit is about instants.
describe('meetings credited at report time', () => {
  it('are never written: crediting the same meetings again changes nothing', () => {
    const spans = meetingCredit([meeting('a', at('2026-11-18T10:00:00Z'), at('2026-11-18T11:00:00Z'))], 'meeting');
    const entries: TimeEntry[] = [{ id: 'x', mode: 'technical', start: at('2026-11-18T09:00:00Z'), end: at('2026-11-18T12:00:00Z') }];
    const before = JSON.stringify(entries);
    const first = weeklyTrend(entries, at('2026-11-18T18:00:00Z'), spans);
    const again = weeklyTrend(entries, at('2026-11-18T18:00:00Z'), spans);
    assert.deepEqual(first, again);
    assert.equal(JSON.stringify(entries), before);
  });
});
