import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from 'date-fns';
import { dueBucket, isOverdue, quickDueChoices } from '../../../src/core/dueDates';
import { toLocalDate } from '../../../src/core/localDate';
import { at, inTimeZone } from './timeZone';

inTimeZone('Europe/Berlin', () => {
  describe('quickDueChoices', () => {
    const dates = (iso: string) => quickDueChoices(at(iso), 'en').map((c) => `${c.label}=${c.date}`);

    it('offers today, tomorrow, this Friday and next Monday midweek', () => {
      assert.deepEqual(dates('2024-05-15T10:00:00+02:00'), ['Today=2024-05-15', 'Tomorrow=2024-05-16', 'Friday=2024-05-17', 'Next week=2024-05-20']);
    });

    it('moves Friday to next week from Friday on', () => {
      assert.deepEqual(dates('2024-05-17T10:00:00+02:00'), ['Today=2024-05-17', 'Tomorrow=2024-05-18', 'Friday=2024-05-24', 'Next week=2024-05-20']);
      assert.deepEqual(dates('2024-05-18T10:00:00+02:00').slice(2), ['Friday=2024-05-24', 'Next week=2024-05-20']);
      assert.deepEqual(dates('2024-05-19T23:30:00+02:00'), ['Today=2024-05-19', 'Tomorrow=2024-05-20', 'Friday=2024-05-24', 'Next week=2024-05-20']);
    });

    it('uses the local day late at night and across a DST change', () => {
      assert.deepEqual(dates('2024-05-15T23:30:00+02:00').slice(0, 2), ['Today=2024-05-15', 'Tomorrow=2024-05-16']);
      assert.deepEqual(dates('2024-03-30T23:30:00+01:00').slice(0, 2), ['Today=2024-03-30', 'Tomorrow=2024-03-31']);
    });
  });

  describe('dueBucket and isOverdue', () => {
    const now = () => at('2024-05-15T23:30:00+02:00'); // Wednesday, already Thursday in UTC+3 and east

    it('buckets by local day, the ISO week ending on Sunday', () => {
      assert.equal(dueBucket('2024-05-14', now()), 'overdue');
      assert.equal(dueBucket('2024-05-15', now()), 'today');
      assert.equal(dueBucket('2024-05-19', now()), 'this-week');
      assert.equal(dueBucket('2024-05-20', now()), 'later');
      assert.equal(isOverdue('2024-05-14', now()), true);
      assert.equal(isOverdue('2024-05-15', now()), false);
    });

    it('treats missing or unreadable dates as no due date', () => {
      for (const due of [null, undefined, '', 'Friday', '2024-02-30', '2024-5-1']) {
        assert.equal(dueBucket(due, now()), 'none');
        assert.equal(isOverdue(due, now()), false);
      }
    });

    it('is overdue exactly for past days and today only for today', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 400 * 24 }), fc.integer({ min: -30, max: 30 }), (hours, days) => {
          const t = Date.UTC(2024, 0, 1) + hours * 3_600_000;
          const bucket = dueBucket(toLocalDate(addDays(t, days)), t);
          assert.equal(bucket === 'overdue', days < 0);
          assert.equal(bucket === 'today', days === 0);
          if (days > 6) assert.equal(bucket, 'later');
        }),
      );
    });
  });
});
