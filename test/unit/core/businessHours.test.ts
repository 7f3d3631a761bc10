import assert from 'node:assert/strict';
import fc from 'fast-check';
import { businessMsBetween, parseClockTime, slaState, type BusinessHours } from '../../../src/core/businessHours';
import { at, HOUR, inTimeZone, MINUTE } from './timeZone';

const EVERY_DAY_ALL_DAY: BusinessHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' };

inTimeZone('Europe/Berlin', () => {
  describe('businessMsBetween', () => {
    it('counts only working hours on working days', () => {
      assert.equal(businessMsBetween(at('2024-05-15T10:00:00+02:00'), at('2024-05-15T12:30:00+02:00')), 2.5 * HOUR);
      assert.equal(businessMsBetween(at('2024-05-15T08:00:00+02:00'), at('2024-05-15T20:00:00+02:00')), 8 * HOUR);
      assert.equal(businessMsBetween(at('2024-05-15T18:00:00+02:00'), at('2024-05-16T08:59:00+02:00')), 0, 'night');
      assert.equal(businessMsBetween(at('2024-05-17T16:00:00+02:00'), at('2024-05-20T10:00:00+02:00')), 2 * HOUR, 'over the weekend');
      assert.equal(businessMsBetween(at('2024-05-18T09:00:00+02:00'), at('2024-05-19T17:00:00+02:00')), 0, 'weekend only');
      assert.equal(businessMsBetween(at('2024-05-13T00:00:00+02:00'), at('2024-05-20T00:00:00+02:00')), 40 * HOUR, 'a full week');
    });

    it('returns 0 for an empty or reversed interval and for closing before opening', () => {
      const t = at('2024-05-15T10:00:00+02:00');
      assert.equal(businessMsBetween(t, t), 0);
      assert.equal(businessMsBetween(t + HOUR, t), 0);
      assert.equal(businessMsBetween(t, t + HOUR, { days: [3], start: '17:00', end: '09:00' }), 0);
    });

    it('honours configured days and hours', () => {
      const sundayToThursday: BusinessHours = { days: [0, 1, 2, 3, 4], start: '08:00', end: '16:30' };
      // Thursday 15:00 → Sunday 09:00: 1.5 h Thursday, Friday and Saturday off, 1 h Sunday.
      assert.equal(businessMsBetween(at('2024-05-16T15:00:00+02:00'), at('2024-05-19T09:00:00+02:00'), sundayToThursday), 2.5 * HOUR);
    });

    it('keeps 09:00–17:00 at 8 hours on both DST days', () => {
      const everyDay: BusinessHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '09:00', end: '17:00' };
      assert.equal(businessMsBetween(at('2024-03-31T00:00:00+01:00'), at('2024-04-01T00:00:00+02:00'), everyDay), 8 * HOUR);
      assert.equal(businessMsBetween(at('2024-10-27T00:00:00+02:00'), at('2024-10-28T00:00:00+01:00'), everyDay), 8 * HOUR);
      assert.equal(businessMsBetween(at('2024-03-29T16:00:00+01:00'), at('2024-04-01T10:00:00+02:00')), 2 * HOUR, 'Friday to Monday across the change');
    });

    it('makes a whole-day window 23 and 25 hours long on DST days', () => {
      assert.equal(businessMsBetween(at('2024-03-31T00:00:00+01:00'), at('2024-04-01T00:00:00+02:00'), EVERY_DAY_ALL_DAY), 23 * HOUR);
      assert.equal(businessMsBetween(at('2024-10-27T00:00:00+02:00'), at('2024-10-28T00:00:00+01:00'), EVERY_DAY_ALL_DAY), 25 * HOUR);
    });
  });
});

for (const zone of ['Europe/Berlin', 'America/New_York']) {
  inTimeZone(zone, () => {
    describe('businessMsBetween (properties)', () => {
      // Instants within a few weeks around the 2024 spring and autumn DST changes.
      const instant = fc.tuple(fc.constantFrom(Date.UTC(2024, 2, 1), Date.UTC(2024, 9, 20)), fc.integer({ min: 0, max: 40 * 24 * 60 })).map(([base, m]) => base + m * MINUTE);
      const hours = fc.record({
        days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }),
        start: fc.integer({ min: 0, max: 23 }).map((h) => `${String(h).padStart(2, '0')}:00`),
        end: fc.integer({ min: 1, max: 24 }).map((h) => `${String(h).padStart(2, '0')}:30`.replace('24:30', '24:00')),
      });

      it('is never negative nor more than the wall time', () => {
        fc.assert(
          fc.property(instant, instant, hours, (a, b, h) => {
            const ms = businessMsBetween(a, b, h);
            assert.ok(ms >= 0 && ms <= Math.max(0, b - a));
          }),
        );
      });

      it('grows with the end and adds up over consecutive intervals', () => {
        fc.assert(
          fc.property(fc.array(instant, { minLength: 3, maxLength: 3 }), hours, (points, h) => {
            const [a, b, c] = [...points].sort((x, y) => x - y) as [number, number, number];
            assert.ok(businessMsBetween(a, b, h) <= businessMsBetween(a, c, h));
            assert.equal(businessMsBetween(a, b, h) + businessMsBetween(b, c, h), businessMsBetween(a, c, h));
          }),
        );
      });

      it('equals the wall time when every hour of every day is business time', () => {
        fc.assert(fc.property(instant, instant, (a, b) => assert.equal(businessMsBetween(a, b, EVERY_DAY_ALL_DAY), Math.max(0, b - a))));
      });
    });
  });
}

describe('slaState', () => {
  it('is due soon from 75% and breached from 100% of the SLA', () => {
    assert.equal(slaState(18 * HOUR - 1, 24), 'ok');
    assert.equal(slaState(18 * HOUR, 24), 'due-soon');
    assert.equal(slaState(24 * HOUR - 1, 24), 'due-soon');
    assert.equal(slaState(24 * HOUR, 24), 'breached');
    assert.equal(slaState(3 * HOUR, 4), 'due-soon');
  });

  it('treats a non-positive SLA as none', () => {
    assert.equal(slaState(1000 * HOUR, 0), 'ok');
    assert.equal(slaState(1000 * HOUR, -1), 'ok');
  });
});

describe('parseClockTime', () => {
  it('reads HH:mm up to 24:00 and rejects anything else', () => {
    assert.equal(parseClockTime('09:30'), 570);
    assert.equal(parseClockTime('24:00'), 1440);
    for (const bad of ['9:30', '09:60', '24:01', '25:00', 'noon', '']) assert.throws(() => parseClockTime(bad), RangeError, bad);
  });
});
