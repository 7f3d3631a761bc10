import assert from 'node:assert/strict';
import { customRange, dayInputProblem, exportRanges, rangeCsv } from '../../../src/balance/ranges';
import type { TimeEntry } from '../../../src/core/timeEntry';
import { HOUR, at, inTimeZone } from '../core/timeZone';

inTimeZone('Europe/Berlin', () => {
  describe('exportRanges', () => {
    it('offers today, this and last week (Mon–Sun), this month and the last 30 days', () => {
      const now = at('2024-05-08T10:00:00+02:00'); // a Wednesday
      const ranges = exportRanges(now).map((r) => [r.id, r.label, r.first, r.last]);
      assert.deepEqual(ranges, [
        ['today', 'Today', '2024-05-08', '2024-05-08'],
        ['thisWeek', 'This week', '2024-05-06', '2024-05-12'],
        ['lastWeek', 'Last week', '2024-04-29', '2024-05-05'],
        ['thisMonth', 'This month', '2024-05-01', '2024-05-31'],
        ['last30Days', 'Last 30 days', '2024-04-09', '2024-05-08'],
        ['last8Weeks', 'Last 8 weeks', '2024-03-18', '2024-05-12'],
      ]);
    });

    it('takes any range of days typed by the lead, checked', () => {
      const r = customRange(' 2024-03-30 ', '2024-04-02')!;
      assert.deepEqual([r.id, r.first, r.last, r.to - r.from], ['custom', '2024-03-30', '2024-04-02', 4 * 24 * HOUR - HOUR], 'whole local days; 31 March has 23 hours in Berlin');
      assert.equal(customRange('2024-04-02', '2024-03-30'), null, 'in order');
      assert.equal(customRange('2024-02-30', '2024-03-01'), null, 'a real date');
      assert.equal(customRange('yesterday', '2024-03-01'), null);
      assert.equal(dayInputProblem('2024-04-01'), null);
      assert.match(dayInputProblem('4/1/2024')!, /YYYY-MM-DD/);
      assert.match(dayInputProblem('2024-03-01', '2024-04-01')!, /Not before/);
    });

    it('spans whole local days, 23 hours on the day clocks go forward', () => {
      const today = exportRanges(at('2024-03-31T12:00:00+02:00'))[0]!;
      assert.equal(today.from, at('2024-03-31T00:00:00+01:00'));
      assert.equal(today.to, at('2024-04-01T00:00:00+02:00'));
      assert.equal(today.to - today.from, 23 * HOUR);
    });

    it('treats Sunday as the end of the week', () => {
      const week = exportRanges(at('2024-05-12T20:00:00+02:00'))[1]!;
      assert.deepEqual([week.first, week.last], ['2024-05-06', '2024-05-12']);
    });
  });

  describe('rangeCsv', () => {
    it('keeps only the part of each entry inside the range, with its note and whether it was automatic', () => {
      const now = at('2024-05-08T18:00:00+02:00');
      const today = exportRanges(now)[0]!;
      const entries: TimeEntry[] = [
        { id: 'night', mode: 'technical', start: at('2024-05-07T23:00:00+02:00'), end: at('2024-05-08T01:00:00+02:00'), note: '=cmd|"/c calc"!A1' },
        { id: 'day', mode: 'managerial', start: at('2024-05-08T09:00:00+02:00'), end: at('2024-05-08T09:30:00+02:00') },
        { id: 'running', mode: 'technical', start: at('2024-05-08T17:00:00+02:00'), end: null, auto: 'edits' },
      ];
      const { csv, rows } = rangeCsv(entries, today, now);
      assert.equal(rows, 3);
      const lines = csv.trimEnd().split('\r\n');
      assert.equal(lines[0], 'date,start,end,mode,minutes,note,auto,source');
      assert.equal(lines[1], `2024-05-08,2024-05-08T00:00:00+02:00,2024-05-08T01:00:00+02:00,technical,60,"'=cmd|""/c calc""!A1",,timer`);
      assert.equal(lines[2], '2024-05-08,2024-05-08T09:00:00+02:00,2024-05-08T09:30:00+02:00,managerial,30,,,timer');
      assert.equal(lines[3], '2024-05-08,2024-05-08T17:00:00+02:00,2024-05-08T18:00:00+02:00,technical,60,,edits,timer');
    });

    it('resolves overlaps over all entries before cutting, like the balance report', () => {
      const now = at('2024-05-09T12:00:00+02:00');
      const today = exportRanges(now)[0]!;
      // `late` started after `early` and wins the shared span, even though both are cut at midnight.
      const entries: TimeEntry[] = [
        { id: 'early', mode: 'technical', start: at('2024-05-08T23:00:00+02:00'), end: at('2024-05-09T01:00:00+02:00') },
        { id: 'late', mode: 'managerial', start: at('2024-05-08T23:30:00+02:00'), end: at('2024-05-09T00:30:00+02:00') },
      ];
      const lines = rangeCsv(entries, today, now).csv.trimEnd().split('\r\n').slice(1);
      assert.deepEqual(lines.map((l) => l.split(',').slice(1, 5).join(' ')), [
        '2024-05-09T00:00:00+02:00 2024-05-09T00:30:00+02:00 managerial 30',
        '2024-05-09T00:30:00+02:00 2024-05-09T01:00:00+02:00 technical 30',
      ]);
    });

    it('is just the header when nothing was tracked', () => {
      const now = at('2024-05-08T18:00:00+02:00');
      assert.deepEqual(rangeCsv([], exportRanges(now)[2]!, now), { csv: 'date,start,end,mode,minutes,note,auto,source\r\n', rows: 0 });
    });
  });
});
