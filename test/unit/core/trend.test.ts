import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveOverlaps } from '../../../src/core/timeline';
import type { TimeEntry } from '../../../src/core/timeEntry';
import { managerialByTag, noteTag, trendRange, UNTAGGED, weeklyTrend } from '../../../src/core/trend';
import { arbitraryEntries, entry } from './entries';
import { HOUR, at, inTimeZone } from './timeZone';

inTimeZone('Europe/Berlin', () => {
  describe('trend', () => {
    it('covers this week and the 7 before it, Monday 00:00 to Monday 00:00 local, across a DST change', () => {
      const now = at('2024-04-10T12:00:00+02:00'); // Wednesday; clocks went forward on 31 March
      const { from, to } = trendRange(now);
      assert.equal(from, at('2024-02-19T00:00:00+01:00'));
      assert.equal(to, at('2024-04-15T00:00:00+02:00'));
      assert.equal(to - from, 8 * 7 * 24 * HOUR - HOUR);
    });

    it('gives 8 weeks oldest first, zeros for empty weeks, the share, the automatic time and this week flagged', () => {
      const now = at('2024-04-10T12:00:00+02:00');
      const entries: TimeEntry[] = [
        entry('old', 'technical', at('2024-02-12T09:00:00+01:00'), at('2024-02-12T17:00:00+01:00')), // before the range
        entry('w1t', 'technical', at('2024-02-19T09:00:00+01:00'), at('2024-02-19T12:00:00+01:00')),
        entry('w1m', 'managerial', at('2024-02-19T12:00:00+01:00'), at('2024-02-19T13:00:00+01:00')),
        // Sunday night into Monday: split between two weeks.
        entry('night', 'technical', at('2024-03-03T23:00:00+01:00'), at('2024-03-04T01:00:00+01:00'), { auto: 'edits' }),
        entry('now', 'managerial', at('2024-04-10T10:00:00+02:00'), null, { auto: 'morning-review' }),
        entry('blip', 'technical', at('2024-03-12T10:00:00+01:00'), at('2024-03-12T10:00:30+01:00')),
      ];
      const weeks = weeklyTrend(entries, now);
      assert.deepEqual(weeks.map((w) => w.weekStart), ['2024-02-19', '2024-02-26', '2024-03-04', '2024-03-11', '2024-03-18', '2024-03-25', '2024-04-01', '2024-04-08']);
      assert.deepEqual(weeks.map((w) => w.isThisWeek), [false, false, false, false, false, false, false, true]);
      assert.deepEqual([weeks[0]!.technicalMs, weeks[0]!.managerialMs, weeks[0]!.technicalPercent], [3 * HOUR, HOUR, 75]);
      assert.deepEqual([weeks[1]!.technicalMs, weeks[1]!.automaticMs], [HOUR, HOUR]);
      assert.deepEqual([weeks[2]!.technicalMs, weeks[2]!.automaticMs], [HOUR, HOUR]);
      assert.deepEqual([weeks[3]!.technicalMs, weeks[3]!.technicalPercent], [30_000, null], 'seconds make no share');
      assert.equal(weeks[4]!.technicalPercent, null);
      assert.deepEqual([weeks[7]!.managerialMs, weeks[7]!.automaticMs, weeks[7]!.technicalPercent], [2 * HOUR, 2 * HOUR, 0]);
    });

    it('adds up to the time inside the range, whatever the entries (overlaps resolved)', () => {
      fc.assert(fc.property(arbitraryEntries(), ({ entries, now }) => {
        const { from, to } = trendRange(now);
        const weeks = weeklyTrend(entries, now);
        const inside = resolveOverlaps(entries, now).reduce((sum, s) => sum + Math.max(0, Math.min(s.end, to) - Math.max(s.start, from)), 0);
        assert.equal(weeks.length, 8);
        assert.equal(weeks.reduce((sum, w) => sum + w.technicalMs + w.managerialMs, 0), inside);
        const managerial = weeks.reduce((sum, w) => sum + w.managerialMs, 0);
        const byTag = managerialByTag(entries, [{ from, to }], now);
        assert.equal(byTag.reduce((sum, t) => sum + t.ms[0]!, 0), managerial, 'the tags share out the managerial time exactly');
      }), { numRuns: 300 });
    });
  });

  describe('note tags', () => {
    it('is the first #word, lower-cased, without trailing punctuation', () => {
      assert.equal(noteTag('#1:1 with Mira'), '#1:1');
      assert.equal(noteTag('Prep for #Hiring. Then #review'), '#hiring');
      assert.equal(noteTag('(#review) PR 42'), '#review');
      assert.equal(noteTag('#hiring/eng loop'), '#hiring/eng');
      assert.equal(noteTag('#planning: Q1'), '#planning');
      assert.equal(noteTag('#écoles'), '#écoles');
    });

    it('finds none in notes without one', () => {
      for (const note of [undefined, '', 'standup', 'issue#42', 'C# review', '# heading', 'x #']) assert.equal(noteTag(note), null, String(note));
    });
  });

  describe('managerialByTag', () => {
    it('sums managerial time per tag for each range, largest last-range first, other last', () => {
      const day = (h: number) => at(`2024-04-10T${String(h).padStart(2, '0')}:00:00+02:00`);
      const entries: TimeEntry[] = [
        entry('a', 'managerial', day(9), day(10), { note: '#1:1 with Mira' }),
        entry('b', 'managerial', day(10), day(13), { note: '#review PR 12' }),
        entry('c', 'managerial', day(13), day(14), { note: 'phone call' }),
        entry('d', 'technical', day(14), day(16), { note: '#review deep dive' }),
        entry('e', 'managerial', day(16), day(17), { note: '#1:1 with Ana' }),
        // Overlaps b for an hour and wins it (it started later).
        entry('f', 'managerial', day(12), day(13), { note: '#hiring' }),
      ];
      const tags = managerialByTag(entries, [{ from: day(9), to: day(11) }, { from: day(0), to: day(23) }], day(23));
      assert.deepEqual(tags.map((t) => [t.tag, t.ms.map((ms) => ms / HOUR)]), [
        ['#1:1', [1, 2]],
        ['#review', [1, 2]],
        ['#hiring', [0, 1]],
        [UNTAGGED, [0, 1]],
      ]);
    });
  });
});
