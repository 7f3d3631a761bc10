import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, getDay } from 'date-fns';
import { isLocalDate, parseLocalDate, startOfNextLocalDay, toLocalDate } from '../../../src/core/localDate';
import { countWorkingDays, isWorkingDay } from '../../../src/core/workingDays';
import { at, HOUR, inTimeZone } from './timeZone';

inTimeZone('America/New_York', () => {
  describe('local dates', () => {
    it('parses yyyy-MM-dd to the local start of day and back', () => {
      assert.equal(parseLocalDate('2024-03-10').getTime(), at('2024-03-10T00:00:00-05:00'));
      assert.equal(toLocalDate(at('2024-03-10T23:59:00-04:00')), '2024-03-10');
      assert.equal(parseLocalDate('0099-01-01').getFullYear(), 99);
    });

    it('rejects malformed and impossible dates', () => {
      for (const bad of ['2024-02-30', '2024-13-01', '2024-1-01', '20240101', ' 2024-01-01']) {
        assert.equal(isLocalDate(bad), false, bad);
        assert.throws(() => parseLocalDate(bad), RangeError);
      }
      assert.equal(isLocalDate('2024-02-29'), true);
      assert.equal(isLocalDate(20240229), false);
    });

    it('finds the next local midnight 23 or 25 hours later on DST days', () => {
      assert.equal(startOfNextLocalDay(at('2024-03-10T12:00:00-04:00')).getTime() - parseLocalDate('2024-03-10').getTime(), 23 * HOUR);
      assert.equal(startOfNextLocalDay(at('2024-11-03T12:00:00-05:00')).getTime() - parseLocalDate('2024-11-03').getTime(), 25 * HOUR);
    });
  });

  describe('working days', () => {
    it('counts Monday to Friday between two dates, both included', () => {
      assert.equal(countWorkingDays(parseLocalDate('2024-05-13'), parseLocalDate('2024-05-26'), [1, 2, 3, 4, 5]), 10);
      assert.equal(countWorkingDays(parseLocalDate('2024-05-18'), parseLocalDate('2024-05-19'), [1, 2, 3, 4, 5]), 0);
      assert.equal(countWorkingDays(parseLocalDate('2024-05-20'), parseLocalDate('2024-05-17'), [1, 2, 3, 4, 5]), 0);
      assert.equal(isWorkingDay(parseLocalDate('2024-05-19'), [0]), true);
    });

    it('agrees with walking the days one by one', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: -3, max: 60 }), fc.uniqueArray(fc.integer({ min: 0, max: 6 })), (offset, length, days) => {
          const first = addDays(parseLocalDate('2024-01-01'), offset);
          const last = addDays(first, length);
          let walked = 0;
          for (let d = first; d <= last; d = addDays(d, 1)) if (days.includes(getDay(d))) walked++;
          assert.equal(countWorkingDays(first, last, days), walked);
        }),
      );
    });
  });
});
