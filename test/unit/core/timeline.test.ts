import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from 'date-fns';
import { parseLocalDate, toLocalDate } from '../../../src/core/localDate';
import type { TimeEntry } from '../../../src/core/timeEntry';
import {
  dailyTotals,
  effectiveEnd,
  formatDuration,
  resolveOverlaps,
  splitByLocalDay,
  todayTotals,
  weekTotals,
  type TimeSegment,
} from '../../../src/core/timeline';
import { arbitraryEntries, entry } from './entries';
import { at, HOUR, inTimeZone, MINUTE } from './timeZone';

const duration = (segs: readonly { start: number; end: number }[]) => segs.reduce((sum, s) => sum + s.end - s.start, 0);

/** Length of the union of the entries' spans, computed point-free by sweeping sorted intervals. */
function unionLength(entries: readonly TimeEntry[], now: number): number {
  const spans = entries.map((e) => [e.start, effectiveEnd(e, now)] as const).filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [s, e] of spans) {
    if (e <= reach) continue;
    total += e - Math.max(s, reach);
    reach = e;
  }
  return total;
}

/** Who should own instant `t`: the covering entry with the latest start, ties to the greater id. */
function winnerAt(entries: readonly TimeEntry[], t: number, now: number): string | null {
  const covering = entries.filter((e) => e.start <= t && t < effectiveEnd(e, now));
  covering.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  return covering.at(-1)?.id ?? null;
}

describe('formatDuration', () => {
  it('formats minutes and hours, padding minutes after hours', () => {
    assert.equal(formatDuration(0), '0m');
    assert.equal(formatDuration(45 * MINUTE), '45m');
    assert.equal(formatDuration(2 * HOUR + 10 * MINUTE), '2h 10m');
    assert.equal(formatDuration(HOUR + 5 * MINUTE), '1h 05m');
    assert.equal(formatDuration(3 * HOUR), '3h 00m');
    assert.equal(formatDuration(26 * HOUR + 1 * MINUTE), '26h 01m');
  });

  it('rounds down and treats negative or non-finite time as none', () => {
    assert.equal(formatDuration(MINUTE - 1), '0m');
    assert.equal(formatDuration(2 * HOUR + 10 * MINUTE + 59_999), '2h 10m');
    assert.equal(formatDuration(-5 * MINUTE), '0m');
    assert.equal(formatDuration(Number.NaN), '0m');
  });
});

