import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from 'date-fns';
import { toLocalDate } from '../../../src/core/localDate';
import { milestoneDueDate, milestoneRisk } from '../../../src/core/milestones';
import { at, inTimeZone } from './timeZone';

inTimeZone('Europe/Berlin', () => {
  describe('milestoneRisk', () => {
    // Wednesday 2024-05-15. The 14-day window (May 2–15) holds 10 working days.
    const now = () => at('2024-05-15T10:00:00+02:00');
    const base = { open: 5, closed: 15, dueOn: '2024-05-24', closedRecently: 5, windowDays: 14 };

    it('flags a milestone whose open issues outpace the recent closing rate', () => {
      assert.deepEqual(milestoneRisk(base, now()), {
        progress: 0.75, daysLeft: 9, businessDaysLeft: 8, rate: 0.5, projectedClosable: 4, atRisk: true, reason: 'outpaced',
      });
    });

    it('is on track when the pace clears the open issues in time (boundary included)', () => {
      const risk = milestoneRisk({ ...base, open: 4 }, now());
      assert.equal(risk.atRisk, false);
      assert.equal(risk.reason, 'on-track');
    });

    it('flags overdue milestones with open issues, but not finished ones', () => {
      const overdue = milestoneRisk({ ...base, dueOn: '2024-05-14' }, now());
      assert.deepEqual([overdue.atRisk, overdue.reason, overdue.daysLeft, overdue.businessDaysLeft], [true, 'overdue', -1, 0]);
      const done = milestoneRisk({ ...base, open: 0, dueOn: '2024-05-14' }, now());
      assert.deepEqual([done.atRisk, done.reason, done.progress], [false, 'complete', 1]);
    });

    it('counts today as a working day left, and a weekend due date up to Friday', () => {
      assert.deepEqual(pick(milestoneRisk({ ...base, dueOn: '2024-05-15' }, now())), [0, 1]);
      assert.deepEqual(pick(milestoneRisk({ ...base, dueOn: '2024-05-19' }, now())), [4, 3]);
      function pick(r: ReturnType<typeof milestoneRisk>) {
        return [r.daysLeft, r.businessDaysLeft];
      }
    });

    it('never puts an undated milestone at risk, and an empty one has progress 0', () => {
      const undated = milestoneRisk({ ...base, dueOn: null }, now());
      assert.deepEqual([undated.atRisk, undated.reason, undated.daysLeft], [false, 'no-due-date', null]);
      assert.equal(milestoneRisk({ ...base, open: 0, closed: 0 }, now()).progress, 0);
    });

    it('with no recent progress, any open issue is a risk', () => {
      const stalled = milestoneRisk({ ...base, open: 1, closedRecently: 0, dueOn: '2024-12-31' }, now());
      assert.deepEqual([stalled.rate, stalled.atRisk, stalled.reason], [0, true, 'outpaced']);
    });

    it('uses the configured working days', () => {
      // Sunday–Thursday week: May 2–15 still holds 10 working days (Sundays 5 and 12 replace
      // Fridays 3 and 10), but only 7 are left up to Friday 24th: May 15, 16 and 19–23.
      const risk = milestoneRisk(base, now(), [0, 1, 2, 3, 4]);
      assert.deepEqual([risk.rate, risk.businessDaysLeft], [0.5, 7]);
    });

    it('follows the stated rule and never projects less with a later due date', () => {
      fc.assert(
        fc.property(fc.nat(30), fc.nat(30), fc.nat(20), fc.integer({ min: 0, max: 60 }), fc.integer({ min: -20, max: 60 }), fc.nat(10), (open, closed, recent, window, dueIn, extra) => {
          const m = { open, closed, closedRecently: recent, windowDays: window, dueOn: toLocalDate(addDays(now(), dueIn)) };
          const r = milestoneRisk(m, now());
          assert.equal(r.daysLeft, dueIn);
          assert.equal(r.atRisk, open > 0 && (dueIn < 0 || open > r.rate * r.businessDaysLeft));
          assert.ok(r.progress >= 0 && r.progress <= 1);
          const later = milestoneRisk({ ...m, dueOn: toLocalDate(addDays(now(), dueIn + extra)) }, now());
          assert.ok(later.projectedClosable >= r.projectedClosable);
        }),
      );
    });
  });
});

inTimeZone('America/New_York', () => {
  describe('milestoneDueDate', () => {
    it('takes the UTC date GitHub means, even west of UTC', () => {
      assert.equal(milestoneDueDate('2024-05-01T07:00:00Z'), '2024-05-01');
      assert.equal(milestoneDueDate('2024-05-01T00:00:00Z'), '2024-05-01');
      assert.equal(milestoneDueDate(null), null);
      assert.equal(milestoneDueDate('soon'), null);
    });
  });
});
