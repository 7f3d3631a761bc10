import assert from 'node:assert/strict';
import { MAX_SNOOZE_DAYS, snoozeBounds, snoozeUntil } from '../../../src/queue/snooze';
import { at, inTimeZone } from '../core/timeZone';

inTimeZone('Europe/Berlin', () => {
  describe('snoozeUntil', () => {
    it('accepts tomorrow up to 90 days ahead, ending at the start of that local day', () => {
      const now = at('2024-05-08T15:30:00+02:00');
      assert.equal(snoozeUntil('2024-05-09', now), at('2024-05-09T00:00:00+02:00'));
      assert.equal(snoozeUntil('2024-08-06', now), at('2024-08-06T00:00:00+02:00'));
      assert.equal(MAX_SNOOZE_DAYS, 90);
    });

    it('refuses today, the past, more than 90 days, and malformed dates', () => {
      const now = at('2024-05-08T15:30:00+02:00');
      for (const date of ['2024-05-08', '2024-05-07', '1999-01-01', '2024-08-07', '2099-01-01', '2024-02-30', '2024-5-9', '', 'tomorrow', '2024-05-09T00:00']) {
        assert.equal(snoozeUntil(date, now), null, date);
      }
    });

    it('counts calendar days across a DST change', () => {
      const now = at('2024-03-30T23:30:00+01:00'); // the night before clocks go forward
      assert.equal(snoozeUntil('2024-03-31', now), at('2024-03-31T00:00:00+01:00'));
    });

    it('offers the same bounds it accepts', () => {
      const now = at('2024-05-08T23:59:00+02:00');
      const { min, max } = snoozeBounds(now);
      assert.equal(min, '2024-05-09');
      assert.equal(max, '2024-08-06');
      assert.notEqual(snoozeUntil(min, now), null);
      assert.notEqual(snoozeUntil(max, now), null);
    });
  });
});
