import assert from 'node:assert/strict';
import { buildBalanceReport, weekRange } from '../../../src/balance/report';
import type { TimeEntry } from '../../../src/core/timeEntry';
import { HOUR, MINUTE, at, inTimeZone } from '../core/timeZone';

inTimeZone('America/New_York', () => {
  describe('buildBalanceReport', () => {
    it('gives Monday to Sunday bars, today flagged, and totals against the target', () => {
      const now = at('2024-05-08T12:00:00-04:00'); // Wednesday
      const entries: TimeEntry[] = [
        { id: 'a', mode: 'technical', start: at('2024-05-06T09:00:00-04:00'), end: at('2024-05-06T13:00:00-04:00') },
        { id: 'b', mode: 'managerial', start: at('2024-05-08T09:00:00-04:00'), end: at('2024-05-08T10:00:00-04:00'), note: '<b>1:1</b> with Ana' },
        { id: 'c', mode: 'technical', start: at('2024-05-08T10:00:00-04:00'), end: null },
      ];
      const report = buildBalanceReport(entries, now, 60, 'en-GB');
      assert.deepEqual(report.days.map((d) => d.label), ['Mon 6', 'Tue 7', 'Wed 8', 'Thu 9', 'Fri 10', 'Sat 11', 'Sun 12']);
      assert.deepEqual(report.days.map((d) => d.isToday), [false, false, true, false, false, false, false]);
      assert.equal(report.days[0]!.technicalMs, 4 * HOUR);
      assert.equal(report.days[2]!.technicalMs, 2 * HOUR);
      assert.equal(report.days[2]!.managerialMs, HOUR);
      assert.equal(report.today.totalMs, 3 * HOUR);
      assert.equal(report.today.state, 'too-technical'); // 66.7% against 60%: 6.7 points over
      assert.equal(report.week.totalMs, 7 * HOUR);
      assert.equal(report.targetPercent, 60);
      assert.deepEqual(report.entries.map((e) => [e.start, e.end, e.mode, e.durationMs / MINUTE, e.note]), [
        ['09:00', '10:00', 'managerial', 60, '<b>1:1</b> with Ana'],
        ['10:00', null, 'technical', 120, ''],
      ]);
      assert.equal(report.todayLabel, 'Wednesday 8 May');
      assert.equal(report.weekLabel, '6\u2009–\u200912 May 2024');
    });

    it('carries the 8-week trend, managerial time by tag, and marks automatic entries', () => {
      const now = at('2024-05-08T12:00:00-04:00'); // Wednesday
      const entries: TimeEntry[] = [
        { id: 'old', mode: 'technical', start: at('2024-03-18T09:00:00-04:00'), end: at('2024-03-18T15:00:00-04:00') },
        { id: 'm1', mode: 'managerial', start: at('2024-04-02T09:00:00-04:00'), end: at('2024-04-02T11:00:00-04:00'), note: '#hiring loop' },
        { id: 'm2', mode: 'managerial', start: at('2024-05-08T09:00:00-04:00'), end: at('2024-05-08T10:00:00-04:00'), note: '#1:1 Ana', auto: 'morning-review' },
        { id: 't', mode: 'technical', start: at('2024-05-08T10:00:00-04:00'), end: null, auto: 'edits' },
      ];
      const report = buildBalanceReport(entries, now, 60, 'en-GB');
      assert.deepEqual(report.trend.map((w) => w.label), ['18 Mar', '25 Mar', '1 Apr', '8 Apr', '15 Apr', '22 Apr', '29 Apr', '6 May']);
      assert.equal(report.trendLabel, '18 Mar\u2009–\u200912 May 2024');
      assert.deepEqual(report.trend.map((w) => (w.technicalMs + w.managerialMs) / HOUR), [6, 0, 2, 0, 0, 0, 0, 3]);
      assert.equal(report.trend[7]!.isThisWeek, true);
      assert.deepEqual(report.tags.map((t) => [t.tag, t.weekMs / HOUR, t.trendMs / HOUR]), [['#hiring', 0, 2], ['#1:1', 1, 1]]);
      assert.deepEqual(report.entries.map((e) => e.auto), ['morning-review', 'edits']);
    });

    it('reports no data and a clamped target when nothing was tracked', () => {
      const report = buildBalanceReport([], at('2024-05-08T12:00:00-04:00'), 150, 'en-GB');
      assert.equal(report.today.state, 'no-data');
      assert.equal(report.targetPercent, 100);
      assert.equal(report.entries.length, 0);
    });

    it('spans a week that crosses months', () => {
      assert.equal(buildBalanceReport([], at('2024-05-01T12:00:00-04:00'), 60, 'en-GB').weekLabel, '29 Apr\u2009–\u20095 May 2024');
    });
  });

  describe('weekRange', () => {
    it('is Monday 00:00 to the next Monday 00:00, local', () => {
      const { from, to } = weekRange(at('2024-03-10T12:00:00-04:00')); // Sunday, the day clocks go forward
      assert.equal(from, at('2024-03-04T00:00:00-05:00'));
      assert.equal(to, at('2024-03-11T00:00:00-04:00'));
    });
  });
});