describe('resolveOverlaps', () => {
  const t0 = Date.UTC(2024, 4, 15, 9);

  it('lets the later-started entry win and the earlier one resume after it', () => {
    const segs = resolveOverlaps([entry('a', 'technical', t0, t0 + 3 * HOUR), entry('b', 'managerial', t0 + HOUR, t0 + 2 * HOUR)], t0 + 5 * HOUR);
    assert.deepEqual(segs, [
      { entryId: 'a', mode: 'technical', start: t0, end: t0 + HOUR },
      { entryId: 'b', mode: 'managerial', start: t0 + HOUR, end: t0 + 2 * HOUR },
      { entryId: 'a', mode: 'technical', start: t0 + 2 * HOUR, end: t0 + 3 * HOUR },
    ]);
  });

  it('counts running entries up to now, and two racing running entries only once', () => {
    const segs = resolveOverlaps([entry('a', 'technical', t0, null), entry('b', 'managerial', t0 + HOUR, null)], t0 + 90 * MINUTE);
    assert.deepEqual(segs, [
      { entryId: 'a', mode: 'technical', start: t0, end: t0 + HOUR },
      { entryId: 'b', mode: 'managerial', start: t0 + HOUR, end: t0 + 90 * MINUTE },
    ]);
  });

  it('drops inverted, zero-length and not-yet-started running entries', () => {
    const segs = resolveOverlaps(
      [entry('inverted', 'technical', t0, t0 - HOUR), entry('empty', 'technical', t0, t0), entry('future', 'managerial', t0 + HOUR, null)],
      t0,
    );
    assert.deepEqual(segs, []);
  });

  it('breaks a tie on start by id, whatever the input order', () => {
    const a = entry('a', 'technical', t0, t0 + HOUR);
    const b = entry('b', 'managerial', t0, t0 + 30 * MINUTE);
    const expected = [
      { entryId: 'b', mode: 'managerial', start: t0, end: t0 + 30 * MINUTE },
      { entryId: 'a', mode: 'technical', start: t0 + 30 * MINUTE, end: t0 + HOUR },
    ];
    assert.deepEqual(resolveOverlaps([a, b], t0), expected);
    assert.deepEqual(resolveOverlaps([b, a], t0), expected);
  });

  it('yields sorted, positive, disjoint segments covering exactly the union', () => {
    fc.assert(
      fc.property(arbitraryEntries(), ({ entries, now }) => {
        const segs = resolveOverlaps(entries, now);
        for (const [i, s] of segs.entries()) {
          assert.ok(s.end > s.start, 'positive length');
          if (i > 0) assert.ok(segs[i - 1]!.end <= s.start, 'disjoint and sorted');
        }
        assert.equal(duration(segs), unionLength(entries, now));
      }),
    );
  });

  it('credits every instant to the latest-started entry covering it', () => {
    fc.assert(
      fc.property(arbitraryEntries(), fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 20 }), ({ entries, now }, probes) => {
        const segs = resolveOverlaps(entries, now);
        const lo = Math.min(...entries.map((e) => e.start), now);
        const hi = Math.max(...entries.map((e) => effectiveEnd(e, now)), now);
        const points = [...probes.map((p) => Math.floor(lo + ((hi - lo) * p) / 1000)), ...segs.map((s) => s.start), ...segs.map((s) => s.end - 1)];
        for (const t of points) {
          const owner: TimeSegment | undefined = segs.find((s) => s.start <= t && t < s.end);
          assert.equal(owner?.entryId ?? null, winnerAt(entries, t, now), `owner at ${t}`);
        }
      }),
    );
  });
});

for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York']) {
  inTimeZone(zone, () => {
    describe('splitByLocalDay (properties)', () => {
      it('preserves each entry’s resolved total and keeps every piece inside one local day', () => {
        fc.assert(
          fc.property(arbitraryEntries(), ({ entries, now }) => {
            const resolved = resolveOverlaps(entries, now);
            const days = splitByLocalDay(entries, now);
            for (const e of entries) {
              const ofEntry = (segs: readonly TimeSegment[]) => duration(segs.filter((s) => s.entryId === e.id));
              assert.equal(ofEntry(days), ofEntry(resolved));
            }
            for (const d of days) {
              assert.ok(d.end > d.start);
              assert.equal(toLocalDate(d.start), d.date);
              assert.equal(toLocalDate(d.end - 1), d.date);
            }
          }),
        );
      });

      it('sums a week from its seven consecutive days', () => {
        fc.assert(
          fc.property(arbitraryEntries(), ({ entries, now }) => {
            const week = weekTotals(entries, now, now);
            assert.equal(week.days.length, 7);
            assert.equal(week.days[0]!.date, week.weekStart);
            for (const [i, d] of week.days.entries()) assert.equal(d.date, toLocalDate(addDays(parseLocalDate(week.weekStart), i)));
            assert.equal(week.technical, week.days.reduce((s, d) => s + d.technical, 0));
            assert.equal(week.managerial, week.days.reduce((s, d) => s + d.managerial, 0));
            assert.equal(todayTotals(entries, now).date, toLocalDate(now));
          }),
        );
      });

      it('gives daily totals equal to the split segments of those days', () => {
        fc.assert(
          fc.property(arbitraryEntries(), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 4 }), ({ entries, now }, from, span) => {
            const first = toLocalDate(addDays(now, from));
            const last = toLocalDate(addDays(now, from + span));
            const totals = dailyTotals(entries, { first, last }, now);
            assert.equal(totals.length, span + 1);
            const inRange = splitByLocalDay(entries, now).filter((d) => d.date >= first && d.date <= last);
            const sum = (mode: string) => duration(inRange.filter((d) => d.mode === mode));
            assert.equal(totals.reduce((s, d) => s + d.technical, 0), sum('technical'));
            assert.equal(totals.reduce((s, d) => s + d.managerial, 0), sum('managerial'));
          }),
        );
      });
    });
  });
}

inTimeZone('Europe/Berlin', () => {
  describe('splitByLocalDay on Berlin DST days', () => {
    it('gives the spring-forward day 23 hours', () => {
      const days = splitByLocalDay([entry('a', 'technical', at('2024-03-30T12:00:00+01:00'), at('2024-04-01T12:00:00+02:00'))], 0);
      assert.deepEqual(days.map((d) => [d.date, (d.end - d.start) / HOUR]), [['2024-03-30', 12], ['2024-03-31', 23], ['2024-04-01', 12]]);
    });

    it('gives the fall-back day 25 hours', () => {
      const days = splitByLocalDay([entry('a', 'managerial', at('2024-10-26T12:00:00+02:00'), at('2024-10-28T12:00:00+01:00'))], 0);
      assert.deepEqual(days.map((d) => [d.date, (d.end - d.start) / HOUR]), [['2024-10-26', 12], ['2024-10-27', 25], ['2024-10-28', 12]]);
    });
  });

  describe('dailyTotals, weekTotals and todayTotals in Berlin', () => {
    const entries = () => [
      entry('night', 'technical', at('2024-10-26T23:00:00+02:00'), at('2024-10-27T01:30:00+02:00')),
      entry('sunday', 'managerial', at('2024-10-27T10:00:00+01:00'), at('2024-10-27T11:00:00+01:00')),
      entry('monday', 'technical', at('2024-10-28T09:00:00+01:00'), null),
    ];

    it('lists every day of the range, empty ones as zeros, clipping at the range edges', () => {
      const now = at('2024-10-28T09:45:00+01:00');
      assert.deepEqual(dailyTotals(entries(), { first: '2024-10-25', last: '2024-10-27' }, now), [
        { date: '2024-10-25', technical: 0, managerial: 0, meetings: 0 },
        { date: '2024-10-26', technical: HOUR, managerial: 0, meetings: 0 },
        { date: '2024-10-27', technical: 90 * MINUTE, managerial: HOUR, meetings: 0 },
      ]);
    });

    it('totals the ISO week Monday to Sunday, the Sunday of the DST change included', () => {
      const week = weekTotals(entries(), at('2024-10-27T10:30:00+01:00'), at('2024-10-28T09:45:00+01:00'));
      assert.equal(week.weekStart, '2024-10-21');
      assert.deepEqual(week.days.map((d) => d.date), ['2024-10-21', '2024-10-22', '2024-10-23', '2024-10-24', '2024-10-25', '2024-10-26', '2024-10-27']);
      assert.equal(week.technical, 150 * MINUTE);
      assert.equal(week.managerial, HOUR);
    });

    it('counts the running entry in today’s totals up to now', () => {
      assert.deepEqual(todayTotals(entries(), at('2024-10-28T09:45:00+01:00')), { date: '2024-10-28', technical: 45 * MINUTE, managerial: 0, meetings: 0 });
    });
  });
});

inTimeZone('America/New_York', () => {
  describe('splitByLocalDay on New York DST days', () => {
    it('gives 2024-03-10 23 hours and 2024-11-03 25 hours', () => {
      const spring = splitByLocalDay([entry('a', 'technical', at('2024-03-09T12:00:00-05:00'), at('2024-03-11T12:00:00-04:00'))], 0);
      assert.deepEqual(spring.map((d) => [d.date, (d.end - d.start) / HOUR]), [['2024-03-09', 12], ['2024-03-10', 23], ['2024-03-11', 12]]);
      const fall = splitByLocalDay([entry('a', 'technical', at('2024-11-02T12:00:00-04:00'), at('2024-11-04T12:00:00-05:00'))], 0);
      assert.deepEqual(fall.map((d) => [d.date, (d.end - d.start) / HOUR]), [['2024-11-02', 12], ['2024-11-03', 25], ['2024-11-04', 12]]);
    });
  });
});
